// The HTTP API of `crmerge serve` (docs/http-api.md; OpenAPI at
// /v1/openapi.json): jobs submitted, watched, downloaded, cancelled and
// deleted, per tenant. The only code that speaks HTTP to clients; the jobs
// themselves run in jobs::Runner.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

#include "base/status.h"
#include "jobs/data_dir.h"
#include "jobs/job_store.h"
#include "jobs/runner.h"
#include "server/address_policy.h"
#include "server/api_keys.h"
#include "server/metrics.h"

namespace crmerge::server {

class ApiServer;

struct HttpConfig {
  std::string bind = "127.0.0.1";
  int port = 8080;                          // 0: any free port (port() tells which)
  uint64_t max_upload_bytes = 64ull << 30;  // one submit's whole body
  std::string allowed_root;                 // path inputs only beneath it (a real path); "": path inputs refused
  std::map<std::string, std::string> tenant_roots;  // a tenant's own allowed root, instead of allowed_root
  size_t min_threads = 8, max_threads = 512;  // connections served at once (an event stream holds one)
  WebhookPolicy webhook_policy;  // which webhook_url a submit may name (also used by the sender)
};

// The root a tenant's path inputs must lie beneath: its own, else the
// server's; "" when it may name no paths.
std::string allowed_root_of(const HttpConfig& config, const std::string& tenant);

// What the handlers share. Owned by HttpApi; handlers get it by reference.
struct ApiContext {
  HttpConfig config;
  jobs::JobStore& store;
  jobs::Runner& runner;
  Metrics& metrics;
  const ApiKeys& keys;
  jobs::DataDir dir;
  std::atomic<bool> shutting_down{false};
  mutable std::mutex uploads_mutex;
  std::set<std::string> uploads_in_progress;  // upload folders being written (no job record yet)
};

class HttpApi {
 public:
  HttpApi(HttpConfig config, jobs::JobStore& store, jobs::Runner& runner, Metrics& metrics, const ApiKeys& keys,
          const jobs::DataDir& dir);
  ~HttpApi();

  // Binds the address (the port may be 0); an error names it.
  Status bind();
  int port() const { return port_; }
  // Serves until stop(); call after bind().
  void serve();
  // New submits and /healthz answer 503 from now on; open event streams end.
  void begin_shutdown() { ctx_.shutting_down = true; }
  void stop();
  // An upload folder being written right now (the janitor leaves it alone).
  bool upload_in_progress(const std::string& name) const;
  // Serves the requests in `request` as one connection would, without a
  // socket, and returns the bytes of the answers (the HTTP fuzz target).
  std::string serve_bytes(std::string_view request);

 private:
  ApiContext ctx_;
  std::unique_ptr<ApiServer> server_;
  int port_ = 0;
};

}  // namespace crmerge::server
