// A job as the API shows it (docs/http-api.md, "The job object"): never the
// paths the server stores its files under.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "jobs/job_record.h"

namespace crmerge::server {

nlohmann::json job_json(const jobs::JobRecord& job, const std::map<std::string, int>& phase_attempts);
// RFC 3339 UTC with milliseconds ("2026-11-29T01:02:03.456Z"); null for 0.
nlohmann::json time_json(int64_t unix_ms);

}  // namespace crmerge::server
