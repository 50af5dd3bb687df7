#include "server/serve.h"

#include <malloc.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <thread>

#include "base/files.h"
#include "jobs/sqlite_store.h"
#include "server/job_json.h"
#include "server/tenant_roots.h"
#include "server/webhook.h"

namespace crmerge::server {

bool is_loopback_address(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

namespace {

void log_line(const std::string& text) { std::fprintf(stderr, "crmerge serve: %s\n", text.c_str()); }

}  // namespace

Status run_serve(const ServeConfig& given, const CancelToken& stop, const std::function<void(int)>& on_listening) {
  ::umask(077);
  // glibc gives threads arenas of their own, up to 8 per core; with a
  // connection thread per client, each arena's free memory stays behind and
  // the RSS creeps up with the requests served (bench/RESULTS.md, "service
  // under load"). Two per core keep it flat. MALLOC_ARENA_MAX, when set, wins.
  if (!std::getenv("MALLOC_ARENA_MAX"))
    ::mallopt(M_ARENA_MAX, static_cast<int>(std::max(2u, 2 * std::thread::hardware_concurrency())));
  ServeConfig config = given;
  if (!config.http.allowed_root.empty()) {
    CRM_ASSIGN_OR_RETURN(config.http.allowed_root, resolve_allowed_root(config.http.allowed_root, "--allowed-root"));
  }
  if (!config.tenant_roots_file.empty()) {
    CRM_ASSIGN_OR_RETURN(config.http.tenant_roots,
                         load_tenant_roots(config.tenant_roots_file, config.http.allowed_root));
  }
  ApiKeys keys;
  if (!config.api_keys_file.empty()) {
    CRM_ASSIGN_OR_RETURN(keys, ApiKeys::load(config.api_keys_file));
    if (keys.empty()) return Status::invalid_input(config.api_keys_file + ": no API keys in the file");
  } else if (!is_loopback_address(config.http.bind)) {
    return Status::invalid_input("refusing to listen on " + config.http.bind +
                                 " without API keys: anyone who can reach it could read every job. Give "
                                 "--api-keys-file, or bind 127.0.0.1");
  }
  jobs::DataDir dir(absolute_path(config.data_dir));
  CRM_RETURN_IF_ERROR(dir.create());
  CRM_ASSIGN_OR_RETURN(auto store, jobs::open_sqlite_store(dir.store_path()));

  Metrics metrics;
  WebhookSender webhooks(config.http.webhook_policy, [&store](const std::string& id, bool delivered, int attempts) {
    auto job = store->get(id);
    if (!job.is_ok() || !*job) return;
    (*job)->webhook_delivered = delivered;
    (*job)->webhook_attempts = attempts;
    (void)store->update(**job);
    if (!delivered) log_line("job " + id + ": webhook not delivered after " + std::to_string(attempts) + " attempts");
  });
  auto send_webhook = [&](const jobs::JobRecord& job) {
    if (job.webhook_url.empty()) return;
    auto attempts = store->phase_attempts(job.id);
    webhooks.send(job.id, job.webhook_url,
                  job_json(job, attempts.is_ok() ? *attempts : std::map<std::string, int>{}).dump());
  };
  auto on_final = [&](const jobs::JobRecord& job) {
    double seconds = job.started_ms && job.finished_ms ? (job.finished_ms - job.started_ms) / 1000.0 : 0;
    metrics.job_finished(job.state, seconds, job.error_reason);
    if (job.state == jobs::JobState::kSucceeded) {
      metrics.add_rows(job.rows_in);
      metrics.add_bytes_in(job.bytes_in);
      metrics.add_bytes_out(job.bytes_out);
    }
    send_webhook(job);
  };
  jobs::Runner runner(*store, dir, config.runner, on_final);
  HttpApi api(config.http, *store, runner, metrics, keys, dir);
  CRM_RETURN_IF_ERROR(api.bind());

  auto sweep = [&] {
    auto counts = jobs::sweep(*store, dir, config.retention, jobs::now_ms(),
                              [&api](const std::string& name) { return api.upload_in_progress(name); });
    if (!counts.is_ok()) return log_line("janitor: " + counts.status().message());
    if (counts->inputs_removed + counts->results_removed + counts->orphans_removed > 0)
      log_line("janitor: removed the inputs of " + std::to_string(counts->inputs_removed) + " job(s), the results of " +
               std::to_string(counts->results_removed) + ", and " + std::to_string(counts->orphans_removed) +
               " folder(s) of no job");
  };
  sweep();  // before the workers start: a dead process's leftovers go first
  CRM_RETURN_IF_ERROR(runner.start());
  // Webhooks an earlier process did not finish sending (it was stopped or
  // died): their attempts are recorded only when a delivery ends.
  if (auto ended = store->finished_before(jobs::now_ms() + 1); ended.is_ok()) {
    for (const auto& job : *ended)
      if (!job.webhook_url.empty() && !job.webhook_delivered && job.webhook_attempts == 0) send_webhook(job);
  }
  std::thread http([&api] { api.serve(); });
  on_listening(api.port());

  auto next_sweep = std::chrono::steady_clock::now() + std::chrono::milliseconds(config.janitor_interval_ms);
  while (!stop.is_cancelled()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (std::chrono::steady_clock::now() >= next_sweep) {
      sweep();
      next_sweep = std::chrono::steady_clock::now() + std::chrono::milliseconds(config.janitor_interval_ms);
    }
  }
  log_line("stopping: running jobs are interrupted and will resume at the next start");
  api.begin_shutdown();
  runner.stop();
  api.stop();
  http.join();
  webhooks.stop();
  return Status::ok();
}

}  // namespace crmerge::server
