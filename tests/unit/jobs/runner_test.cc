#include "jobs/runner.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "base/files.h"
#include "jobs/job_spec.h"
#include "jobs/sqlite_store.h"
#include "support/test_env.h"

namespace crmerge::jobs {
namespace {

const std::string kExamples = CRMERGE_SOURCE_DIR "/examples";

JobRecord queued_job(int n) {
  JobSpec spec;
  spec.crm = {"", "crm.csv", kExamples + "/crm.csv", 0, "", {}};
  spec.enrich = {{"apollo", "apollo.csv", kExamples + "/apollo.csv", 0, "", {}}};
  JobRecord job;
  job.id = new_job_id();
  job.tenant = "local";
  job.created_ms = 1000 + n;
  job.spec_json = job_spec_json(spec);
  return job;
}

// A data folder with a real SQLite store, in a fresh temporary folder.
struct ServiceFolder {
  test::TempDir tmp;
  DataDir dir{tmp.path()};
  std::unique_ptr<JobStore> store;
  ServiceFolder() {
    if (!dir.create().is_ok()) return;
    auto opened = open_sqlite_store(dir.store_path());
    if (opened.is_ok()) store = std::move(opened).value();
  }
  // `n` queued jobs in the store, their ids in order.
  std::vector<std::string> queue(int n) {
    std::vector<std::string> ids;
    for (int i = 0; i < n; ++i) {
      JobRecord job = queued_job(i);
      ids.push_back(job.id);
      EXPECT_TRUE(store->create(job).is_ok());
    }
    return ids;
  }
};

// Waits until no job is queued or running.
void wait_idle(JobStore& store) {
  for (int i = 0; i < 6000; ++i) {
    auto counts = store.count_by_state();
    ASSERT_TRUE(counts.is_ok());
    if ((*counts)[JobState::kQueued] == 0 && (*counts)[JobState::kRunning] == 0) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  FAIL() << "jobs still queued or running after 60 s";
}

TEST(Runner, RunsQueuedJobsToSuccess) {
  ServiceFolder f;
  ASSERT_TRUE(f.store);
  DataDir& dir = f.dir;
  std::vector<std::string> ids = f.queue(3);
  std::atomic<int> finals{0};
  Runner runner(*f.store, dir, {2, 256u << 20, 2}, [&](const JobRecord&) { ++finals; });
  ASSERT_TRUE(runner.start().is_ok());
  runner.wake();
  wait_idle(*f.store);
  runner.stop();
  EXPECT_EQ(finals, 3);
  for (const auto& id : ids) {
    auto job = f.store->get(id);
    ASSERT_TRUE(job.is_ok() && *job);
    EXPECT_EQ((*job)->state, JobState::kSucceeded) << (*job)->error;
    EXPECT_TRUE(path_exists(dir.result_file(id)));
    EXPECT_FALSE(path_exists(dir.work(id))) << "the job folder is deleted once the result is stored";
    EXPECT_EQ((*job)->runs, 1);
  }
}

// A job that cancel() reported cancelled stays cancelled: no worker claims it
// between the cancel's read and write of the record. Cancels race the claims.
TEST(Runner, AJobReportedCancelledNeverRunsAfterwards) {
  ServiceFolder f;
  ASSERT_TRUE(f.store);
  DataDir& dir = f.dir;
  std::vector<std::string> ids = f.queue(24);
  Runner runner(*f.store, dir, {2, 256u << 20, 2}, nullptr);
  ASSERT_TRUE(runner.start().is_ok());
  runner.wake();
  std::vector<std::string> reported_cancelled;
  for (const auto& id : ids) {
    auto r = runner.cancel(id);
    if (r.is_ok() && r->state == JobState::kCancelled) reported_cancelled.push_back(id);
    std::this_thread::sleep_for(std::chrono::milliseconds(3));
  }
  wait_idle(*f.store);
  runner.stop();
  EXPECT_FALSE(reported_cancelled.empty());
  for (const auto& id : reported_cancelled) {
    auto job = f.store->get(id);
    ASSERT_TRUE(job.is_ok() && *job);
    EXPECT_EQ((*job)->state, JobState::kCancelled) << "job " << id << " was reported cancelled, then ran";
    EXPECT_EQ((*job)->started_ms, 0) << "job " << id << " was reported cancelled, then claimed";
  }
  for (const auto& id : ids) {
    auto job = f.store->get(id);
    ASSERT_TRUE(job.is_ok() && *job);
    EXPECT_TRUE(is_final((*job)->state));
  }
}

TEST(Runner, StartRequeuesJobsLeftRunningAndCancelsThoseAskedTo) {
  ServiceFolder f;
  ASSERT_TRUE(f.store);
  DataDir& dir = f.dir;
  JobRecord left = queued_job(1), asked = queued_job(2);
  left.state = asked.state = JobState::kRunning;
  asked.cancel_requested = true;
  ASSERT_TRUE(f.store->create(left).is_ok());
  ASSERT_TRUE(f.store->create(asked).is_ok());
  Runner runner(*f.store, dir, {1, 256u << 20, 1}, nullptr);
  ASSERT_TRUE(runner.start().is_ok());
  wait_idle(*f.store);
  runner.stop();
  EXPECT_EQ((*f.store->get(left.id))->state, JobState::kSucceeded);
  EXPECT_EQ((*f.store->get(asked.id))->state, JobState::kCancelled);
}

}  // namespace
}  // namespace crmerge::jobs
