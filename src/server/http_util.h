// What the API's handlers share (internal to src/server): error bodies,
// authentication, finding a tenant's job. Includes httplib.
#pragma once

#include <httplib.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "jobs/job_record.h"
#include "server/http_api.h"

namespace crmerge::server {

// The JSON text of `j`; bytes that are not valid UTF-8 become U+FFFD rather
// than an exception.
std::string json_text(const nlohmann::json& j);

// {"error": {"code": ..., "message": ...}} with `status`.
void send_error(httplib::Response& res, int status, const std::string& code, const std::string& message);
void send_json(httplib::Response& res, int status, const std::string& body);

// Whether the request's Content-Length declares a body over `max` bytes; if so,
// answers 413 payload_too_large naming the limit (--max-upload-bytes).
bool refuse_declared_body_over(const httplib::Request& req, uint64_t max, httplib::Response& res);

// The request's tenant, or nullopt after answering 401.
std::optional<std::string> authenticate(const ApiContext& ctx, const httplib::Request& req, httplib::Response& res);

// The tenant's job `id`, or nullopt after answering 404 (another tenant's job
// answers exactly as an unknown one) or 500.
std::optional<jobs::JobRecord> find_job(const ApiContext& ctx, const std::string& tenant, const std::string& id,
                                        httplib::Response& res);

// The Job object, with its phase attempts; job_body is its text.
nlohmann::json job_object(const ApiContext& ctx, const jobs::JobRecord& job);
std::string job_body(const ApiContext& ctx, const jobs::JobRecord& job);

// A handler for /v1/jobs/{id}/...: authenticates, finds the tenant's job
// (answering 401 or 404 itself), then calls fn.
using JobHandler = std::function<void(const httplib::Request&, httplib::Response&, const jobs::JobRecord&)>;
httplib::Server::Handler job_route(ApiContext& ctx, JobHandler fn);

// POST /v1/jobs (server/job_submit.cc).
void submit_job(ApiContext& ctx, const httplib::Request& req, httplib::Response& res,
                const httplib::ContentReader& reader);

}  // namespace crmerge::server
