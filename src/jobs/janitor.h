// Deletes what the service no longer needs: uploaded inputs and results past
// their retention, and folders in the data folder that belong to no job (left
// by a crash between creating a folder and recording the job). Runs at
// start-up and periodically; never touches a running job's files.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "base/status.h"
#include "jobs/data_dir.h"
#include "jobs/job_store.h"

namespace crmerge::jobs {

struct Retention {
  int64_t inputs_ms = 24LL * 3600 * 1000;      // uploaded inputs, after the job ends
  int64_t results_ms = 7LL * 24 * 3600 * 1000;  // result and report, after the job ends
};

struct SweepCounts {
  uint64_t inputs_removed = 0;   // jobs whose uploads were deleted
  uint64_t results_removed = 0;  // jobs whose result and report were deleted
  uint64_t orphans_removed = 0;  // folders of no job
};

// `in_use(name)`: a folder under uploads/ that an upload in progress is
// writing (it has no job record yet), never removed.
Result<SweepCounts> sweep(JobStore& store, const DataDir& dir, const Retention& retention, int64_t now_ms,
                          const std::function<bool(const std::string&)>& in_use);

// "24h", "7d", "30m", "90s" -> milliseconds; -1 when it does not parse.
int64_t parse_duration_ms(const std::string& text);

}  // namespace crmerge::jobs
