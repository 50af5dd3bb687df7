// The one quoting helper for SQL text (DESIGN.md invariant 5). Prefer bound
// parameters; use these only where SQL cannot take a parameter (identifiers,
// SET values). Text with a NUL byte or invalid UTF-8 is refused.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace crmerge::duck {

// "name" with embedded double quotes doubled.
Result<std::string> quote_identifier(std::string_view name);
// 'text' with embedded single quotes doubled.
Result<std::string> quote_literal(std::string_view text);

}  // namespace crmerge::duck
