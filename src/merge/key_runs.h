// The job's keys as records of the runs that the keys phase writes into the
// job folder's keys/ (merge/sorted_runs.h), merged into one stream sorted by
// key for the match (merge/key_groups.h); nothing of them goes through DuckDB.
// (Stored in a table, sorted, aggregated and joined by DuckDB, the keys cost
// ~1.5 s of appends in the keys phase and ~3 s of the match at 1M CRM rows.)
#pragma once

#include <cstdint>

#include "merge/sorted_runs.h"

namespace crmerge::merge {

// One key of one row. 32 bytes; in the stream's order: by key (h1, h2, kind),
// then src (the CRM's first), person, row.
struct KeyRecord {
  uint64_t h1 = 0, h2 = 0;
  uint64_t person = 0;  // a hash of the row's names; 0: none
  uint64_t bits = 0;    // kind (4 bits), src (19 bits), row (40 bits), role mailbox (1 bit), from the top

  static constexpr int kSrcBits = 19;
  static constexpr int kRowBits = 40;
  static constexpr uint64_t kMaxSrc = (uint64_t{1} << kSrcBits) - 1;
  static constexpr uint64_t kMaxRow = (uint64_t{1} << kRowBits) - 1;

  static KeyRecord make(uint64_t h1, uint64_t h2, int32_t kind, int32_t src, uint64_t row, uint64_t person,
                        bool role_mailbox);
  int32_t kind() const { return static_cast<int32_t>(bits >> 60); }
  int32_t src() const { return static_cast<int32_t>((bits >> 41) & kMaxSrc); }
  uint64_t row() const { return (bits >> 1) & kMaxRow; }
  bool role_mailbox() const { return bits & 1; }

  // (h1, h2, kind, src), then person, then row: `bits` holds kind and src
  // above the row, so the person is compared between them.
  // (Here, not in the .cc: the sort and the merges call it for every pair of
  // records they compare; out of line it was 3.8% of the samples of import and
  // keys at 10M CRM rows by itself, besides the sort that called it.)
  static bool less(const KeyRecord& a, const KeyRecord& b) {
    if (a.h1 != b.h1) return a.h1 < b.h1;
    if (a.h2 != b.h2) return a.h2 < b.h2;
    const uint64_t ka = a.bits >> 41, kb = b.bits >> 41;  // kind, then src
    if (ka != kb) return ka < kb;
    if (a.person != b.person) return a.person < b.person;
    return a.bits < b.bits;  // the row
  }
};
static_assert(sizeof(KeyRecord) == 32);

}  // namespace crmerge::merge
