#include "server/http_api.h"

#include <chrono>
#include <nlohmann/json.hpp>

#include "base/files.h"
#include "server/api_server.h"
#include "server/connection_pool.h"
#include "server/http_util.h"
#include "server/job_json.h"
#include "server/openapi.h"
#include "server/request_checks.h"

namespace crmerge::server {

using nlohmann::json;

void send_json(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json");
}

std::string allowed_root_of(const HttpConfig& config, const std::string& tenant) {
  auto it = config.tenant_roots.find(tenant);
  return it != config.tenant_roots.end() ? it->second : config.allowed_root;
}

std::string json_text(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

void send_error(httplib::Response& res, int status, const std::string& code, const std::string& message) {
  send_json(res, status, json_text(json{{"error", {{"code", code}, {"message", message}}}}));
}

bool refuse_declared_body_over(const httplib::Request& req, uint64_t max, httplib::Response& res) {
  if (!req.has_header("Content-Length") ||
      std::strtoull(req.get_header_value("Content-Length").c_str(), nullptr, 10) <= max)
    return false;
  send_error(res, 413, "payload_too_large",
             "the upload is larger than this server accepts (" + std::to_string(max) + " bytes, --max-upload-bytes)");
  return true;
}

std::optional<std::string> authenticate(const ApiContext& ctx, const httplib::Request& req, httplib::Response& res) {
  if (ctx.keys.empty()) return std::string("local");
  std::string key = key_from_headers(req.get_header_value("Authorization"), req.get_header_value("X-API-Key"));
  if (auto tenant = ctx.keys.tenant_of(key)) return tenant;
  res.set_header("WWW-Authenticate", "Bearer");
  send_error(res, 401, "unauthorized",
             key.empty() ? "this server needs an API key: send \"Authorization: Bearer <key>\""
                         : "the API key is not valid");
  return std::nullopt;
}

std::optional<jobs::JobRecord> find_job(const ApiContext& ctx, const std::string& tenant, const std::string& id,
                                        httplib::Response& res) {
  if (!jobs::is_job_id(id)) {
    send_error(res, 404, "not_found", "no job " + id);
    return std::nullopt;
  }
  auto job = ctx.store.get(id);
  if (!job.is_ok()) {
    send_error(res, 500, "internal", job.status().message());
    return std::nullopt;
  }
  if (!*job || (*job)->tenant != tenant) {
    send_error(res, 404, "not_found", "no job " + id);
    return std::nullopt;
  }
  return **job;
}

json job_object(const ApiContext& ctx, const jobs::JobRecord& job) {
  auto attempts = ctx.store.phase_attempts(job.id);
  return job_json(job, attempts.is_ok() ? *attempts : std::map<std::string, int>{});
}

std::string job_body(const ApiContext& ctx, const jobs::JobRecord& job) { return json_text(job_object(ctx, job)); }

httplib::Server::Handler job_route(ApiContext& ctx, JobHandler fn) {
  return [&ctx, fn = std::move(fn)](const httplib::Request& req, httplib::Response& res) {
    auto tenant = authenticate(ctx, req, res);
    if (!tenant) return;
    if (auto job = find_job(ctx, *tenant, req.matches[1], res)) fn(req, res, *job);
  };
}

namespace {

using Req = httplib::Request;
using Res = httplib::Response;

// The result or the report of a succeeded job: 409 before, 410 after retention.
std::optional<std::string> stored_output(const jobs::JobRecord& job, bool report, Res& res) {
  if (job.state != jobs::JobState::kSucceeded) {
    send_error(res, 409, "conflict",
               "job " + job.id + " is " + jobs::job_state_name(job.state) + ": it has no result" +
                   (jobs::is_final(job.state) ? "" : " yet; wait for it to succeed"));
    return std::nullopt;
  }
  const std::string& path = report ? job.report_path : job.result_path;
  if (path.empty() || !path_exists(path)) {
    send_error(res, 410, "gone", std::string("the ") + (report ? "report" : "result") + " of job " + job.id +
                                     " was deleted after its retention period");
    return std::nullopt;
  }
  return path;
}

// The bytes [first, last] of a file of `size` bytes that one Range asks for
// (RFC 9110, 14.1.2), or nullopt when the range is unsatisfiable. httplib
// gives first = -1 for a suffix range ("-N": the last N bytes), last = -1 for
// an open one ("N-").
std::optional<std::pair<uint64_t, uint64_t>> satisfiable_range(const httplib::Range& r, uint64_t size) {
  if (size == 0) return std::nullopt;
  if (r.first < 0) {
    if (r.second <= 0) return std::nullopt;
    uint64_t n = std::min<uint64_t>(static_cast<uint64_t>(r.second), size);
    return std::make_pair(size - n, size - 1);
  }
  uint64_t first = static_cast<uint64_t>(r.first);
  if (first >= size || (r.second >= 0 && static_cast<uint64_t>(r.second) < first)) return std::nullopt;
  uint64_t last = r.second < 0 ? size - 1 : std::min<uint64_t>(static_cast<uint64_t>(r.second), size - 1);
  return std::make_pair(first, last);
}

void answer_unsatisfiable_range(Res& res, uint64_t size) {
  res.set_header("Content-Range", "bytes */" + std::to_string(size));
  send_error(res, 416, "range_not_satisfiable", "the range is outside the file's " + std::to_string(size) + " bytes");
}

// Streams a file, whole (200) or one range of it (206). The ranges are
// answered here, not by httplib: several ranges were already dropped before
// routing, and httplib would otherwise also cut the bytes of a 416's body.
void send_file(const Req& req, Res& res, const std::string& path, const char* content_type,
               const std::string& download_name) {
  auto info = stat_path(path);
  if (!info.is_ok()) return send_error(res, 500, "internal", "cannot read the stored file");
  const uint64_t size = info->size;
  std::optional<std::pair<uint64_t, uint64_t>> range;
  if (!req.ranges.empty()) {
    range = satisfiable_range(req.ranges.front(), size);
    const_cast<Req&>(req).ranges.clear();
    if (!range) return answer_unsatisfiable_range(res, size);
  }
  auto opened = InputFile::open(path);
  if (!opened.is_ok()) return send_error(res, 500, "internal", "cannot read the stored file");
  auto file = std::make_shared<InputFile>(std::move(*opened));
  res.set_header("Accept-Ranges", "bytes");
  res.set_header("Content-Disposition", "attachment; filename=\"" + download_name + "\"");
  if (size == 0) return res.set_content("", content_type);
  uint64_t first = 0, length = size;
  if (range) {
    first = range->first;
    length = range->second - range->first + 1;
    res.status = 206;
    res.set_header("Content-Range", "bytes " + std::to_string(range->first) + "-" + std::to_string(range->second) +
                                        "/" + std::to_string(size));
  }
  res.set_content_provider(static_cast<size_t>(length), content_type,
                           [file, first](size_t offset, size_t n, httplib::DataSink& sink) {
                             std::vector<char> buf(std::min<size_t>(n, 1 << 20));
                             if (!file->read_at(first + offset, buf.data(), buf.size()).is_ok()) return false;
                             return sink.write(buf.data(), buf.size());
                           });
}

void stream_events(ApiContext& ctx, const jobs::JobRecord& start, Res& res) {
  struct State {
    std::string id;
    uint64_t seen = 0;
    std::string last_key;
    bool sent_first = false, ended = false;
    std::chrono::steady_clock::time_point last_write = std::chrono::steady_clock::now();
  };
  auto st = std::make_shared<State>();
  st->id = start.id;
  st->seen = ctx.runner.change_count();
  res.set_header("Cache-Control", "no-cache");
  res.set_header("X-Accel-Buffering", "no");
  res.set_chunked_content_provider("text/event-stream", [&ctx, st](size_t, httplib::DataSink& sink) {
    auto write = [&](const std::string& text) {
      st->last_write = std::chrono::steady_clock::now();
      return sink.write(text.data(), text.size());
    };
    if (st->ended || ctx.shutting_down) {
      sink.done();
      return true;
    }
    if (st->sent_first) st->seen = ctx.runner.wait_for_change(st->seen, 1000);
    auto job = ctx.store.get(st->id);
    if (!job.is_ok() || !*job) {  // deleted
      st->ended = true;
      write("event: end\ndata: {}\n\n");
      sink.done();
      return true;
    }
    const jobs::JobRecord& j = **job;
    char pct[32];
    std::snprintf(pct, sizeof pct, "%.1f", j.percent);
    std::string key = std::string(jobs::job_state_name(j.state)) + "|" + j.phase + "|" + pct;
    if (!st->sent_first || key != st->last_key) {
      st->sent_first = true;
      st->last_key = key;
      std::string body = job_body(ctx, j);
      if (!write("event: job\ndata: " + body + "\n\n")) return false;
      if (jobs::is_final(j.state)) {
        st->ended = true;
        write("event: end\ndata: " + body + "\n\n");
        sink.done();
      }
      return true;
    }
    // A client that went away is only seen when a write fails (the second
    // after it left): a comment every 2 s frees its connection slot within
    // seconds, where a quiet stream would hold it until the job ends.
    if (std::chrono::steady_clock::now() - st->last_write >= std::chrono::seconds(2))
      return write(": keep-alive\n\n");
    return true;
  });
}

}  // namespace

HttpApi::HttpApi(HttpConfig config, jobs::JobStore& store, jobs::Runner& runner, Metrics& metrics,
                 const ApiKeys& keys, const jobs::DataDir& dir)
    : ctx_{config, store, runner, metrics, keys, dir, {}, {}, {}}, server_(std::make_unique<ApiServer>()) {
  const size_t min_threads = config.min_threads, max_threads = config.max_threads;
  server_->new_task_queue = [min_threads, max_threads] { return new ConnectionPool(min_threads, max_threads); };
  server_->set_payload_max_length(config.max_upload_bytes);
  // A response is written as headers, then body: without TCP_NODELAY the
  // second write waits for the client's delayed ACK (~40 ms a request).
  server_->set_tcp_nodelay(true);
  server_->set_read_timeout(60, 0);
  server_->set_write_timeout(60, 0);
  ApiContext& ctx = ctx_;
  auto& s = *server_;

  // A request with neither Content-Length nor Transfer-Encoding has no body
  // (RFC 9112, 6.3), but httplib 0.11 reads such a POST or DELETE until the
  // client closes the connection (curl -X POST, many HTTP clients). Say the
  // body is empty before it starts reading: the Request object is httplib's
  // own, mutable, passed to this hook as const.
  //
  // Every request is checked before a handler reads it: a path, query or
  // header that is not valid UTF-8 is answered 400 here, and the connection
  // closed, since the body (if any) is left unread.
  //
  // A Range header with several ranges is ignored, and the whole file served
  // (RFC 9110, 14.2 allows it): answering each range would let one small
  // request ask for the file many times over.
  s.set_pre_routing_handler([](const Req& req, Res& res) {
    if (std::string bad = first_invalid_utf8(req); !bad.empty()) {
      res.set_header("Connection", "close");
      send_error(res, 400, "invalid_request", bad + " is not valid UTF-8");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (ConnectionPool::on_reserved_thread()) {
      // Every connection slot is taken: the probes are answered, nothing else.
      res.set_header("Connection", "close");
      if (req.path != "/healthz" && req.path != "/metrics") {
        res.set_header("Retry-After", "1");
        send_error(res, 503, "unavailable",
                   "the server is serving as many connections as it may (--max-connections): try again shortly");
        return httplib::Server::HandlerResponse::Handled;
      }
    }
    Req& mutable_req = const_cast<Req&>(req);
    if (!req.has_header("Content-Length") && !req.has_header("Transfer-Encoding"))
      mutable_req.set_header("Content-Length", "0");
    if (req.ranges.size() > 1) mutable_req.ranges.clear();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  // A client that asks "Expect: 100-continue" (curl, for bodies over 1 MiB)
  // and declares a body over the limit is answered 413 before it sends it.
  // Told "100 Continue" instead (httplib's default), it starts sending, the
  // server answers 413 and closes with the body unread, and the kernel's
  // reset could reach the client before the 413 did: it saw only the 100.
  const uint64_t max_upload = config.max_upload_bytes;
  s.set_expect_100_continue_handler([max_upload](const Req& req, Res& res) {
    return refuse_declared_body_over(req, max_upload, res) ? 413 : 100;
  });
  s.set_logger([&ctx](const Req&, const Res& res) { ctx.metrics.http_response(res.status); });
  ApiServer& server = *server_;
  s.set_error_handler([&server](const Req& req, Res& res) {
    if (!res.body.empty()) return;
    if (res.status == 404) send_error(res, 404, "not_found", "no such endpoint: " + req.method + " " + req.path);
    else if (res.status == 413) send_error(res, 413, "payload_too_large", "the request body is too large");
    else if (res.status == 400) send_error(res, 400, "invalid_request", "the request could not be read");
    else if (res.status == 416) {
      // httplib refuses a Range header it cannot parse before any handler
      // runs. Such a header is ignored instead (RFC 9110, 14.2): the request
      // is served as if it had none.
      const_cast<Req&>(req).ranges.clear();
      if (std::string bad = first_invalid_utf8(req); !bad.empty())
        send_error(res, 400, "invalid_request", bad + " is not valid UTF-8");
      else if (!server.dispatch_get(req, res))
        send_error(res, 400, "invalid_request", "the Range header could not be read: send one range, bytes=FIRST-LAST");
    }
    else send_error(res, res.status, "error", "HTTP " + std::to_string(res.status));
  });
  // A library's exception text may quote the request (or worse): the client
  // gets a message of our own, and the server goes on serving.
  s.set_exception_handler([&ctx](const Req&, Res& res, std::exception_ptr) {
    ctx.metrics.handler_exception();
    res.body.clear();
    send_error(res, 500, "internal", "the server could not handle this request");
  });

  server.get("/healthz", [&ctx](const Req&, Res& res) {
    auto counts = ctx.store.count_by_state();
    uint64_t queued = counts.is_ok() ? (*counts)[jobs::JobState::kQueued] : 0;
    json body{{"status", ctx.shutting_down ? "shutting_down" : "ok"},
              {"workers", ctx.runner.workers()},
              {"running", ctx.runner.running()},
              {"queued", queued}};
    send_json(res, ctx.shutting_down ? 503 : 200, json_text(body));
  });
  server.get("/metrics", [&ctx](const Req&, Res& res) {
    auto counts = ctx.store.count_by_state();
    res.set_content(ctx.metrics.render(counts.is_ok() ? *counts : std::map<jobs::JobState, uint64_t>{}),
                    "text/plain; version=0.0.4");
  });
  server.get("/v1/openapi.json", [](const Req&, Res& res) { res.set_content(std::string(openapi_json()), "application/json"); });

  s.Post("/v1/jobs", [&ctx](const Req& req, Res& res, const httplib::ContentReader& reader) {
    submit_job(ctx, req, res, reader);
  });
  server.get("/v1/jobs", [&ctx](const Req& req, Res& res) {
    auto tenant = authenticate(ctx, req, res);
    if (!tenant) return;
    size_t limit = 50;
    if (req.has_param("limit")) {
      const std::string v = req.get_param_value("limit");
      char* end = nullptr;
      long n = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || *end || n < 1 || n > 1000)
        return send_error(res, 400, "invalid_request", "limit must be a number from 1 to 1000");
      limit = static_cast<size_t>(n);
    }
    auto page = ctx.store.list(*tenant, limit, req.get_param_value("cursor"));
    if (!page.is_ok())
      return send_error(res, page.status().code() == StatusCode::kInvalidInput ? 400 : 500,
                        page.status().code() == StatusCode::kInvalidInput ? "invalid_request" : "internal",
                        page.status().message());
    json body{{"jobs", json::array()}};
    for (const auto& j : page->jobs) body["jobs"].push_back(job_object(ctx, j));
    body["next_cursor"] = page->next_cursor.empty() ? json(nullptr) : json(page->next_cursor);
    send_json(res, 200, json_text(body));
  });
  server.get(R"(/v1/jobs/([^/]+))", job_route(ctx, [&ctx](const Req&, Res& res, const jobs::JobRecord& job) {
          send_json(res, 200, job_body(ctx, job));
        }));
  server.get(R"(/v1/jobs/([^/]+)/events)", job_route(ctx, [&ctx](const Req&, Res& res, const jobs::JobRecord& job) {
          stream_events(ctx, job, res);
        }));
  server.get(R"(/v1/jobs/([^/]+)/result)", job_route(ctx, [](const Req& req, Res& res, const jobs::JobRecord& job) {
          if (auto path = stored_output(job, false, res)) send_file(req, res, *path, "text/csv", job.id + ".csv");
        }));
  server.get(R"(/v1/jobs/([^/]+)/report)", job_route(ctx, [](const Req& req, Res& res, const jobs::JobRecord& job) {
          if (auto path = stored_output(job, true, res))
            send_file(req, res, *path, "application/json", job.id + "-report.json");
        }));
  s.Post(R"(/v1/jobs/([^/]+)/cancel)", job_route(ctx, [&ctx](const Req&, Res& res, const jobs::JobRecord& job) {
          if (jobs::is_final(job.state))
            return send_error(res, 409, "conflict",
                              "job " + job.id + " has already " + jobs::job_state_name(job.state) +
                                  ": nothing to cancel");
          auto cancelled = ctx.runner.cancel(job.id);
          if (!cancelled.is_ok()) return send_error(res, 409, "conflict", cancelled.status().message());
          send_json(res, 200, job_body(ctx, *cancelled));
        }));
  // The record goes first: a worker then never claims the job, and one that
  // already runs it stops (its token, or its check of the store after the claim).
  s.Delete(R"(/v1/jobs/([^/]+))", job_route(ctx, [&ctx](const Req&, Res& res, const jobs::JobRecord& job) {
             Status removed = ctx.store.remove(job.id);
             if (!removed.is_ok()) return send_error(res, 500, "internal", removed.message());
             ctx.runner.interrupt_and_wait(job.id, 60000);
             for (const std::string& d : {ctx.dir.uploads(job.id), ctx.dir.work(job.id), ctx.dir.results(job.id)})
               (void)remove_all(d);
             ctx.runner.notify_change();
             res.status = 204;
           }));
}

HttpApi::~HttpApi() { stop(); }

Status HttpApi::bind() {
  if (ctx_.config.port == 0) {
    port_ = server_->bind_to_any_port(ctx_.config.bind.c_str());
    if (port_ <= 0) return Status::io_error("cannot listen on " + ctx_.config.bind + " (any port)");
  } else {
    if (!server_->bind_to_port(ctx_.config.bind.c_str(), ctx_.config.port))
      return Status::io_error("cannot listen on " + ctx_.config.bind + ":" + std::to_string(ctx_.config.port) +
                              " (is another server using the port?)");
    port_ = ctx_.config.port;
  }
  return Status::ok();
}

void HttpApi::serve() { server_->listen_after_bind(); }

void HttpApi::stop() {
  ctx_.shutting_down = true;
  if (server_) server_->stop();
}

bool HttpApi::upload_in_progress(const std::string& name) const {
  std::lock_guard<std::mutex> lock(ctx_.uploads_mutex);
  return ctx_.uploads_in_progress.count(name) > 0;
}

std::string HttpApi::serve_bytes(std::string_view request) { return server_->serve_bytes(request); }

}  // namespace crmerge::server
