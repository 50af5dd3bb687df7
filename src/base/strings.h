// Small string helpers used across modules.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace crmerge {

std::string_view trim_ascii(std::string_view s);
std::string to_lower_ascii(std::string_view s);
// Lower-cases the ASCII letters of s[from, end) in place.
void lower_ascii_in_place(std::string& s, size_t from = 0);
// ASCII case-insensitive equality, without allocating.
bool equal_ignore_case(std::string_view a, std::string_view b);
std::vector<std::string> split(std::string_view s, char sep);
// The non-empty, trimmed parts of `s` between any of `separators`.
std::vector<std::string_view> split_trimmed(std::string_view s, std::string_view separators);
// The lines of a small configuration file worth reading: each trimmed, with
// its 1-based number; blank lines and lines starting with '#' are skipped.
struct ConfigLine {
  size_t number;
  std::string_view text;
};
std::vector<ConfigLine> config_lines(std::string_view text);
// 1234567 -> "1,234,567"
std::string format_count(uint64_t n);
// 1536 -> "1.5 KiB"
std::string format_bytes(uint64_t n);
// 75.2 -> "1m15s", 3.21 -> "3.2s"
std::string format_seconds(double s);
// Parses "512MB", "2GB", "1.5GiB", "100000" (bytes); nullopt-like -1 on error.
int64_t parse_byte_size(std::string_view s);

}  // namespace crmerge
