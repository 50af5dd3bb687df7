#include "jobs/janitor.h"

#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>

#include "base/files.h"
#include "jobs/sqlite_store.h"
#include "support/test_env.h"

namespace crmerge::jobs {
namespace {

constexpr int64_t kHour = 3600LL * 1000;
constexpr int64_t kDay = 24 * kHour;
constexpr int64_t kNow = 1'700'000'000'000;  // a fixed "now": the sweep takes the time as an argument

bool nothing_in_use(const std::string&) { return false; }

// A data folder with a real SQLite store in a fresh temporary folder.
class JanitorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir_.create().is_ok());
    Result<std::unique_ptr<JobStore>> store = open_sqlite_store(dir_.store_path());
    ASSERT_TRUE(store.is_ok()) << store.status().to_string();
    store_ = std::move(store).value();
  }

  // Records a job in `state` and creates the folders a job in that state has:
  // its uploads, its job folder and its result folder with both files.
  JobRecord add_job(JobState state, int64_t finished_ms, bool with_work_dir = false) {
    JobRecord job;
    job.id = new_job_id();
    job.tenant = "local";
    job.state = state;
    job.created_ms = finished_ms > 0 ? finished_ms - kHour : kNow - 30 * kDay;
    job.started_ms = job.created_ms + 1000;
    job.finished_ms = finished_ms;
    job.spec_json = "{}";
    job.upload_dir = dir_.uploads(job.id);
    make_folder_with_file(job.upload_dir, "crm.csv");
    job.work_dir = dir_.work(job.id);
    if (with_work_dir) make_folder_with_file(job.work_dir, "job.duckdb");
    if (state == JobState::kSucceeded || state == JobState::kRunning) {
      make_folder_with_file(dir_.results(job.id), "result.csv");
      test::write_file(dir_.report_file(job.id), "{}");
    }
    if (state == JobState::kSucceeded) {
      job.result_path = dir_.result_file(job.id);
      job.report_path = dir_.report_file(job.id);
    }
    Result<CreateOutcome> created = store_->create(job);
    EXPECT_TRUE(created.is_ok()) << created.status().to_string();
    return job;
  }

  JobRecord stored(const std::string& id) {
    Result<std::optional<JobRecord>> job = store_->get(id);
    EXPECT_TRUE(job.is_ok()) << job.status().to_string();
    EXPECT_TRUE(job.is_ok() && job->has_value()) << "job " << id << " is gone from the store";
    return job.is_ok() && job->has_value() ? **job : JobRecord{};
  }

  SweepCounts sweep_at(int64_t now_ms, const std::function<bool(const std::string&)>& in_use = nothing_in_use) {
    Result<SweepCounts> counts = sweep(*store_, dir_, Retention{}, now_ms, in_use);
    EXPECT_TRUE(counts.is_ok()) << counts.status().to_string();
    return counts.is_ok() ? *counts : SweepCounts{};
  }

  static void make_folder_with_file(const std::string& folder, const std::string& file) {
    ASSERT_TRUE(make_directories(folder).is_ok()) << folder;
    test::write_file(folder + "/" + file, "x");
  }

  test::TempDir temp_;
  DataDir dir_{temp_.path()};
  std::unique_ptr<JobStore> store_;
};

TEST(ParseDurationMs, ReadsSecondsMinutesHoursAndDays) {
  EXPECT_EQ(parse_duration_ms("90s"), 90 * 1000);
  EXPECT_EQ(parse_duration_ms("30m"), 30 * 60 * 1000);
  EXPECT_EQ(parse_duration_ms("24h"), 24 * kHour);
  EXPECT_EQ(parse_duration_ms("7d"), 7 * kDay);
  // Regression: a number that fits but overflows once multiplied by its unit.
  EXPECT_EQ(parse_duration_ms("300000000000d"), -1);
  EXPECT_EQ(parse_duration_ms("0s"), 0);
  EXPECT_EQ(parse_duration_ms("365d"), 365 * kDay);
}

TEST(ParseDurationMs, RefusesWhatIsNotACountAndAUnit) {
  for (const char* bad : {"", "5", "55", "5w", "-1h", "h", "1.5h", "1 h", " 1h", "1H", "1hh", "d7"})
    EXPECT_EQ(parse_duration_ms(bad), -1) << '"' << bad << '"';
}

TEST_F(JanitorTest, AFinishedJobLosesItsUploadsAfterInputRetentionAndItsResultsAfterResultRetention) {
  JobRecord job = add_job(JobState::kSucceeded, kNow - 2 * kDay);

  SweepCounts first = sweep_at(kNow);
  EXPECT_EQ(first.inputs_removed, 1u);
  EXPECT_EQ(first.results_removed, 0u);
  EXPECT_EQ(first.orphans_removed, 0u);
  EXPECT_FALSE(path_exists(dir_.uploads(job.id)));
  JobRecord after_inputs = stored(job.id);
  EXPECT_EQ(after_inputs.upload_dir, "");
  EXPECT_EQ(after_inputs.state, JobState::kSucceeded);
  EXPECT_TRUE(path_exists(dir_.result_file(job.id)));
  EXPECT_TRUE(path_exists(dir_.report_file(job.id)));
  EXPECT_EQ(after_inputs.result_path, job.result_path);
  EXPECT_EQ(after_inputs.report_path, job.report_path);

  // Six days later the job finished eight days ago: past the week of result retention.
  SweepCounts second = sweep_at(kNow + 6 * kDay);
  EXPECT_EQ(second.inputs_removed, 0u);
  EXPECT_EQ(second.results_removed, 1u);
  EXPECT_EQ(second.orphans_removed, 0u);
  EXPECT_FALSE(path_exists(dir_.results(job.id)));
  JobRecord after_results = stored(job.id);
  EXPECT_EQ(after_results.result_path, "");
  EXPECT_EQ(after_results.report_path, "");
  EXPECT_EQ(after_results.state, JobState::kSucceeded);

  SweepCounts third = sweep_at(kNow + 7 * kDay);
  EXPECT_EQ(third.inputs_removed, 0u);
  EXPECT_EQ(third.results_removed, 0u);
  EXPECT_EQ(third.orphans_removed, 0u);
}

TEST_F(JanitorTest, RetentionCountsFromTheEndOfTheJobNotItsStart) {
  // Created three weeks ago, finished an hour ago: nothing is due.
  JobRecord job = add_job(JobState::kSucceeded, kNow - kHour);
  JobRecord created_long_ago = stored(job.id);
  created_long_ago.created_ms = kNow - 21 * kDay;
  created_long_ago.started_ms = kNow - 21 * kDay;
  ASSERT_TRUE(store_->update(created_long_ago).is_ok());

  SweepCounts counts = sweep_at(kNow);
  EXPECT_EQ(counts.inputs_removed, 0u);
  EXPECT_EQ(counts.results_removed, 0u);
  EXPECT_TRUE(path_exists(dir_.uploads(job.id)));
  EXPECT_TRUE(path_exists(dir_.result_file(job.id)));
}

TEST_F(JanitorTest, ARecentlyFinishedJobKeepsEverything) {
  JobRecord succeeded = add_job(JobState::kSucceeded, kNow - kHour);
  JobRecord failed = add_job(JobState::kFailed, kNow - 23 * kHour);

  SweepCounts counts = sweep_at(kNow);
  EXPECT_EQ(counts.inputs_removed, 0u);
  EXPECT_EQ(counts.results_removed, 0u);
  EXPECT_EQ(counts.orphans_removed, 0u);
  EXPECT_TRUE(path_exists(succeeded.upload_dir + "/crm.csv"));
  EXPECT_TRUE(path_exists(dir_.result_file(succeeded.id)));
  EXPECT_TRUE(path_exists(dir_.report_file(succeeded.id)));
  EXPECT_TRUE(path_exists(failed.upload_dir + "/crm.csv"));
  JobRecord kept = stored(succeeded.id);
  EXPECT_EQ(kept.upload_dir, succeeded.upload_dir);
  EXPECT_EQ(kept.result_path, succeeded.result_path);
  EXPECT_EQ(kept.report_path, succeeded.report_path);
  EXPECT_EQ(stored(failed.id).upload_dir, failed.upload_dir);
}

TEST_F(JanitorTest, AFailedJobLosesItsUploadsAfterInputRetention) {
  JobRecord failed = add_job(JobState::kFailed, kNow - 25 * kHour);
  SweepCounts counts = sweep_at(kNow);
  EXPECT_EQ(counts.inputs_removed, 1u);
  EXPECT_EQ(counts.results_removed, 0u);  // it had no result
  EXPECT_FALSE(path_exists(failed.upload_dir));
  EXPECT_EQ(stored(failed.id).upload_dir, "");
}

TEST_F(JanitorTest, NeverRemovesTheFoldersOfARunningOrQueuedJob) {
  JobRecord running = add_job(JobState::kRunning, 0, /*with_work_dir=*/true);
  JobRecord queued = add_job(JobState::kQueued, 0, /*with_work_dir=*/true);

  // Long after both were created, with every retention past.
  SweepCounts counts = sweep_at(kNow + 60 * kDay);
  EXPECT_EQ(counts.inputs_removed, 0u);
  EXPECT_EQ(counts.results_removed, 0u);
  EXPECT_EQ(counts.orphans_removed, 0u);
  for (const JobRecord& job : {running, queued}) {
    EXPECT_TRUE(path_exists(dir_.uploads(job.id) + "/crm.csv")) << job_state_name(job.state);
    EXPECT_TRUE(path_exists(dir_.work(job.id) + "/job.duckdb")) << job_state_name(job.state);
    EXPECT_EQ(stored(job.id).upload_dir, job.upload_dir);
  }
  EXPECT_TRUE(path_exists(dir_.result_file(running.id)));
  EXPECT_TRUE(path_exists(dir_.report_file(running.id)));
}

TEST_F(JanitorTest, RemovesFoldersOfNoJob) {
  JobRecord kept = add_job(JobState::kSucceeded, kNow - kHour);
  std::set<std::string> orphans;
  for (const std::string& root : {dir_.uploads_root(), dir_.work_root(), dir_.results_root()}) {
    std::string unknown_id = root + "/" + new_job_id();
    make_folder_with_file(unknown_id, "data");
    make_folder_with_file(root + "/not-a-job", "data");
    test::write_file(root + "/stray.tmp", "x");  // a file, not a folder
    orphans.insert({unknown_id, root + "/not-a-job", root + "/stray.tmp"});
  }

  SweepCounts counts = sweep_at(kNow);
  EXPECT_EQ(counts.orphans_removed, orphans.size());
  EXPECT_EQ(counts.inputs_removed, 0u);
  EXPECT_EQ(counts.results_removed, 0u);
  for (const std::string& orphan : orphans) EXPECT_FALSE(path_exists(orphan)) << orphan;
  EXPECT_TRUE(path_exists(kept.upload_dir + "/crm.csv"));
  EXPECT_TRUE(path_exists(dir_.result_file(kept.id)));
  EXPECT_TRUE(path_exists(dir_.store_path()));
}

TEST_F(JanitorTest, KeepsAnUploadFolderThatIsInUse) {
  std::string uploading_id = new_job_id();
  make_folder_with_file(dir_.uploads(uploading_id), "crm.csv.part");
  make_folder_with_file(dir_.uploads_root() + "/upload-7", "enrich-0.csv.part");
  std::string abandoned_id = new_job_id();
  make_folder_with_file(dir_.uploads(abandoned_id), "crm.csv");
  std::set<std::string> asked;
  auto in_use = [&](const std::string& name) {
    asked.insert(name);
    return name == uploading_id || name == "upload-7";
  };

  SweepCounts counts = sweep_at(kNow, in_use);
  EXPECT_EQ(counts.orphans_removed, 1u);
  EXPECT_TRUE(path_exists(dir_.uploads(uploading_id) + "/crm.csv.part"));
  EXPECT_TRUE(path_exists(dir_.uploads_root() + "/upload-7/enrich-0.csv.part"));
  EXPECT_FALSE(path_exists(dir_.uploads(abandoned_id)));
  EXPECT_EQ(asked.count(uploading_id), 1u);
  EXPECT_EQ(asked.count("upload-7"), 1u);
}

TEST_F(JanitorTest, RemovesTheLeftoverJobFolderOfAFinalJob) {
  JobRecord succeeded = add_job(JobState::kSucceeded, kNow - kHour, /*with_work_dir=*/true);
  JobRecord cancelled = add_job(JobState::kCancelled, kNow - kHour, /*with_work_dir=*/true);

  SweepCounts counts = sweep_at(kNow);
  EXPECT_EQ(counts.orphans_removed, 2u);
  EXPECT_EQ(counts.inputs_removed, 0u);
  EXPECT_EQ(counts.results_removed, 0u);
  EXPECT_FALSE(path_exists(dir_.work(succeeded.id)));
  EXPECT_FALSE(path_exists(dir_.work(cancelled.id)));
  // Within retention, the rest stays.
  EXPECT_TRUE(path_exists(succeeded.upload_dir + "/crm.csv"));
  EXPECT_TRUE(path_exists(dir_.result_file(succeeded.id)));
  EXPECT_TRUE(path_exists(cancelled.upload_dir + "/crm.csv"));
}

TEST_F(JanitorTest, RemovesTheUploadsFolderOfAFinalJobThatHasNoUploads) {
  // A job named its inputs by path: its uploads folder holds only the mapping
  // file the worker wrote, which no one needs once the job is final.
  JobRecord job = add_job(JobState::kSucceeded, kNow - kHour);
  JobRecord by_path = stored(job.id);
  by_path.upload_dir.clear();
  ASSERT_TRUE(store_->update(by_path).is_ok());
  ASSERT_TRUE(make_directories(dir_.uploads(job.id)).is_ok());
  test::write_file(dir_.uploads(job.id) + "/mapping.json", "{}");

  SweepCounts counts = sweep_at(kNow);
  EXPECT_EQ(counts.orphans_removed, 1u);
  EXPECT_FALSE(path_exists(dir_.uploads(job.id)));
  EXPECT_TRUE(path_exists(dir_.result_file(job.id)));
}

}  // namespace
}  // namespace crmerge::jobs
