// Content hashes for change detection (XXH3-128): fast enough to run inside
// the import scan. Not a security primitive.
#pragma once

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

}  // namespace crmerge
