#include "csv/formula_guard.h"

#include "csv/writer.h"

namespace crmerge::csv {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Moves `i` past the digits at `s[i]`; returns how many there were.
size_t skip_digits(std::string_view s, size_t& i) {
  size_t from = i;
  while (i < s.size() && is_digit(s[i])) ++i;
  return i - from;
}

// [+-] (D+ [S D*] | S D+) [(e|E) [+-] D+], S one '.' or ','.
bool is_signed_number(std::string_view s) {
  size_t i = 1;  // (s[0] is the sign)
  size_t digits = skip_digits(s, i);
  if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
    ++i;
    digits += skip_digits(s, i);
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (skip_digits(s, i) == 0) return false;
  }
  return i == s.size();
}

// '+', then digits, spaces, '-', '.', '(' and ')' holding 7 to 15 digits, then
// optionally " ext. " and digits.
bool is_phone(std::string_view s) {
  if (s[0] != '+') return false;
  constexpr std::string_view kExtension = " ext. ";
  size_t ext = s.find(kExtension);
  if (ext != std::string_view::npos) {
    std::string_view tail = s.substr(ext + kExtension.size());
    size_t i = 0;
    if (skip_digits(tail, i) == 0 || i != tail.size()) return false;
    s = s.substr(0, ext);
  }
  size_t digits = 0;
  for (size_t i = 1; i < s.size(); ++i) {
    char c = s[i];
    if (is_digit(c)) ++digits;
    else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') return false;
  }
  return digits >= 7 && digits <= 15;
}

}  // namespace

bool evaluates_as_formula(std::string_view value) {
  if (value.empty()) return false;
  switch (value[0]) {
    case '=':
    case '@':
    case '\t':
    case '\r':
      return true;
    case '+':
    case '-':
      return !is_signed_number(value) && !is_phone(value);
    default:
      return false;
  }
}

std::string neutralize(std::string_view value) {
  if (!evaluates_as_formula(value)) return std::string(value);
  std::string out;
  out.reserve(value.size() + 1);
  out += '\'';
  out.append(value);
  return out;
}

bool append_guarded_field(std::string& out, std::string_view value, const Dialect& d) {
  if (!evaluates_as_formula(value)) {
    append_field(out, value, d);
    return false;
  }
  out += d.quote;
  if (d.quote == '\'') out += '\'';  // the prefix is a quote character itself: doubled
  out += '\'';
  for (char c : value) {
    if (c == d.quote) out += d.quote;
    out += c;
  }
  out += d.quote;
  return true;
}

}  // namespace crmerge::csv
