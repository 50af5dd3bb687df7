// A merge job as the service keeps it: who asked for it, what it reads and
// writes, where it is. The job store persists these records; the workers and
// the HTTP API read and update them. No personal data is ever stored here
// (file names and option values only, never cell values).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace crmerge::jobs {

enum class JobState { kQueued, kRunning, kSucceeded, kFailed, kCancelled };

inline constexpr JobState kAllJobStates[] = {JobState::kQueued, JobState::kRunning, JobState::kSucceeded,
                                             JobState::kFailed, JobState::kCancelled};

// "queued", "running", "succeeded", "failed", "cancelled".
const char* job_state_name(JobState s);
std::optional<JobState> parse_job_state(std::string_view name);
// Milliseconds since the Unix epoch: the clock of every *_ms field.
int64_t now_ms();

// Succeeded, failed and cancelled jobs never change state again.
inline bool is_final(JobState s) { return s != JobState::kQueued && s != JobState::kRunning; }

struct JobRecord {
  std::string id;      // 32 lowercase hex digits, random
  std::string tenant;  // the API key's tenant ("local" when the server has no keys)
  JobState state = JobState::kQueued;

  // Where the running job is; updated a few times a second at most.
  std::string phase;          // "", "import", "map", "keys", "phones", "match", "resolve", "export"
  double percent = 0;         // 0..100, of the whole job
  uint64_t rows_done = 0;     // rows of the current phase
  double rows_per_second = 0;
  double eta_seconds = -1;    // -1: unknown

  std::string error;         // a message a person can act on; "" unless failed
  std::string error_reason;  // "invalid_input", "io_error", "internal", ... (metrics label); "" unless failed

  int64_t created_ms = 0;  // Unix time in milliseconds
  int64_t started_ms = 0;  // 0: not yet
  int64_t finished_ms = 0;

  std::string spec_json;        // jobs/job_spec.h: inputs and options, as submitted (validated)
  std::string idempotency_key;  // "" when none; unique per tenant
  std::string request_hash;     // the submit's identity: parts, content hashes, canonical options
  std::string webhook_url;      // "" when none
  int webhook_attempts = 0;
  bool webhook_delivered = false;

  std::string upload_dir;   // uploaded inputs ("" when the inputs were named by path)
  std::string work_dir;     // the job folder (DuckDB file, spill)
  std::string result_path;  // the merged CSV, once succeeded
  std::string report_path;  // the match report (JSON), once succeeded
  uint64_t bytes_in = 0;    // the inputs' total size
  uint64_t bytes_out = 0;   // the result's size
  uint64_t rows_in = 0;     // CRM rows, once known

  std::string timings_json = "{}";  // {"import": seconds, ...}: phases this job ran
  bool cancel_requested = false;
  int runs = 0;                     // how many times a worker started this job (> 1: resumed)
};

}  // namespace crmerge::jobs
