#include "csv/writer.h"

namespace crmerge::csv {

bool needs_quotes(std::string_view value, const Dialect& d) {
  if (value.empty()) return false;
  if (value.front() == ' ' || value.back() == ' ') return true;
  for (char c : value)
    if (c == d.delimiter || c == d.quote || c == '\n' || c == '\r') return true;
  return false;
}

void append_field(std::string& out, std::string_view value, const Dialect& d) {
  if (!d.quote_all && !needs_quotes(value, d)) {
    out.append(value);
    return;
  }
  out += d.quote;
  for (char c : value) {
    if (c == d.quote) out += d.quote;
    out += c;
  }
  out += d.quote;
}

}  // namespace crmerge::csv
