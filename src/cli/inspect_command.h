// `crmerge inspect FILE...`: each file's encoding, dialect and column roles.
#pragma once

#include <CLI/CLI.hpp>

namespace crmerge::cli {

struct InspectCommand;
InspectCommand* add_inspect_command(CLI::App& app);
int run_inspect_command(const InspectCommand& cmd);

}  // namespace crmerge::cli
