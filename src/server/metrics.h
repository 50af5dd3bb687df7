// The service's metrics, rendered in Prometheus' text exposition format
// (version 0.0.4) for GET /metrics. Thread-safe. Never holds personal data:
// labels are job states and failure reasons only.
//
//   crmerge_jobs{state="queued"} 3                    gauge, from the job store
//   crmerge_job_duration_seconds_bucket{le="..."}     histogram of finished jobs' run time
//   crmerge_jobs_finished_total{state="succeeded"}    counter
//   crmerge_job_failures_total{reason="invalid_input"} counter
//   crmerge_rows_processed_total                      counter (CRM rows of finished jobs)
//   crmerge_bytes_in_total / crmerge_bytes_out_total  counters (inputs read, results written)
//   crmerge_uploads_bytes_total                       counter (bytes received in uploads)
//   crmerge_http_requests_total{code="200"}           counter
//   crmerge_http_handler_exceptions_total             counter (requests answered 500 after an exception)
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "jobs/job_record.h"

namespace crmerge::server {

class Metrics {
 public:
  // The histogram's upper bounds, in seconds (+Inf is implicit).
  static constexpr std::array<double, 11> kDurationBuckets{1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200};

  // A job reached a final state after running `seconds`. `reason` is its
  // error_reason when it failed (ignored otherwise).
  void job_finished(jobs::JobState state, double seconds, const std::string& reason);
  void add_rows(uint64_t rows);
  void add_bytes_in(uint64_t bytes);
  void add_bytes_out(uint64_t bytes);
  void add_upload_bytes(uint64_t bytes);
  void http_response(int status_code);
  void handler_exception();

  // The exposition text; `jobs_by_state` comes from the job store (every state
  // is written, 0 when missing from the map).
  std::string render(const std::map<jobs::JobState, uint64_t>& jobs_by_state) const;

 private:
  mutable std::mutex mutex_;
  std::array<uint64_t, kDurationBuckets.size() + 1> buckets_{};  // non-cumulative; last is +Inf
  double duration_sum_ = 0;
  uint64_t duration_count_ = 0;
  std::map<std::string, uint64_t> finished_by_state_;
  std::map<std::string, uint64_t> failures_by_reason_;
  std::map<int, uint64_t> responses_by_code_;
  uint64_t rows_ = 0, bytes_in_ = 0, bytes_out_ = 0, upload_bytes_ = 0, handler_exceptions_ = 0;
};

}  // namespace crmerge::server
