#include "base/strings.h"

#include <cctype>
#include <cmath>
#include <cstdio>

namespace crmerge {

std::string_view trim_ascii(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

void lower_ascii_in_place(std::string& s, size_t from) {
  for (size_t i = from; i < s.size(); ++i)
    if (s[i] >= 'A' && s[i] <= 'Z') s[i] = static_cast<char>(s[i] - 'A' + 'a');
}

std::string to_lower_ascii(std::string_view s) {
  std::string out(s);
  lower_ascii_in_place(out);
  return out;
}

bool equal_ignore_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a == b) return true;  // the usual case, compared a word at a time
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (;;) {
    size_t pos = s.find(sep, start);
    if (pos == std::string_view::npos) {
      parts.emplace_back(s.substr(start));
      return parts;
    }
    parts.emplace_back(s.substr(start, pos - start));
    start = pos + 1;
  }
}

std::vector<ConfigLine> config_lines(std::string_view text) {
  std::vector<ConfigLine> lines;
  size_t number = 0, pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = trim_ascii(text.substr(pos, end - pos));
    pos = end + 1;
    ++number;
    if (!line.empty() && line.front() != '#') lines.push_back({number, line});
  }
  return lines;
}

std::string format_count(uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  int lead = static_cast<int>(digits.size() % 3);
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (static_cast<int>(i) - lead) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string format_bytes(uint64_t n) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(n);
  int u = 0;
  while (v >= 1024 && u < 4) {
    v /= 1024;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
  return buf;
}

std::string format_seconds(double s) {
  char buf[32];
  if (s < 60) {
    std::snprintf(buf, sizeof buf, "%.1fs", s);
  } else if (s < 3600) {
    std::snprintf(buf, sizeof buf, "%dm%02ds", static_cast<int>(s) / 60, static_cast<int>(s) % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%dh%02dm", static_cast<int>(s) / 3600, (static_cast<int>(s) % 3600) / 60);
  }
  return buf;
}

int64_t parse_byte_size(std::string_view s) {
  s = trim_ascii(s);
  size_t i = 0;
  while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
  if (i == 0) return -1;
  double v = std::strtod(std::string(s.substr(0, i)).c_str(), nullptr);
  std::string unit = to_lower_ascii(trim_ascii(s.substr(i)));
  double mult;
  if (unit.empty() || unit == "b") mult = 1;
  else if (unit == "kb") mult = 1e3;
  else if (unit == "mb") mult = 1e6;
  else if (unit == "gb") mult = 1e9;
  else if (unit == "tb") mult = 1e12;
  else if (unit == "kib") mult = 1024.0;
  else if (unit == "mib") mult = 1024.0 * 1024;
  else if (unit == "gib") mult = 1024.0 * 1024 * 1024;
  else if (unit == "tib") mult = 1024.0 * 1024 * 1024 * 1024;
  else return -1;
  double bytes = v * mult;
  if (!std::isfinite(bytes) || bytes < 0 || bytes > 9e18) return -1;
  return static_cast<int64_t>(bytes);
}

std::vector<std::string_view> split_trimmed(std::string_view s, std::string_view separators) {
  std::vector<std::string_view> parts;
  if (s.empty()) return parts;
  // A bit per byte value: find_first_of called memchr on `separators` for every
  // byte of `s`, a few percent of the keys phase (measured).
  uint64_t is_separator[4] = {};
  for (char c : separators) {
    auto u = static_cast<unsigned char>(c);
    is_separator[u >> 6] |= uint64_t{1} << (u & 63);
  }
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size()) {
      auto u = static_cast<unsigned char>(s[i]);
      if (((is_separator[u >> 6] >> (u & 63)) & 1) == 0) continue;
    }
    std::string_view part = trim_ascii(s.substr(start, i - start));
    if (!part.empty()) parts.push_back(part);
    start = i + 1;
  }
  return parts;
}

}  // namespace crmerge
