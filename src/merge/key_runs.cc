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

bool KeyRecord::less(const KeyRecord& a, const KeyRecord& b) {
  if (a.h1 != b.h1) return a.h1 < b.h1;
  if (a.h2 != b.h2) return a.h2 < b.h2;
  const uint64_t ka = a.bits >> 41, kb = b.bits >> 41;  // kind, then src
  if (ka != kb) return ka < kb;
  if (a.person != b.person) return a.person < b.person;
  return a.bits < b.bits;  // the row
}

}  // namespace crmerge::merge
