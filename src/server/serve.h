// `crmerge serve` as a function: the job store, the workers, the janitor and
// the HTTP API, from start-up (recovery of jobs a dead process left running)
// to a graceful stop (running jobs interrupted, left resumable).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "base/cancel.h"
#include "base/status.h"
#include "jobs/janitor.h"
#include "jobs/runner.h"
#include "server/http_api.h"

namespace crmerge::server {

struct ServeConfig {
  std::string data_dir = "./crmerge-data";
  std::string api_keys_file;  // "": single-user, loopback only
  std::string tenant_roots_file;  // "": every tenant uses http.allowed_root (server/tenant_roots.h)
  HttpConfig http;
  jobs::RunnerConfig runner;
  jobs::Retention retention;
  int64_t janitor_interval_ms = 10 * 60 * 1000;
};

// True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost).
bool is_loopback_address(const std::string& host);

// Serves until `stop` is cancelled. Sets the process's umask to 077 first:
// every file the service writes (uploads, job folders, DuckDB's files,
// results, the job store) is for its user alone. `on_listening(port)` is called once the
// address is bound and recovery is done (the CLI prints the URL).
Status run_serve(const ServeConfig& config, const CancelToken& stop, const std::function<void(int)>& on_listening);

}  // namespace crmerge::server
