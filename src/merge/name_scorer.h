// The scoring of the pairs whose names matter (merge/pairs.h picks them: one
// kind of strong key, names on both rows that differ by their hash; ~2% of the
// pairs): both rows' names are read again from the inputs, where the row index
// says the rows are (merge/row_fetcher.h), and compared (merge/row_names.h).
// The keys phase stores no names: writing every row's names into the job
// database was a third of that phase, for the few rows the match compares.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "base/status.h"
#include "merge/phases.h"
#include "merge/row_names.h"

namespace crmerge::merge {

// Scores the pairs queued with add(), all at once when asked: their rows are
// read in two batches of reads (the places, then the records). An input that
// changed under the job is an error.
class NameScorer {
 public:
  static Result<NameScorer> open(Job& job);
  NameScorer(NameScorer&&) noexcept;
  NameScorer& operator=(NameScorer&&) noexcept;
  ~NameScorer();

  // Queues a pair (a CRM row's pairs one after another: its row is read once).
  Status add(uint64_t crm_row, int32_t src, uint64_t vendor_row);
  size_t queued() const;
  // How the names of each queued pair disagree, in the order queued, into
  // `out`; then the queue is empty.
  Status score(std::vector<NameConflicts>& out);

 private:
  struct State;
  explicit NameScorer(std::unique_ptr<State> s);
  std::unique_ptr<State> s_;
};

}  // namespace crmerge::merge
