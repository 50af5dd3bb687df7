#include "cli/serve_command.h"

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "base/strings.h"
#include "cli/exit_codes.h"
#include "server/serve.h"

namespace crmerge::cli {

struct ServeCommand {
  server::ServeConfig config;
  std::string memory_limit = "1GB";
  std::string max_upload = "64GB";
  std::string input_retention = "24h";
  std::string result_retention = "7d";
  std::vector<std::string> webhook_allow;
};

ServeCommand* add_serve_command(CLI::App& app) {
  static std::vector<std::shared_ptr<ServeCommand>> keep;  // CLI11 owns the subcommand; the flags live as long
  auto cmd = std::make_shared<ServeCommand>();
  keep.push_back(cmd);
  auto* sub = app.add_subcommand("serve", "Run the HTTP job service: submit merges, watch them, download results");
  sub->footer(
      "Jobs survive restarts: a job interrupted by SIGTERM, a crash or kill -9 resumes at its first\n"
      "unfinished phase when the server starts again. The API is described in docs/http-api.md and at\n"
      "/v1/openapi.json.\n"
      "Example:\n"
      "  crmerge serve --data-dir /var/lib/crmerge --workers 2 --memory-limit 4GB");
  auto& c = cmd->config;
  sub->add_option("--data-dir", c.data_dir, "Where the job store, uploads, job folders and results live")
      ->default_str("./crmerge-data");
  sub->add_option("--port", c.http.port, "TCP port (0: any free port, printed at start)")->default_str("8080");
  sub->add_option("--bind", c.http.bind, "Address to listen on; anything but loopback needs --api-keys-file")
      ->default_str("127.0.0.1");
  sub->add_option("--workers", c.runner.workers, "Jobs run at once; more wait queued")
      ->default_str("1")
      ->check(CLI::Range(1, 64));
  sub->add_option("--memory-limit", cmd->memory_limit, "Memory for all running jobs together, split between workers")
      ->default_str("1GB");
  sub->add_option("--threads", c.runner.threads, "Threads for all running jobs together (0: all cores)")
      ->default_str("0")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--api-keys-file", c.api_keys_file,
                  "API keys, one \"<tenant> <key>\" per line; without it the server is single-user, loopback only");
  sub->add_option("--allowed-root", c.http.allowed_root,
                  "Jobs may name input files by absolute path beneath this folder, with no symlink on the way "
                  "(default: uploads only)");
  sub->add_option("--tenant-roots-file", c.tenant_roots_file,
                  "Each tenant's own allowed root, one \"<tenant> <folder>\" per line; a listed tenant names "
                  "files beneath its folder only");
  sub->add_option("--max-upload-bytes", cmd->max_upload, "Largest submit accepted (all files together)")
      ->default_str("64GB");
  sub->add_option("--input-retention", cmd->input_retention, "Keep uploaded inputs this long after a job ends")
      ->default_str("24h");
  sub->add_option("--result-retention", cmd->result_retention, "Keep results and reports this long after a job ends")
      ->default_str("7d");
  sub->add_option("--max-connections", c.http.max_threads, "Connections served at once (an event stream holds one)")
      ->default_str("512");
  sub->add_option("--webhook-allow", cmd->webhook_allow,
                  "Allow webhooks to this host although it is not a public address: HOST or HOST:PORT as the "
                  "URL writes it ([::1]:PORT for IPv6); repeat for each. Without it webhooks go to public "
                  "addresses only")
      ->type_name("HOST[:PORT]")
      ->allow_extra_args(false);
  return cmd.get();
}

int run_serve_command(const ServeCommand& cmd, const CancelToken& cancel) {
  server::ServeConfig config = cmd.config;
  auto usage = [](const std::string& m) {
    std::fprintf(stderr, "crmerge serve: error: %s\n", m.c_str());
    return kExitUsage;
  };
  int64_t memory = parse_byte_size(cmd.memory_limit), max_upload = parse_byte_size(cmd.max_upload);
  if (memory <= 0) return usage("--memory-limit '" + cmd.memory_limit + "' is not a size such as 1GB");
  if (max_upload <= 0) return usage("--max-upload-bytes '" + cmd.max_upload + "' is not a size such as 10GB");
  config.runner.memory_bytes = static_cast<uint64_t>(memory);
  config.http.max_upload_bytes = static_cast<uint64_t>(max_upload);
  config.retention.inputs_ms = jobs::parse_duration_ms(cmd.input_retention);
  config.retention.results_ms = jobs::parse_duration_ms(cmd.result_retention);
  if (config.retention.inputs_ms < 0 || config.retention.results_ms < 0)
    return usage("retention periods are a number and a unit: 90s, 30m, 24h, 7d");
  if (config.http.max_threads < config.http.min_threads) config.http.min_threads = config.http.max_threads;
  auto webhook_policy = server::WebhookPolicy::create(cmd.webhook_allow);
  if (!webhook_policy.is_ok()) return usage("--webhook-allow " + webhook_policy.status().message());
  config.http.webhook_policy = *webhook_policy;
  Status status = server::run_serve(config, cancel, [&](int port) {
    std::printf("crmerge serve: listening on http://%s:%d (data in %s, %d worker%s)\n",
                config.http.bind.find(':') != std::string::npos ? ("[" + config.http.bind + "]").c_str()
                                                                : config.http.bind.c_str(),
                port, config.data_dir.c_str(), config.runner.workers, config.runner.workers == 1 ? "" : "s");
    std::fflush(stdout);
  });
  if (!status.is_ok()) {
    std::fprintf(stderr, "crmerge serve: error: %s\n", status.message().c_str());
    return kExitFailed;
  }
  return kExitOk;
}

}  // namespace crmerge::cli
