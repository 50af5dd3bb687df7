// Content hashes for change detection (XXH3-128): fast enough to run inside
// the import scan. Not a security primitive.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

namespace crmerge {

class CancelToken;

class ContentHasher {
 public:
  ContentHasher();
  ~ContentHasher();
  ContentHasher(ContentHasher&&) noexcept;
  ContentHasher& operator=(ContentHasher&&) noexcept;
  void update(std::string_view data);
  // 32 lower-case hex digits. The hasher can keep going afterwards.
  std::string hex_digest() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Hash of a whole file's bytes; checks `cancel` between blocks when given.
Result<std::string> hash_file(const std::string& path, const CancelToken* cancel = nullptr);
// Hash of a string (for option sets and small records).
std::string hash_string(std::string_view data);

// Fixed-width hashes of values, for joins and aggregates that stay small and
// spill well (keys: 128 bits, so that two different values never share one in
// practice; 64 bits where a rare collision only blurs a count).
struct Hash128 {
  uint64_t hi = 0;
  uint64_t lo = 0;
  friend bool operator==(const Hash128& a, const Hash128& b) { return a.hi == b.hi && a.lo == b.lo; }
};
Hash128 hash128(std::string_view data);
uint64_t hash64(std::string_view data);

}  // namespace crmerge
