#include "server/metrics.h"

#include <charconv>
#include <cmath>

namespace crmerge::server {
namespace {

// The shortest text that reads back as the same double ("1", "9106.5", "1e+21").
std::string format_double(double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc{} ? std::string(buf, end) : "0";
}

std::string escape_label_value(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

void family(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
  out.append("# HELP ").append(name).append(" ").append(help).append("\n");
  out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

void sample(std::string& out, std::string_view name, std::string_view label, std::string_view label_value,
            std::string_view value) {
  out.append(name);
  if (!label.empty()) out.append("{").append(label).append("=\"").append(escape_label_value(label_value)).append("\"}");
  out.append(" ").append(value).append("\n");
}

void sample(std::string& out, std::string_view name, std::string_view label, std::string_view label_value,
            uint64_t value) {
  sample(out, name, label, label_value, std::to_string(value));
}

}  // namespace

void Metrics::job_finished(jobs::JobState state, double seconds, const std::string& reason) {
  // A clock step can make a run time negative or NaN; one bad value must not
  // poison _sum for the life of the process.
  if (!std::isfinite(seconds) || seconds < 0) seconds = 0;
  size_t bucket = 0;
  while (bucket < kDurationBuckets.size() && seconds > kDurationBuckets[bucket]) ++bucket;

  std::lock_guard lock(mutex_);
  ++finished_by_state_[jobs::job_state_name(state)];
  ++buckets_[bucket];
  duration_sum_ += seconds;
  ++duration_count_;
  if (state == jobs::JobState::kFailed) ++failures_by_reason_[reason.empty() ? "unknown" : reason];
}

void Metrics::add_rows(uint64_t rows) {
  std::lock_guard lock(mutex_);
  rows_ += rows;
}

void Metrics::add_bytes_in(uint64_t bytes) {
  std::lock_guard lock(mutex_);
  bytes_in_ += bytes;
}

void Metrics::add_bytes_out(uint64_t bytes) {
  std::lock_guard lock(mutex_);
  bytes_out_ += bytes;
}

void Metrics::add_upload_bytes(uint64_t bytes) {
  std::lock_guard lock(mutex_);
  upload_bytes_ += bytes;
}

void Metrics::handler_exception() {
  std::lock_guard<std::mutex> lock(mutex_);
  ++handler_exceptions_;
}

void Metrics::http_response(int status_code) {
  std::lock_guard lock(mutex_);
  ++responses_by_code_[status_code];
}

std::string Metrics::render(const std::map<jobs::JobState, uint64_t>& jobs_by_state) const {
  std::string out;
  std::lock_guard lock(mutex_);

  family(out, "crmerge_jobs", "gauge", "Jobs in the job store, by state.");
  for (jobs::JobState s : jobs::kAllJobStates) {
    auto it = jobs_by_state.find(s);
    sample(out, "crmerge_jobs", "state", jobs::job_state_name(s), it == jobs_by_state.end() ? 0 : it->second);
  }

  family(out, "crmerge_job_duration_seconds", "histogram", "Run time of finished jobs, in seconds.");
  uint64_t cumulative = 0;
  for (size_t i = 0; i < kDurationBuckets.size(); ++i) {
    cumulative += buckets_[i];
    sample(out, "crmerge_job_duration_seconds_bucket", "le", format_double(kDurationBuckets[i]), cumulative);
  }
  cumulative += buckets_.back();
  sample(out, "crmerge_job_duration_seconds_bucket", "le", "+Inf", cumulative);
  sample(out, "crmerge_job_duration_seconds_sum", "", "", format_double(duration_sum_));
  sample(out, "crmerge_job_duration_seconds_count", "", "", duration_count_);

  // The final states are always written, so a rate over them starts at 0
  // rather than appearing with the first job.
  family(out, "crmerge_jobs_finished_total", "counter", "Jobs that reached a final state, by state.");
  std::map<std::string, uint64_t> finished = finished_by_state_;
  for (jobs::JobState s : jobs::kAllJobStates)
    if (jobs::is_final(s)) finished.emplace(jobs::job_state_name(s), 0);
  for (const auto& [state, n] : finished) sample(out, "crmerge_jobs_finished_total", "state", state, n);

  family(out, "crmerge_job_failures_total", "counter", "Failed jobs, by reason.");
  for (const auto& [reason, n] : failures_by_reason_) sample(out, "crmerge_job_failures_total", "reason", reason, n);

  family(out, "crmerge_rows_processed_total", "counter", "CRM rows of finished jobs.");
  sample(out, "crmerge_rows_processed_total", "", "", rows_);
  family(out, "crmerge_bytes_in_total", "counter", "Bytes of input files read by jobs.");
  sample(out, "crmerge_bytes_in_total", "", "", bytes_in_);
  family(out, "crmerge_bytes_out_total", "counter", "Bytes of results written by jobs.");
  sample(out, "crmerge_bytes_out_total", "", "", bytes_out_);
  family(out, "crmerge_uploads_bytes_total", "counter", "Bytes received in uploads.");
  sample(out, "crmerge_uploads_bytes_total", "", "", upload_bytes_);

  family(out, "crmerge_http_requests_total", "counter", "HTTP responses sent, by status code.");
  for (const auto& [code, n] : responses_by_code_)
    sample(out, "crmerge_http_requests_total", "code", std::to_string(code), n);
  family(out, "crmerge_http_handler_exceptions_total", "counter",
         "Requests answered 500 because a handler raised an exception.");
  sample(out, "crmerge_http_handler_exceptions_total", "", "", handler_exceptions_);
  return out;
}

}  // namespace crmerge::server
