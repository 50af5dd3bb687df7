// `crmerge serve`: the HTTP job service (docs/http-api.md).
#pragma once

#include <CLI/CLI.hpp>

#include "base/cancel.h"

namespace crmerge::cli {

struct ServeCommand;

ServeCommand* add_serve_command(CLI::App& app);
int run_serve_command(const ServeCommand& cmd, const CancelToken& cancel);

}  // namespace crmerge::cli
