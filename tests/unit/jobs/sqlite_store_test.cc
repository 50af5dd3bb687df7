#include "jobs/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "support/test_env.h"

namespace crmerge::jobs {
namespace {

using test::TempDir;

std::unique_ptr<JobStore> open_store(const std::string& path) {
  Result<std::unique_ptr<JobStore>> store = open_sqlite_store(path);
  EXPECT_TRUE(store.is_ok()) << store.status().to_string();
  return store.is_ok() ? std::move(store).value() : nullptr;
}

JobRecord make_job(const std::string& id, const std::string& tenant, int64_t created_ms) {
  JobRecord job;
  job.id = id;
  job.tenant = tenant;
  job.created_ms = created_ms;
  return job;
}

// Runs SQL on the file through a connection of its own, the way another
// process would see it; returns the first column of the first row.
std::string query_raw(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  std::string out;
  char* error = nullptr;
  int rc = sqlite3_exec(
      db, sql.c_str(),
      [](void* out, int, char** values, char**) {
        auto* text = static_cast<std::string*>(out);
        if (text->empty() && values[0]) *text = values[0];
        return 0;
      },
      &out, &error);
  EXPECT_EQ(rc, SQLITE_OK) << (error ? error : "") << " in " << sql;
  sqlite3_free(error);
  sqlite3_close(db);
  return out;
}

std::vector<std::string> ids_of(const std::vector<JobRecord>& jobs) {
  std::vector<std::string> ids;
  for (const JobRecord& j : jobs) ids.push_back(j.id);
  return ids;
}

void expect_same_job(const JobRecord& a, const JobRecord& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.tenant, b.tenant);
  EXPECT_EQ(a.state, b.state);
  EXPECT_EQ(a.phase, b.phase);
  EXPECT_EQ(a.percent, b.percent);
  EXPECT_EQ(a.rows_done, b.rows_done);
  EXPECT_EQ(a.rows_per_second, b.rows_per_second);
  EXPECT_EQ(a.eta_seconds, b.eta_seconds);
  EXPECT_EQ(a.error, b.error);
  EXPECT_EQ(a.error_reason, b.error_reason);
  EXPECT_EQ(a.created_ms, b.created_ms);
  EXPECT_EQ(a.started_ms, b.started_ms);
  EXPECT_EQ(a.finished_ms, b.finished_ms);
  EXPECT_EQ(a.spec_json, b.spec_json);
  EXPECT_EQ(a.idempotency_key, b.idempotency_key);
  EXPECT_EQ(a.webhook_url, b.webhook_url);
  EXPECT_EQ(a.webhook_attempts, b.webhook_attempts);
  EXPECT_EQ(a.webhook_delivered, b.webhook_delivered);
  EXPECT_EQ(a.upload_dir, b.upload_dir);
  EXPECT_EQ(a.work_dir, b.work_dir);
  EXPECT_EQ(a.result_path, b.result_path);
  EXPECT_EQ(a.report_path, b.report_path);
  EXPECT_EQ(a.bytes_in, b.bytes_in);
  EXPECT_EQ(a.bytes_out, b.bytes_out);
  EXPECT_EQ(a.rows_in, b.rows_in);
  EXPECT_EQ(a.timings_json, b.timings_json);
  EXPECT_EQ(a.cancel_requested, b.cancel_requested);
  EXPECT_EQ(a.runs, b.runs);
}

// Every field away from its default and from every other field.
JobRecord every_field_set() {
  JobRecord job;
  job.id = "0123456789abcdef0123456789abcdef";
  job.tenant = "acme";
  job.state = JobState::kFailed;
  job.phase = "match";
  job.percent = 42.5;
  job.rows_done = 1234567;
  job.rows_per_second = 987.25;
  job.eta_seconds = 12.75;
  job.error = "the CRM file 'é.csv' has no email column";
  job.error_reason = "invalid_input";
  job.created_ms = 1700000000001;
  job.started_ms = 1700000000002;
  job.finished_ms = 1700000000003;
  job.spec_json = R"({"crm":"crm.csv","vendors":["v1.csv"]})";
  job.idempotency_key = "key-1";
  job.webhook_url = "https://example.test/hook";
  job.webhook_attempts = 3;
  job.webhook_delivered = true;
  job.upload_dir = "/data/uploads/0123";
  job.work_dir = "/data/jobs/0123";
  job.result_path = "/data/jobs/0123/merged.csv";
  job.report_path = "/data/jobs/0123/report.json";
  job.bytes_in = std::numeric_limits<uint64_t>::max() - 7;  // above INT64_MAX: the bit pattern must survive
  job.bytes_out = 5555;
  job.rows_in = 777;
  job.timings_json = R"({"import":1.5})";
  job.cancel_requested = true;
  job.runs = 2;
  return job;
}

TEST(JobState, NamesRoundTrip) {
  for (JobState s : kAllJobStates) EXPECT_EQ(parse_job_state(job_state_name(s)), s);
  EXPECT_EQ(std::string(job_state_name(JobState::kCancelled)), "cancelled");
  EXPECT_FALSE(parse_job_state("Queued").has_value());
  EXPECT_FALSE(parse_job_state("").has_value());
}

TEST(SqliteStore, RoundTripsEveryField) {
  TempDir dir;
  auto store = open_store(dir.file("jobs.db"));
  ASSERT_TRUE(store);
  JobRecord job = every_field_set();
  auto created = store->create(job);
  ASSERT_TRUE(created.is_ok()) << created.status().to_string();
  EXPECT_TRUE(created->created);
  auto got = store->get(job.id);
  ASSERT_TRUE(got.is_ok()) << got.status().to_string();
  ASSERT_TRUE(got->has_value());
  expect_same_job(**got, job);
}

TEST(SqliteStore, GetOfUnknownIdIsNullopt) {
  TempDir dir;
  auto store = open_store(dir.file("jobs.db"));
  ASSERT_TRUE(store);
  auto got = store->get("nope");
  ASSERT_TRUE(got.is_ok());
  EXPECT_FALSE(got->has_value());
}

TEST(SqliteStore, KeepsJobsAcrossReopen) {
  TempDir dir;
  std::string path = dir.file("jobs.db");
  JobRecord job = every_field_set();
  {
    auto store = open_store(path);
    ASSERT_TRUE(store);
    ASSERT_TRUE(store->create(job).is_ok());
    ASSERT_TRUE(store->set_phase_attempts(job.id, {{"import", 2}}).is_ok());
  }
  auto store = open_store(path);
  ASSERT_TRUE(store);
  auto got = store->get(job.id);
  ASSERT_TRUE(got.is_ok() && got->has_value());
  expect_same_job(**got, job);
  auto attempts = store->phase_attempts(job.id);
  ASSERT_TRUE(attempts.is_ok());
  EXPECT_EQ(*attempts, (std::map<std::string, int>{{"import", 2}}));
}

TEST(SqliteStore, IdempotencyKeyReturnsTheExistingJob) {
  TempDir dir;
  auto store = open_store(dir.file("jobs.db"));
  ASSERT_TRUE(store);
  JobRecord first = make_job("a1", "acme", 100);
  first.idempotency_key = "k";
  first.spec_json = "first";
  ASSERT_TRUE(store->create(first).is_ok());

  JobRecord second = make_job("a2", "acme", 200);
  second.idempotency_key = "k";
  second.spec_json = "second";
  auto again = store->create(second);
  ASSERT_TRUE(again.is_ok()) << again.status().to_string();
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->job.id, "a1");
  EXPECT_EQ(again->job.spec_json, "first");
  auto missing = store->get("a2");
  ASSERT_TRUE(missing.is_ok());
  EXPECT_FALSE(missing->has_value()) << "nothing is inserted for a repeated key";
}

TEST(SqliteStore, IdempotencyKeyIsPerTenant) {
  TempDir dir;
  auto store = open_store(dir.file("jobs.db"));
  ASSERT_TRUE(store);
  JobRecord a = make_job("a1", "acme", 100);
  a.idempotency_key = "k";
  JobRecord b = make_job("b1", "globex", 100);
  b.idempotency_key = "k";
  ASSERT_TRUE(store->create(a).is_ok());
  auto other = store->create(b);
  ASSERT_TRUE(other.is_ok()) << other.status().to_string();
  EXPECT_TRUE(other->created);
  EXPECT_EQ(other->job.id, "b1");
}

TEST(SqliteStore, JobsWithoutAKeyNeverCollide) {
  TempDir dir;
  auto store = open_store(dir.file("jobs.db"));
  ASSERT_TRUE(store);
  auto a = store->create(make_job("a1", "acme", 100));
  auto b = store->create(make_job("a2", "acme", 100));
  ASSERT_TRUE(a.is_ok() && b.is_ok());
  EXPECT_TRUE(a->created);
  EXPECT_TRUE(b->created);
}

TEST(SqliteStore, DuplicateIdFails) {
  TempDir dir;
  auto store = open_store(dir.file("jobs.db"));
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->create(make_job("a1", "acme", 100)).is_ok());
  auto again = store->create(make_job("a1", "globex", 200));
  ASSERT_FALSE(again.is_ok());
  EXPECT_EQ(again.status().code(), StatusCode::kIoError);
}

TEST(SqliteStore, ListsPagesNewestFirstWithinATenant) {
  TempDir dir;
  auto store = open_store(dir.file("jobs.db"));
  ASSERT_TRUE(store);
  // Interleaved with another tenant's jobs, which must never show.
  for (int i = 0; i < 7; ++i) {
    ASSERT_TRUE(store->create(make_job("acme-" + std::to_string(i), "acme", 100 + i)).is_ok());
    ASSERT_TRUE(store->create(make_job("globex-" + std::to_string(i), "globex", 100 + i)).is_ok());
  }
  std::vector<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    auto page = store->list("acme", 3, cursor);
    ASSERT_TRUE(page.is_ok()) << page.status().to_string();
    ASSERT_LE(page->jobs.size(), 3u);
    for (const JobRecord& j : page->jobs) seen.push_back(j.id);
    cursor = page->next_cursor;
    ++pages;
    ASSERT_LE(pages, 3) << "7 jobs fit 3 pages of 3";
  } while (!cursor.empty());
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen, (std::vector<std::string>{"acme-6", "acme-5", "acme-4", "acme-3", "acme-2", "acme-1", "acme-0"}));
}

TEST(SqliteStore, ListEndsWithoutACursorWhenThePageIsExactlyFull) {
  TempDir dir;
  auto store = open_store(dir.file("jobs.db"));
  ASSERT_TRUE(store);
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(store->create(make_job("j" + std::to_string(i), "acme", i)).is_ok());
  auto first = store->list("acme", 2, "");
  ASSERT_TRUE(first.is_ok());
  ASSERT_FALSE(first->next_cursor.empty());
  auto second = store->list("acme", 2, first->next_cursor);
  ASSERT_TRUE(second.is_ok());
  EXPECT_EQ(ids_of(second->jobs), (std::vector<std::string>{"j1", "j0"}));
  EXPECT_EQ(second->next_cursor, "");
}

TEST(SqliteStore, ListClampsTheLimit) {
  TempDir dir;
  auto store = open_store(dir.file("jobs.db"));
  ASSERT_TRUE(store);
  for (int i = 0; i < 1002; ++i) ASSERT_TRUE(store->create(make_job("j" + std::to_string(i), "acme", i)).is_ok());
  auto one = store->list("acme", 0, "");
  ASSERT_TRUE(one.is_ok());
  EXPECT_EQ(one->jobs.size(), 1u);
  EXPECT_FALSE(one->next_cursor.empty());
  auto most = store->list("acme", 5000, "");
  ASSERT_TRUE(most.is_ok());
  EXPECT_EQ(most->jobs.size(), 1000u);
  EXPECT_FALSE(most->next_cursor.empty());
}

TEST(SqliteStore, ListRejectsAMalformedCursor) {
  TempDir dir;
  auto store = open_store(dir.file("jobs.db"));
  ASSERT_TRUE(store);
  for (const char* cursor : {"abc", "-3", "12x", " 12", "0", "99999999999999999999999"}) {
    auto page = store->list("acme", 10, cursor);
    ASSERT_FALSE(page.is_ok()) << cursor;
    EXPECT_EQ(page.status().code(), StatusCode::kInvalidInput) << cursor;
  }
}

TEST(SqliteStore, ClaimsTheOldestQueuedJobFirst) {
  TempDir dir;
  auto store = open_store(dir.file("jobs.db"));
  ASSERT_TRUE(store);
  JobRecord running = make_job("running", "acme", 1);
  running.state = JobState::kRunning;
  ASSERT_TRUE(store->create(running).is_ok());
  ASSERT_TRUE(store->create(make_job("middle", "acme", 2000)).is_ok());
  ASSERT_TRUE(store->create(make_job("newest", "globex", 3000)).is_ok());
  ASSERT_TRUE(store->create(make_job("oldest", "acme", 1000)).is_ok());  // inserted last, created first

  std::vector<std::string> order;
  for (int i = 0; i < 3; ++i) {
    auto claimed = store->claim_next(5000 + i);
    ASSERT_TRUE(claimed.is_ok()) << claimed.status().to_string();
    ASSERT_TRUE(claimed->has_value());
    EXPECT_EQ((*claimed)->state, JobState::kRunning);
    EXPECT_EQ((*claimed)->started_ms, 5000 + i);
    EXPECT_EQ((*claimed)->runs, 1);
    order.push_back((*claimed)->id);
  }
  EXPECT_EQ(order, (std::vector<std::string>{"oldest", "middle", "newest"}));
  auto none = store->claim_next(9000);
  ASSERT_TRUE(none.is_ok());
  EXPECT_FALSE(none->has_value());
  auto stored = store->get("oldest");
  ASSERT_TRUE(stored.is_ok() && stored->has_value());
  EXPECT_EQ((*stored)->state, JobState::kRunning);
  EXPECT_EQ((*stored)->started_ms, 5000);
}

TEST(SqliteStore, ConcurrentClaimsTakeEachJobOnce) {
  TempDir dir;
  auto store = open_store(dir.file("jobs.db"));
  ASSERT_TRUE(store);
  constexpr int kJobs = 50;
  for (int i = 0; i < kJobs; ++i) ASSERT_TRUE(store->create(make_job("j" + std::to_string(i), "acme", i)).is_ok());

  std::vector<std::string> claimed[2];
  bool failed[2] = {false, false};
  auto worker = [&](int w) {
    for (;;) {
      auto job = store->claim_next(1000);
      if (!job.is_ok()) {
        failed[w] = true;
        return;
      }
      if (!job->has_value()) return;
      claimed[w].push_back((*job)->id);
    }
  };
  std::thread a(worker, 0);
  std::thread b(worker, 1);
  a.join();
  b.join();
  EXPECT_FALSE(failed[0] || failed[1]);
  std::multiset<std::string> all(claimed[0].begin(), claimed[0].end());
  all.insert(claimed[1].begin(), claimed[1].end());
  EXPECT_EQ(all.size(), static_cast<size_t>(kJobs));
  EXPECT_EQ(std::set<std::string>(all.begin(), all.end()).size(), static_cast<size_t>(kJobs)) << "a job claimed twice";
  auto counts = store->count_by_state();
  ASSERT_TRUE(counts.is_ok());
  EXPECT_EQ((*counts)[JobState::kRunning], static_cast<uint64_t>(kJobs));
  EXPECT_EQ((*counts)[JobState::kQueued], 0u);
}

TEST(SqliteStore, InStateListsOldestFirstAcrossTenants) {
  TempDir dir;
  auto store = open_store(dir.file("jobs.db"));
  ASSERT_TRUE(store);
  JobRecord r1 = make_job("r-late", "acme", 300);
  r1.state = JobState::kRunning;
  JobRecord r2 = make_job("r-early", "globex", 100);
  r2.state = JobState::kRunning;
  ASSERT_TRUE(store->create(r1).is_ok());
  ASSERT_TRUE(store->create(make_job("q", "acme", 200)).is_ok());
  ASSERT_TRUE(store->create(r2).is_ok());
  auto running = store->in_state(JobState::kRunning);
  ASSERT_TRUE(running.is_ok());
  EXPECT_EQ(ids_of(*running), (std::vector<std::string>{"r-early", "r-late"}));
  auto failed = store->in_state(JobState::kFailed);
  ASSERT_TRUE(failed.is_ok());
  EXPECT_TRUE(failed->empty());
}

TEST(SqliteStore, FinishedBeforeReturnsFinalJobsThatEndedEarlier) {
  TempDir dir;
  auto store = open_store(dir.file("jobs.db"));
  ASSERT_TRUE(store);
  auto add = [&](const std::string& id, JobState state, int64_t finished_ms) {
    JobRecord j = make_job(id, "acme", 1);
    j.state = state;
    j.finished_ms = finished_ms;
    ASSERT_TRUE(store->create(j).is_ok());
  };
  add("cancelled-300", JobState::kCancelled, 300);
  add("succeeded-100", JobState::kSucceeded, 100);
  add("failed-200", JobState::kFailed, 200);
  add("succeeded-500", JobState::kSucceeded, 500);
  add("running", JobState::kRunning, 0);
  add("queued", JobState::kQueued, 0);
  auto old = store->finished_before(400);
  ASSERT_TRUE(old.is_ok()) << old.status().to_string();
  EXPECT_EQ(ids_of(*old), (std::vector<std::string>{"succeeded-100", "failed-200", "cancelled-300"}));
}

TEST(SqliteStore, CountsJobsByState) {
  TempDir dir;
  auto store = open_store(dir.file("jobs.db"));
  ASSERT_TRUE(store);
  int n = 0;
  for (auto [state, count] : std::vector<std::pair<JobState, int>>{
           {JobState::kQueued, 2}, {JobState::kRunning, 1}, {JobState::kSucceeded, 3}, {JobState::kCancelled, 1}}) {
    for (int i = 0; i < count; ++i) {
      ++n;
      JobRecord j = make_job("j" + std::to_string(n), i % 2 ? "acme" : "globex", n);
      j.state = state;
      ASSERT_TRUE(store->create(j).is_ok());
    }
  }
  auto counts = store->count_by_state();
  ASSERT_TRUE(counts.is_ok());
  EXPECT_EQ(*counts, (std::map<JobState, uint64_t>{{JobState::kQueued, 2},
                                                   {JobState::kRunning, 1},
                                                   {JobState::kSucceeded, 3},
                                                   {JobState::kFailed, 0},
                                                   {JobState::kCancelled, 1}}));
}

TEST(SqliteStore, RemoveDeletesTheJobAndItsPhaseAttempts) {
  TempDir dir;
  std::string path = dir.file("jobs.db");
  auto store = open_store(path);
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->create(make_job("gone", "acme", 1)).is_ok());
  ASSERT_TRUE(store->create(make_job("kept", "acme", 2)).is_ok());
  ASSERT_TRUE(store->set_phase_attempts("gone", {{"import", 1}, {"match", 2}}).is_ok());
  ASSERT_TRUE(store->set_phase_attempts("kept", {{"import", 1}}).is_ok());
  ASSERT_TRUE(store->remove("gone").is_ok());
  auto got = store->get("gone");
  ASSERT_TRUE(got.is_ok());
  EXPECT_FALSE(got->has_value());
  EXPECT_EQ(query_raw(path, "SELECT COUNT(*) FROM job_phase_attempts WHERE job_id = 'gone'"), "0");
  EXPECT_EQ(query_raw(path, "SELECT COUNT(*) FROM job_phase_attempts WHERE job_id = 'kept'"), "1");
  EXPECT_TRUE(store->remove("gone").is_ok()) << "removing a missing job is not an error";
}

TEST(SqliteStore, PhaseAttemptsAreReplacedWhole) {
  TempDir dir;
  auto store = open_store(dir.file("jobs.db"));
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->create(make_job("j", "acme", 1)).is_ok());
  auto none = store->phase_attempts("j");
  ASSERT_TRUE(none.is_ok());
  EXPECT_TRUE(none->empty());
  ASSERT_TRUE(store->set_phase_attempts("j", {{"import", 1}, {"match", 2}}).is_ok());
  ASSERT_TRUE(store->set_phase_attempts("j", {{"match", 3}, {"export", 1}}).is_ok());
  auto attempts = store->phase_attempts("j");
  ASSERT_TRUE(attempts.is_ok());
  EXPECT_EQ(*attempts, (std::map<std::string, int>{{"export", 1}, {"match", 3}}));
}

TEST(SqliteStore, SetPhaseAttemptsOfUnknownJobFails) {
  TempDir dir;
  auto store = open_store(dir.file("jobs.db"));
  ASSERT_TRUE(store);
  Status s = store->set_phase_attempts("nope", {{"import", 1}});
  ASSERT_FALSE(s.is_ok());
  EXPECT_NE(s.message().find("no job nope"), std::string::npos) << s.message();
}

TEST(SqliteStore, UpdateReplacesTheRecord) {
  TempDir dir;
  auto store = open_store(dir.file("jobs.db"));
  ASSERT_TRUE(store);
  JobRecord job = make_job("0123456789abcdef0123456789abcdef", "acme", 5);
  ASSERT_TRUE(store->create(job).is_ok());
  JobRecord changed = every_field_set();
  ASSERT_TRUE(store->update(changed).is_ok());
  auto got = store->get(changed.id);
  ASSERT_TRUE(got.is_ok() && got->has_value());
  expect_same_job(**got, changed);
}

TEST(SqliteStore, UpdateOfUnknownIdFails) {
  TempDir dir;
  std::string path = dir.file("jobs.db");
  auto store = open_store(path);
  ASSERT_TRUE(store);
  Status s = store->update(make_job("nope", "acme", 1));
  ASSERT_FALSE(s.is_ok());
  EXPECT_NE(s.message().find("no job nope"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find(path), std::string::npos) << s.message();
  EXPECT_FALSE(store->update_progress(make_job("nope", "acme", 1)).is_ok());
}

TEST(SqliteStore, UpdateProgressTouchesOnlyProgressFieldsAndTimings) {
  TempDir dir;
  auto store = open_store(dir.file("jobs.db"));
  ASSERT_TRUE(store);
  JobRecord job = every_field_set();
  ASSERT_TRUE(store->create(job).is_ok());
  JobRecord progress = make_job(job.id, "someone-else", 99);
  progress.state = JobState::kCancelled;
  progress.error = "ignored";
  progress.phase = "export";
  progress.percent = 97.5;
  progress.rows_done = 42;
  progress.rows_per_second = 10.5;
  progress.eta_seconds = -1;
  progress.timings_json = R"({"import":1.5})";
  ASSERT_TRUE(store->update_progress(progress).is_ok());
  JobRecord expected = job;
  expected.timings_json = R"({"import":1.5})";
  expected.phase = "export";
  expected.percent = 97.5;
  expected.rows_done = 42;
  expected.rows_per_second = 10.5;
  expected.eta_seconds = -1;
  auto got = store->get(job.id);
  ASSERT_TRUE(got.is_ok() && got->has_value());
  expect_same_job(**got, expected);
}

TEST(SqliteStore, KeepsNaNProgress) {
  // SQLite stores NaN as NULL; a NOT NULL column would make this update fail.
  TempDir dir;
  auto store = open_store(dir.file("jobs.db"));
  ASSERT_TRUE(store);
  JobRecord job = make_job("j", "acme", 1);
  ASSERT_TRUE(store->create(job).is_ok());
  job.rows_per_second = std::nan("");
  Status s = store->update_progress(job);
  ASSERT_TRUE(s.is_ok()) << s.to_string();
  auto got = store->get("j");
  ASSERT_TRUE(got.is_ok() && got->has_value());
  EXPECT_TRUE(std::isnan((*got)->rows_per_second));
  EXPECT_EQ((*got)->eta_seconds, -1);
}

TEST(SqliteStore, RecordsEveryMigration) {
  TempDir dir;
  std::string path = dir.file("jobs.db");
  ASSERT_TRUE(open_store(path));
  ASSERT_GE(sqlite_store_schema_version(), 2);
  EXPECT_EQ(query_raw(path,
                      "SELECT group_concat(version, ',') FROM (SELECT version FROM schema_migrations ORDER BY "
                      "version)"),
            "1,2,3");
  EXPECT_EQ(query_raw(path, "SELECT COUNT(*) FROM schema_migrations"), std::to_string(sqlite_store_schema_version()));
  EXPECT_EQ(query_raw(path, "SELECT MAX(version) FROM schema_migrations"),
            std::to_string(sqlite_store_schema_version()));
  EXPECT_EQ(query_raw(path, "SELECT COUNT(*) FROM schema_migrations WHERE applied_at > 0"),
            std::to_string(sqlite_store_schema_version()));
}

TEST(SqliteStore, UpgradesAnOlderSchema) {
  TempDir dir;
  std::string path = dir.file("jobs.db");
  {
    auto store = open_store(path);
    ASSERT_TRUE(store);
    ASSERT_TRUE(store->create(make_job("j", "acme", 1)).is_ok());
  }
  // Back to what version 1 wrote.
  query_raw(path,
            "ALTER TABLE jobs DROP COLUMN request_hash; DROP INDEX jobs_by_tenant; "
            "DELETE FROM schema_migrations WHERE version >= 2");
  auto store = open_store(path);
  ASSERT_TRUE(store);
  EXPECT_EQ(query_raw(path, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'jobs_by_tenant'"),
            "1");
  EXPECT_EQ(query_raw(path, "SELECT MAX(version) FROM schema_migrations"), "3");
  auto got = store->get("j");
  ASSERT_TRUE(got.is_ok());
  ASSERT_TRUE(got->has_value());
  EXPECT_EQ((*got)->request_hash, "") << "a job from before the column has no request hash";
}

TEST(SqliteStore, RefusesAStoreFromANewerCrmerge) {
  TempDir dir;
  std::string path = dir.file("jobs.db");
  query_raw(path,
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER);"
            "INSERT INTO schema_migrations VALUES (999, 0)");
  auto store = open_sqlite_store(path);
  ASSERT_FALSE(store.is_ok());
  const std::string& m = store.status().message();
  EXPECT_NE(m.find(path), std::string::npos) << m;
  EXPECT_NE(m.find("newer crmerge"), std::string::npos) << m;
  EXPECT_NE(m.find("schema version 999"), std::string::npos) << m;
  EXPECT_NE(m.find("knows up to " + std::to_string(sqlite_store_schema_version())), std::string::npos) << m;
  EXPECT_EQ(query_raw(path, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'jobs'"), "0") << "nothing migrated";
}

TEST(SqliteStore, UsesWalMode) {
  TempDir dir;
  std::string path = dir.file("jobs.db");
  auto store = open_store(path);
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->create(make_job("j", "acme", 1)).is_ok());
  EXPECT_EQ(query_raw(path, "PRAGMA journal_mode"), "wal");
}

TEST(SqliteStore, OpenFailureNamesTheFile) {
  TempDir dir;
  std::string path = dir.file("missing-folder/jobs.db");
  auto store = open_sqlite_store(path);
  ASSERT_FALSE(store.is_ok());
  EXPECT_EQ(store.status().code(), StatusCode::kIoError);
  EXPECT_NE(store.status().message().find(path), std::string::npos) << store.status().message();
}

}  // namespace
}  // namespace crmerge::jobs
