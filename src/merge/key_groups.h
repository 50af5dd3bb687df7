// The match's first step, over the job's keys merged into one stream sorted by
// key (merge/key_runs.h): which keys are weak (shared by several people inside
// one input), which (CRM row, vendor row) pairs share a strong key, and the
// role mailboxes the report counts. One pass, holding one key's rows at a
// time, where SQL took an aggregate for the weak keys and a join for the pairs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "merge/held_list.h"
#include "merge/key_runs.h"
#include "merge/pairs.h"

namespace crmerge::duck {
class Appender;
}

namespace crmerge::merge {

// The rule: an e-mail or phone is weak inside one input when it is on ten rows
// or more, or on rows with two different names or more (a switchboard, info@,
// a family phone); a weak key never matches. A pair shares a strong key when
// its CRM row and vendor row hold the same key, weak in neither input, on rows
// that are not role mailboxes. A row holding a key twice (one number in two
// columns) holds it once.
//
// Writes match_weak rows (src, kind, h1, h2, rows, people, holder_row: the
// first row holding it) and a link (merge/pairs.h) for each strong key a CRM
// row and a vendor row share. Memory: at most nine rows of each input per key, but for a
// LinkedIn profile (never weak) every CRM row holding it: beyond
// `crm_rows_per_key` of those, they go to the file `spill_path`, read again
// for each vendor row holding the profile.
class KeyGroups {
 public:
  KeyGroups(duck::Appender& weak, RunWriter<LinkRecord>& links, uint64_t crm_rows_per_key, std::string spill_path);
  KeyGroups(const KeyGroups&) = delete;
  KeyGroups& operator=(const KeyGroups&) = delete;

  Status add(const KeyRecord& r);  // records in the stream's order
  Status finish();                 // after the last record

  // E-mail keys that are role mailboxes (info@, sales@), by input: the rows
  // holding one, and how many different ones.
  struct RoleMailboxes {
    uint64_t rows = 0, keys = 0;
  };
  const std::vector<RoleMailboxes>& role_mailboxes() const { return roles_; }

 private:
  struct Held {
    uint64_t row, person;
  };
  Status link(const Held& crm, int32_t src, const Held& vendor);
  Status link_vendor_to_crm(const Held& vendor, int32_t src);
  Status end_input();  // the rows of one input for the current key are all in
  Status end_key();

  duck::Appender& weak_;
  RunWriter<LinkRecord>& links_;
  bool any_ = false;
  uint64_t h1_ = 0, h2_ = 0;
  int32_t kind_ = 0;
  HeldList<Held> crm_;  // the key's CRM rows that may link (its input's rows not weak)
  // The current input's rows of the current key.
  int32_t src_ = -1;
  uint64_t rows_ = 0, people_ = 0, last_person_ = 0, first_row_ = 0, last_row_ = 0, role_rows_ = 0;
  std::vector<Held> held_;  // those that may link, while the input may still prove weak
  std::vector<RoleMailboxes> roles_;
};

}  // namespace crmerge::merge
