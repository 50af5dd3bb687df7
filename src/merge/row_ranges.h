// Cutting an input into ranges of rows at the marks the import left
// (input_marks: where every 16384th row starts), so that a pass can read one
// input on several threads. Row numbers are the pass's: records that are not
// blank, malformed ones included.
#pragma once

#include <cstdint>
#include <vector>

#include "base/status.h"
#include "merge/input_meta.h"
#include "merge/job.h"

namespace crmerge::merge {

struct RowRange {
  uint64_t start_offset = 0;         // a record boundary
  uint64_t start_line = 1;           // the line number there
  uint64_t first_row = 0;            // the 0-based row of the first record
  uint64_t end_offset = UINT64_MAX;  // where the next range starts (the last range: the end of the file)
  uint64_t end_row = 0;              // the first row of the next range (the last: the input's row count)
};

// Up to `n` ranges of input `m` of about equal row counts, cut at its marks;
// the first starts at its first data row. At least one range.
Result<std::vector<RowRange>> cut_into_ranges(Job& job, const InputMeta& m, size_t n);
// A range from each mark to the next (and from the first data row to the first).
Result<std::vector<RowRange>> cut_at_every_mark(Job& job, const InputMeta& m);

}  // namespace crmerge::merge
