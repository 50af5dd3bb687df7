#include "server/job_json.h"

#include <ctime>

#include "jobs/job_spec.h"

namespace crmerge::server {

using nlohmann::json;

json time_json(int64_t unix_ms) {
  if (unix_ms <= 0) return nullptr;
  time_t secs = static_cast<time_t>(unix_ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(unix_ms % 1000));
  return buf;
}

json job_json(const jobs::JobRecord& job, const std::map<std::string, int>& phase_attempts) {
  json j;
  const std::string self = "/v1/jobs/" + job.id;
  j["id"] = job.id;
  j["state"] = jobs::job_state_name(job.state);
  j["phase"] = job.phase;
  j["percent"] = job.percent;
  j["rows_per_second"] = job.rows_per_second;
  j["eta_seconds"] = job.eta_seconds < 0 ? json(nullptr) : json(job.eta_seconds);
  if (job.state == jobs::JobState::kFailed)
    j["error"] = {{"reason", job.error_reason}, {"message", job.error}};
  else
    j["error"] = nullptr;
  j["created_at"] = time_json(job.created_ms);
  j["started_at"] = time_json(job.started_ms);
  j["finished_at"] = time_json(job.finished_ms);
  json timings = json::parse(job.timings_json, nullptr, false);
  j["timings"] = timings.is_object() ? timings : json::object();
  j["phase_attempts"] = phase_attempts;
  j["runs"] = job.runs;
  auto spec = jobs::parse_job_spec(job.spec_json);
  if (spec.is_ok()) {
    j["inputs"]["crm"] = {{"name", spec->crm.name}, {"bytes", spec->crm.bytes}};
    j["inputs"]["enrich"] = json::array();
    for (const auto& v : spec->enrich)
      j["inputs"]["enrich"].push_back({{"label", v.label}, {"name", v.name}, {"bytes", v.bytes}});
    json options = json::parse(jobs::job_options_json(spec->options));
    options.erase("labels");
    j["options"] = options;
  }
  bool has_result = job.state == jobs::JobState::kSucceeded && !job.result_path.empty();
  j["result_bytes"] = has_result ? json(job.bytes_out) : json(nullptr);
  j["rows"] = job.state == jobs::JobState::kSucceeded ? json(job.rows_in) : json(nullptr);
  j["links"] = {{"self", self},
                {"events", self + "/events"},
                {"result", self + "/result"},
                {"report", self + "/report"}};
  return j;
}

}  // namespace crmerge::server
