// The (CRM row, vendor row) pairs that share strong keys, and the decision
// among them. merge/key_groups.h writes one link per shared key as runs
// (merge/sorted_runs.h) in the job folder's links/; merged, the links of one
// pair come together and the pairs of one CRM row and vendor too, so that
// each pair is summed up and each (CRM row, vendor) decided in one pass, with
// no table of links or pairs. (In DuckDB, the links' appends, the pairs'
// aggregate and the decisions' sort took ~2.5 s of a 3.7 s match at 1M CRM rows.)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "merge/held_list.h"
#include "merge/row_names.h"
#include "merge/sorted_runs.h"

namespace crmerge::duck {
class Appender;
}

namespace crmerge::merge {

// One strong key a CRM row and a vendor row share. 24 bytes; in the order of
// the pairs: (crm_row, src, vendor_row).
struct LinkRecord {
  uint64_t crm_row = 0, vendor_row = 0;
  int32_t src = 0;
  uint8_t kind = 0;          // 1 e-mail, 2 LinkedIn, 3 phone
  uint8_t names_differ = 0;  // both rows have names and they differ (their hashes do)
  uint8_t unused[2] = {0, 0};
  static bool less(const LinkRecord& a, const LinkRecord& b) {
    if (a.crm_row != b.crm_row) return a.crm_row < b.crm_row;
    if (a.src != b.src) return a.src < b.src;
    return a.vendor_row < b.vendor_row;
  }
};
static_assert(sizeof(LinkRecord) == 24);

struct Pair {
  uint64_t crm_row = 0;
  int32_t src = 0;
  uint64_t vendor_row = 0;
  uint64_t best_kind = 0;  // the strongest kind of key they share (1 is the strongest)
  uint64_t kinds = 0;      // bit k: they share a key of kind k
  uint64_t shared = 0;     // how many keys they share
  bool names_differ = false;
  // A pair linked by one kind of strong key only, whose rows' names differ:
  // its names are compared (two kinds outweigh names; equal names never disagree).
  bool names_matter() const;
};

// The pairs of a stream of links, in the links' order.
class PairReader {
 public:
  explicit PairReader(RunMerger<LinkRecord> links) : links_(std::move(links)) {}
  Result<bool> next(Pair& out);
  uint64_t links() const { return links_.records(); }

 private:
  RunMerger<LinkRecord> links_;
  LinkRecord pending_;
  bool started_ = false, has_pending_ = false;
};

// What rules a pair out, if anything: when a single kind of strong key links
// the two rows, their names must not clearly disagree: on a phone, neither
// first nor last name, and names in different scripts are no support either;
// on an e-mail or LinkedIn profile, not the first name (a recycled address; a
// last name alone may change with marriage). Two different kinds of strong key
// outweigh the names. The reason, as an index for rejection_text().
std::optional<int> rejection(const Pair& p, const std::optional<NameConflicts>& names);
std::string_view rejection_text(int reason);

// Decides each (CRM row, vendor) among its pairs, given in order: the match is
// the accepted pair with the strongest kind of key, then the most keys shared,
// then the earliest vendor row; an accepted pair with the same kind and number
// of keys lost a tie; the other accepted ones were outranked. Writes the match
// to match_pairs (with whether it was a tie and how many were accepted) and
// the others to match_candidates. A group's pairs are held until it ends: in
// memory up to `held_in_memory`, beyond that in the file `spill_path`.
class PairDecider {
 public:
  PairDecider(duck::Appender& candidates, duck::Appender& pairs, size_t held_in_memory, std::string spill_path);
  PairDecider(const PairDecider&) = delete;
  PairDecider& operator=(const PairDecider&) = delete;

  Status add(const Pair& p, std::optional<int> rejection);
  Status finish();  // ends the last group

 private:
  struct Held {
    uint64_t vendor_row, best_kind, shared, kinds;
    int64_t rejection;  // -1: accepted; else the reason (rejection_text)
  };
  Status end_group();
  Status write_candidate(const Held& h, std::string_view decision, std::string_view reason);

  duck::Appender& candidates_;
  duck::Appender& pairs_;
  bool any_ = false;
  uint64_t crm_row_ = 0;
  int32_t src_ = 0;
  HeldList<Held> held_;  // the group's pairs
  std::optional<Held> match_;
  uint64_t accepted_ = 0;
};

}  // namespace crmerge::merge
