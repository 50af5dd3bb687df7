// `crmerge merge`: its flags, and running it.
#pragma once

#include <CLI/CLI.hpp>

#include "base/cancel.h"

namespace crmerge::cli {

struct MergeCommand;

// Adds the subcommand to `app`; the returned object holds the parsed flags.
MergeCommand* add_merge_command(CLI::App& app);
// Runs a parsed merge; returns the process exit code.
int run_merge_command(const MergeCommand& cmd, const CancelToken& cancel);

}  // namespace crmerge::cli
