// Small, fast number formatting for the generator's hot paths (snprintf is slow).
#pragma once

#include <cstdint>
#include <string>

namespace gen {

// Appends V in decimal, zero-padded to at least WIDTH digits.
inline void append_dec(std::string& s, std::uint64_t v, int width = 1) {
  char buf[24];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v);
  while (n < width) buf[n++] = '0';
  while (n) s += buf[--n];
}

// Appends the low 4*WIDTH bits of V as lower-case hex, zero-padded to WIDTH digits.
inline void append_hex(std::string& s, std::uint64_t v, int width) {
  static const char kHex[] = "0123456789abcdef";
  for (int i = width - 1; i >= 0; --i) s += kHex[(v >> (4 * i)) & 15];
}

}  // namespace gen
