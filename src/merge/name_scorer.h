// The scoring of the pairs whose names matter (merge/pairs.h picks them: one
// kind of strong key, names on both rows that differ by their hash; ~2% of the
// pairs): both rows' names are read again from the inputs, where the row index
// says the rows are (merge/row_fetcher.h), and compared (merge/row_names.h).
// The keys phase stores no names: writing every row's names into the job
// database was a third of that phase, for the few rows the match compares.
#pragma once

#include <cstdint>
#include <memory>

#include "base/status.h"
#include "merge/phases.h"

namespace crmerge::merge {

// Scores pairs into match_conflicts (through a connection of its own), a batch
// of `pairs_per_batch` at a time: each batch's rows are read in two batches of
// reads. An input that changed under the job is an error.
class NameScorer {
 public:
  static Result<NameScorer> open(Job& job, size_t pairs_per_batch);
  NameScorer(NameScorer&&) noexcept;
  NameScorer& operator=(NameScorer&&) noexcept;
  ~NameScorer();

  Status add(uint64_t crm_row, int32_t src, uint64_t vendor_row);
  Status close();  // scores what is left; the scored pairs reach match_conflicts

 private:
  struct State;
  explicit NameScorer(std::unique_ptr<State> s);
  Status score_batch();
  std::unique_ptr<State> s_;
};

}  // namespace crmerge::merge
