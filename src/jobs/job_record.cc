#include "jobs/job_record.h"

#include <chrono>

namespace crmerge::jobs {

int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// These names are stored in the job database and sent over the API: changing
// one is a schema migration and an API change.
const char* job_state_name(JobState s) {
  switch (s) {
    case JobState::kQueued: return "queued";
    case JobState::kRunning: return "running";
    case JobState::kSucceeded: return "succeeded";
    case JobState::kFailed: return "failed";
    case JobState::kCancelled: return "cancelled";
  }
  return "unknown";
}

std::optional<JobState> parse_job_state(std::string_view name) {
  for (JobState s : kAllJobStates) {
    if (name == job_state_name(s)) return s;
  }
  return std::nullopt;
}

}  // namespace crmerge::jobs
