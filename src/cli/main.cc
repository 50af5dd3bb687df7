// crmerge: merges CRM exports with contact-enrichment vendor files.
#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdio>

#include "base/cancel.h"
#include "base/file_limit.h"
#include "cli/exit_codes.h"
#include "cli/inspect_command.h"
#include "cli/jobs_command.h"
#include "cli/merge_command.h"
#include "cli/serve_command.h"
#include "cli/signals.h"
#include "duck/database.h"

#ifndef CRMERGE_VERSION
#define CRMERGE_VERSION "dev"
#endif

int main(int argc, char** argv) {
  using namespace crmerge;
  // A peer that closes its connection must not kill the process: writes to it
  // fail with EPIPE instead (the HTTP client's uploads, the server's streams).
  std::signal(SIGPIPE, SIG_IGN);
  // A job's passes open many files at once (base/file_limit.h).
  raise_open_file_limit();
  static CancelToken cancel;
  cli::SignalWatcher signals(cancel);

  CLI::App app{"crmerge: merges a CRM export with contact-enrichment vendor files into one enriched CSV,\n"
               "keeping every CRM row, its order and its bytes."};
  app.set_version_flag("--version", std::string("crmerge ") + CRMERGE_VERSION + " (DuckDB " +
                                        duck::library_version() + ")");
  app.require_subcommand(1);
  app.footer("Run 'crmerge <command> --help' for a command's options.");
  auto* merge_cmd = cli::add_merge_command(app);
  auto* inspect_cmd = cli::add_inspect_command(app);
  auto* serve_cmd = cli::add_serve_command(app);
  auto* jobs_cmd = cli::add_jobs_command(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? cli::kExitOk : cli::kExitUsage;
  }
  if (app.got_subcommand("merge")) return cli::run_merge_command(*merge_cmd, cancel);
  if (app.got_subcommand("inspect")) return cli::run_inspect_command(*inspect_cmd);
  if (app.got_subcommand("serve")) return cli::run_serve_command(*serve_cmd, cancel);
  if (app.got_subcommand("jobs")) return cli::run_jobs_command(*jobs_cmd, cancel);
  return cli::kExitUsage;
}
