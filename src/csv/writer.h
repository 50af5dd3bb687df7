// Writing fields in an input's dialect: new fields appended to a CRM record
// look like the CRM's own (its delimiter; quoted when they must be, or always
// when the CRM quotes everything).
#pragma once

#include <string>
#include <string_view>

#include "csv/dialect.h"

namespace crmerge::csv {

// True when `value` cannot be written bare: it holds the delimiter, the quote
// or a line break, or starts or ends with a space (which readers may trim).
bool needs_quotes(std::string_view value, const Dialect& d);
// Appends `value` as one field (without a delimiter).
void append_field(std::string& out, std::string_view value, const Dialect& d);

}  // namespace crmerge::csv
