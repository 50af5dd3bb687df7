// The scoring of the pairs whose names matter (sql/match_names.sql picks them:
// one kind of strong key, names on both rows that differ by their hash; ~2% of
// the pairs): both rows' names are read again from the inputs, where
// keys_rows says the rows are, and compared (merge/row_names.h). The keys
// phase stores no names: writing every row's names into the job database was
// a third of that phase, for the few rows the match compares.
#pragma once

#include <cstdint>
#include <memory>

#include "base/status.h"
#include "merge/phases.h"

namespace crmerge::merge {

// Scores the pairs of CRM rows from `lo` up to (not including) `hi` into
// match_conflicts (read on the job's connection, written on another), after
// sql/match_names.sql has written their CRM rows' places into match_named.
// An input that changed under the job is an error.
class NameScorer {
 public:
  static Result<NameScorer> open(Job& job);
  NameScorer(NameScorer&&) noexcept;
  NameScorer& operator=(NameScorer&&) noexcept;
  ~NameScorer();

  Status score(uint64_t lo, uint64_t hi);
  Status close();  // the scored pairs reach match_conflicts

 private:
  struct State;
  explicit NameScorer(std::unique_ptr<State> s);
  std::unique_ptr<State> s_;
};

}  // namespace crmerge::merge
