#include "merge/key_runs.h"

namespace crmerge::merge {

KeyRecord KeyRecord::make(uint64_t h1, uint64_t h2, int32_t kind, int32_t src, uint64_t row, uint64_t person,
                          bool role_mailbox) {
  KeyRecord r;
  r.h1 = h1;
  r.h2 = h2;
  r.person = person;
  r.bits = (static_cast<uint64_t>(kind) << 60) | ((static_cast<uint64_t>(src) & kMaxSrc) << 41) |
           ((row & kMaxRow) << 1) | (role_mailbox ? 1 : 0);
  return r;
}

}  // namespace crmerge::merge
