// C++ functions as DuckDB scalar functions, so that SQL can normalize values
// (over the DISTINCT raw values, each once): VARCHAR -> VARCHAR, where an
// empty optional is NULL. DuckDB calls the function from its worker threads,
// a vector of up to 2048 values at a time: it must be thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "duck/connection.h"

namespace crmerge::duck {

using StringFunction = std::function<std::optional<std::string>(std::string_view)>;

// Registers `name(VARCHAR) -> VARCHAR` on the connection's database. NULL in gives NULL out.
Status register_string_function(Connection& conn, const std::string& name, StringFunction fn);

}  // namespace crmerge::duck
