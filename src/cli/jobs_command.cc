#include "cli/jobs_command.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>
#include <variant>

#include "base/files.h"
#include "base/strings.h"
#include "cli/exit_codes.h"
#include "cli/merge_flags.h"
#include "jobs/job_spec.h"
#include "server/api_client.h"

namespace crmerge::cli {

struct JobsCommand {
  CLI::App* submit = nullptr;
  CLI::App* status = nullptr;
  CLI::App* wait = nullptr;
  CLI::App* download = nullptr;
  CLI::App* cancel = nullptr;
  std::string server = "http://127.0.0.1:8080";
  std::string api_key;
  std::string id;
  MergeFlags flags;
  std::string webhook;
  std::string idempotency_key;
  std::string out_path, report_path;
  bool quiet = false;
};

namespace {

using nlohmann::json;

void add_connection_flags(CLI::App* sub, JobsCommand& cmd) {
  sub->add_option("--server", cmd.server, "The crmerge server's URL")
      ->envname("CRMERGE_SERVER")
      ->default_str("http://127.0.0.1:8080");
  sub->add_option("--api-key", cmd.api_key, "The API key (when the server has keys)")->envname("CRMERGE_API_KEY");
}

int fail(const std::string& message) {
  std::fprintf(stderr, "crmerge jobs: error: %s\n", message.c_str());
  return kExitFailed;
}

// The job's JSON, or an exit code after saying what went wrong.
std::variant<json, int> fetch_job(server::ApiClient& client, const std::string& id) {
  auto res = client.get("/v1/jobs/" + id);
  if (!res.is_ok()) return fail(res.status().message());
  if (res->status != 200) return fail(server::api_error_message(*res));
  return json::parse(res->body, nullptr, false);
}

int submit(const JobsCommand& cmd, server::ApiClient& client) {
  merge::MergeOptions merge_options = merge_options_from(cmd.flags);
  auto options = jobs::job_options_from(merge_options);
  if (!options.is_ok()) return fail(options.status().message());
  options->webhook_url = cmd.webhook;
  std::vector<server::UploadFile> files{{"crm", merge_options.crm_path, base_name(merge_options.crm_path)}};
  for (const auto& v : merge_options.vendors) files.push_back({"enrich", v.path, base_name(v.path)});
  for (const auto& f : files) {
    auto info = stat_path(f.path);
    if (!info.is_ok() || !info->is_regular) return fail(f.path + " does not exist or is not a file");
  }
  auto res = client.submit(files, jobs::job_options_json(*options), cmd.idempotency_key);
  if (!res.is_ok()) return fail(res.status().message());
  if (res->status != 201 && res->status != 200) return fail(server::api_error_message(*res));
  json job = json::parse(res->body, nullptr, false);
  std::string id = job.value("id", "");
  if (!cmd.quiet)
    std::printf("%s job %s (%s): %s/v1/jobs/%s\n", res->status == 201 ? "submitted" : "already submitted as",
                id.c_str(), job.value("state", "").c_str(), client.server().c_str(), id.c_str());
  std::printf("%s\n", id.c_str());
  return kExitOk;
}

std::string progress_line(const json& job) {
  char buf[200];
  double pct = job.value("percent", 0.0);
  std::string line;
  int filled = static_cast<int>(pct / 5);
  line = "[" + std::string(static_cast<size_t>(filled), '#') + std::string(static_cast<size_t>(20 - filled), ' ') + "]";
  std::snprintf(buf, sizeof buf, " %5.1f%%  %-8s", pct, job.value("phase", "").c_str());
  line += buf;
  double rate = job.value("rows_per_second", 0.0);
  if (rate > 0) line += "  " + format_count(static_cast<uint64_t>(rate)) + " rows/s";
  if (job.contains("eta_seconds") && job["eta_seconds"].is_number())
    line += "  ETA " + format_seconds(job["eta_seconds"].get<double>());
  return line;
}

int wait(const JobsCommand& cmd, server::ApiClient& client, const CancelToken& cancel) {
  const bool tty = isatty(STDERR_FILENO) && !cmd.quiet;
  std::string last_phase;
  for (;;) {
    auto fetched = fetch_job(client, cmd.id);
    if (std::holds_alternative<int>(fetched)) return std::get<int>(fetched);
    const json& job = std::get<json>(fetched);
    const std::string state = job.value("state", "");
    const std::string phase = job.value("phase", "");
    if (tty) {
      std::fprintf(stderr, "\r%-90s", progress_line(job).c_str());
    } else if (!cmd.quiet && phase != last_phase && !phase.empty()) {
      std::fprintf(stderr, "crmerge jobs: %s: %s\n", cmd.id.c_str(), phase.c_str());
    }
    last_phase = phase;
    if (state == "succeeded" || state == "failed" || state == "cancelled") {
      if (tty) std::fprintf(stderr, "\n");
      if (state == "succeeded") {
        if (!cmd.quiet)
          std::printf("job %s succeeded: %s rows, %s bytes\n", cmd.id.c_str(),
                      format_count(job.value("rows", uint64_t{0})).c_str(),
                      format_count(job.value("result_bytes", uint64_t{0})).c_str());
        return kExitOk;
      }
      std::string why = state;
      if (job.contains("error") && job["error"].is_object()) why += ": " + job["error"].value("message", "");
      std::fprintf(stderr, "crmerge jobs: job %s %s\n", cmd.id.c_str(), why.c_str());
      return kExitFailed;
    }
    if (cancel.is_cancelled()) {
      if (tty) std::fprintf(stderr, "\n");
      std::fprintf(stderr, "crmerge jobs: stopped waiting; job %s goes on (crmerge jobs cancel %s stops it)\n",
                   cmd.id.c_str(), cmd.id.c_str());
      return kExitInterrupted;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
}

int download(const JobsCommand& cmd, server::ApiClient& client) {
  auto res = client.download("/v1/jobs/" + cmd.id + "/result", cmd.out_path);
  if (!res.is_ok()) return fail(res.status().message());
  if (res->status != 200) return fail(server::api_error_message(*res));
  if (!cmd.report_path.empty()) {
    auto rep = client.download("/v1/jobs/" + cmd.id + "/report", cmd.report_path);
    if (!rep.is_ok()) return fail(rep.status().message());
    if (rep->status != 200) return fail(server::api_error_message(*rep));
  }
  if (!cmd.quiet) std::printf("wrote %s\n", cmd.out_path.c_str());
  return kExitOk;
}

}  // namespace

JobsCommand* add_jobs_command(CLI::App& app) {
  static std::vector<std::shared_ptr<JobsCommand>> keep;  // CLI11 owns the subcommands; the flags live as long
  auto cmd = std::make_shared<JobsCommand>();
  keep.push_back(cmd);
  auto* jobs = app.add_subcommand("jobs", "Submit merges to a crmerge server and follow them");
  jobs->require_subcommand(1);
  jobs->footer(
      "The server is --server (default http://127.0.0.1:8080, or $CRMERGE_SERVER); its key --api-key\n"
      "(or $CRMERGE_API_KEY). Example:\n"
      "  id=$(crmerge jobs submit --crm hubspot.csv --enrich apollo.csv | tail -n 1)\n"
      "  crmerge jobs wait $id && crmerge jobs download $id --out merged.csv");

  cmd->submit = jobs->add_subcommand("submit", "Upload a CRM export and vendor files as a new job; prints its id last");
  add_merge_flags(cmd->submit, cmd->flags);
  cmd->submit->add_option("--webhook", cmd->webhook, "A URL the server POSTs the job to when it ends");
  cmd->submit->add_option("--idempotency-key", cmd->idempotency_key,
                          "Submitting again with the same key returns the same job instead of a new one");

  cmd->status = jobs->add_subcommand("status", "Print a job as JSON");
  cmd->wait = jobs->add_subcommand("wait", "Show a job's progress until it ends (exit 0 if it succeeded)");
  cmd->download = jobs->add_subcommand("download", "Download a succeeded job's result (and report)");
  cmd->download->add_option("--out", cmd->out_path, "Where to write the merged CSV")->required();
  cmd->download->add_option("--report", cmd->report_path, "Where to write the match report (JSON)");
  cmd->cancel = jobs->add_subcommand("cancel", "Cancel a queued or running job");
  for (CLI::App* sub : {cmd->status, cmd->wait, cmd->download, cmd->cancel})
    sub->add_option("id", cmd->id, "The job's id")->required();
  for (CLI::App* sub : {cmd->submit, cmd->status, cmd->wait, cmd->download, cmd->cancel}) {
    add_connection_flags(sub, *cmd);
    sub->add_flag("-q,--quiet", cmd->quiet, "Print only what scripts need");
  }
  return cmd.get();
}

int run_jobs_command(const JobsCommand& cmd, const CancelToken& cancel) {
  auto client = server::ApiClient::connect(cmd.server, cmd.api_key);
  if (!client.is_ok()) return fail(client.status().message());
  if (cmd.submit->parsed()) return submit(cmd, *client);
  if (cmd.wait->parsed()) return wait(cmd, *client, cancel);
  if (cmd.download->parsed()) return download(cmd, *client);
  if (cmd.status->parsed()) {
    auto fetched = fetch_job(*client, cmd.id);
    if (std::holds_alternative<int>(fetched)) return std::get<int>(fetched);
    std::printf("%s\n", std::get<json>(fetched).dump(2).c_str());
    return kExitOk;
  }
  if (cmd.cancel->parsed()) {
    auto res = client->post("/v1/jobs/" + cmd.id + "/cancel");
    if (!res.is_ok()) return fail(res.status().message());
    if (res->status != 200) return fail(server::api_error_message(*res));
    json job = json::parse(res->body, nullptr, false);
    if (!cmd.quiet)
      std::printf("job %s: %s\n", cmd.id.c_str(),
                  job.value("state", "") == "cancelled" ? "cancelled" : "cancelling (it stops at its next check)");
    return kExitOk;
  }
  return kExitUsage;
}

}  // namespace crmerge::cli
