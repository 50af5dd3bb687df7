#include "duck/quote.h"

#include "base/utf8.h"

namespace crmerge::duck {

namespace {

Result<std::string> quote_with(std::string_view text, char q, const char* what) {
  if (text.find('\0') != std::string_view::npos)
    return Status::invalid_input(std::string(what) + " contains a NUL byte and cannot be used in SQL");
  if (!is_valid_utf8(text)) return Status::invalid_input(std::string(what) + " is not valid UTF-8");
  std::string out;
  out.reserve(text.size() + 2);
  out += q;
  for (char c : text) {
    if (c == q) out += q;
    out += c;
  }
  out += q;
  return out;
}

}  // namespace

Result<std::string> quote_identifier(std::string_view name) { return quote_with(name, '"', "an identifier"); }
Result<std::string> quote_literal(std::string_view text) { return quote_with(text, '\'', "a string literal"); }

}  // namespace crmerge::duck
