// Where job records live, behind one interface: SQLite in the data folder by
// default (jobs/sqlite_store.h); a PostgreSQL store implements the same
// contract later. Every method is safe to call from any thread at once; each
// is one transaction. Errors are I/O errors naming the store.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "jobs/job_record.h"

namespace crmerge::jobs {

struct CreateOutcome {
  JobRecord job;
  bool created = true;  // false: the tenant's idempotency key named an existing job, returned as it is
};

struct JobPage {
  std::vector<JobRecord> jobs;  // newest first
  std::string next_cursor;      // "" when this is the last page
};

class JobStore {
 public:
  virtual ~JobStore() = default;

  // Inserts `job` (its id, tenant and created_ms set by the caller). When
  // job.idempotency_key is not empty and the tenant already has a job with that
  // key, nothing is inserted and that job is returned with created = false.
  virtual Result<CreateOutcome> create(const JobRecord& job) = 0;
  virtual Result<std::optional<JobRecord>> get(const std::string& id) = 0;
  // The tenant's jobs, newest first, `limit` (1..1000) per page; `cursor` is ""
  // for the first page, else a previous page's next_cursor.
  virtual Result<JobPage> list(const std::string& tenant, size_t limit, const std::string& cursor) = 0;
  // Every job in `state`, oldest first (all tenants): recovery and the janitor.
  virtual Result<std::vector<JobRecord>> in_state(JobState state) = 0;
  // Replaces the stored record with `job` (matched by id). Not found: an error.
  virtual Status update(const JobRecord& job) = 0;
  // Only the progress fields (phase, percent, rows_done, rows_per_second,
  // eta_seconds) and timings_json (each phase recorded as it finishes).
  virtual Status update_progress(const JobRecord& job) = 0;
  // The oldest queued job, atomically switched to running (started_ms = now_ms,
  // runs + 1); nullopt when none is queued.
  virtual Result<std::optional<JobRecord>> claim_next(int64_t now_ms) = 0;
  virtual Status remove(const std::string& id) = 0;
  // Jobs in a final state that finished before `before_ms`, oldest first.
  virtual Result<std::vector<JobRecord>> finished_before(int64_t before_ms) = 0;
  virtual Result<std::map<JobState, uint64_t>> count_by_state() = 0;
  // Per-phase attempt counts of a job, as read from its job database when a run
  // ends ({"import": 1, "match": 2, ...}); replaced whole.
  virtual Status set_phase_attempts(const std::string& id, const std::map<std::string, int>& attempts) = 0;
  virtual Result<std::map<std::string, int>> phase_attempts(const std::string& id) = 0;
};

}  // namespace crmerge::jobs
