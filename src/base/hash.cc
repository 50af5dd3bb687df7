#include "base/hash.h"

#include <xxhash.h>

#include <cstdio>
#include <vector>

#include "base/cancel.h"
#include "base/files.h"

namespace crmerge {

struct ContentHasher::State {
  XXH3_state_t* s = XXH3_createState();
  ~State() { XXH3_freeState(s); }
};

ContentHasher::ContentHasher() : state_(std::make_unique<State>()) { XXH3_128bits_reset(state_->s); }
ContentHasher::~ContentHasher() = default;
ContentHasher::ContentHasher(ContentHasher&&) noexcept = default;
ContentHasher& ContentHasher::operator=(ContentHasher&&) noexcept = default;

void ContentHasher::update(std::string_view data) { XXH3_128bits_update(state_->s, data.data(), data.size()); }

std::string ContentHasher::hex_digest() const {
  XXH128_hash_t h = XXH3_128bits_digest(state_->s);
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return buf;
}

Result<std::string> hash_file(const std::string& path, const CancelToken* cancel) {
  CRM_ASSIGN_OR_RETURN(InputFile file, InputFile::open(path));
  ContentHasher hasher;
  std::vector<char> buf(4 << 20);
  for (;;) {
    if (cancel) CRM_RETURN_IF_ERROR(cancel->check());
    CRM_ASSIGN_OR_RETURN(size_t got, file.read(buf.data(), buf.size()));
    if (got == 0) break;
    hasher.update({buf.data(), got});
  }
  return hasher.hex_digest();
}

std::string hash_string(std::string_view data) {
  ContentHasher h;
  h.update(data);
  return h.hex_digest();
}

Hash128 hash128(std::string_view data) {
  XXH128_hash_t h = XXH3_128bits(data.data(), data.size());
  return {h.high64, h.low64};
}

uint64_t hash64(std::string_view data) { return XXH3_64bits(data.data(), data.size()); }

}  // namespace crmerge
