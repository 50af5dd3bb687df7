// Rows of the inputs read back by number, many at a time: their places from
// the row index (merge/row_index.h), then, when asked, their text; each step
// one batch of reads (base/batch_reader.h). The match reads the names of the
// pairs it compares this way, the export the matched vendor rows, the audit
// the lines of the candidates.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/batch_reader.h"
#include "base/files.h"
#include "merge/input_meta.h"
#include "merge/job.h"
#include "merge/row_index.h"

namespace crmerge::merge {

class RowFetcher {
 public:
  // `metas`: the job's inputs, by src; `texts`: whether fetch() may be asked
  // for the rows' text (opens the inputs).
  static Result<RowFetcher> open(const JobFolder& folder, const std::vector<InputMeta>& metas, bool texts);
  RowFetcher() = default;

  // Queues row `row` of input `src`; its slot is the count of rows queued before it.
  Status add(size_t src, uint64_t row);
  size_t size() const { return slots_.size(); }
  // Reads the places of every queued row and, with `texts`, their records.
  Status fetch(bool texts);
  const RowPlace& place(size_t slot) const { return slots_[slot].place; }
  std::string_view text(size_t slot) const {
    return std::string_view(texts_).substr(slots_[slot].text_at, slots_[slot].place.length);
  }
  // Forgets the queued rows (the buffers keep their room).
  void clear();

 private:
  struct Slot {
    size_t src;
    uint64_t row;
    RowPlace place;
    size_t text_at;
  };
  std::vector<RowIndex> indexes_;  // by src
  std::vector<InputFile> inputs_;  // by src, when texts are read
  BatchReader reader_;
  std::vector<Slot> slots_;
  std::string places_, texts_;
};

}  // namespace crmerge::merge
