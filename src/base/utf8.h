// UTF-8 validation and encoding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace crmerge {

// Length of the longest valid UTF-8 prefix of `s` (== s.size() when all valid).
// Overlong forms, surrogates and code points above U+10FFFF are invalid.
size_t valid_utf8_prefix(std::string_view s);
inline bool is_valid_utf8(std::string_view s) { return valid_utf8_prefix(s) == s.size(); }
// Appends the UTF-8 encoding of `cp` (must be a valid scalar value).
void append_utf8(uint32_t cp, std::string& out);

}  // namespace crmerge
