// `crmerge jobs submit|status|wait|download|cancel`: the command-line client
// of `crmerge serve` (docs/http-api.md).
#pragma once

#include <CLI/CLI.hpp>

#include "base/cancel.h"

namespace crmerge::cli {

struct JobsCommand;

JobsCommand* add_jobs_command(CLI::App& app);
int run_jobs_command(const JobsCommand& cmd, const CancelToken& cancel);

}  // namespace crmerge::cli
