// The names of one record, read as the keys phase reads them (the first
// non-empty first and last name columns, else a full-name column split; first
// names folded, nicknames mapped to the full name), and whether two rows'
// names clearly disagree. The keys phase keeps only their hash (`person`,
// stored with each key); the match reads the names again, from the rows, for
// the few pairs whose names it must compare (merge/name_scorer.h).
#pragma once

#include <cstdint>
#include <string>

#include "csv/reader.h"
#include "merge/row_keys.h"

namespace crmerge::merge {

struct RowNames {
  std::string first, last;  // folded (normalize/name.h); both empty: the row has no name
  bool latin = false;       // both in Latin script (a name in another cannot be compared with a transliteration)
  uint64_t person = 0;      // a hash of (first, last), never 0; 0 when the row has no name

  bool empty() const { return person == 0; }
};

// Reads the names of well-formed record `rec` into `out`.
void read_names(const csv::Record& rec, const KeyColumns& cols, char quote, RowNames& out);

// How the names of a CRM row and a vendor row disagree. Names clearly disagree
// when both are present and comparable (both in Latin script, or both not) and
// neither contains (last names) or starts (first names) the other; names in
// different scripts are no support either. A row without names disagrees with
// none.
struct NameConflicts {
  bool last = false, first = false, scripts_differ = false;
};
NameConflicts compare_names(const RowNames& a, const RowNames& b);

}  // namespace crmerge::merge
