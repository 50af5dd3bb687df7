#include "merge/row_ranges.h"

#include <algorithm>

#include "duck/prepared.h"

namespace crmerge::merge {

namespace {

// `n` == 0: a range per mark.
Result<std::vector<RowRange>> cut(Job& job, const InputMeta& m, size_t n) {
  std::vector<RowRange> ranges(1);
  ranges[0].start_offset = m.data_offset;
  ranges[0].start_line = m.data_line;
  ranges[0].end_row = m.rows;
  if (n == 1 || m.rows == 0) return ranges;
  const bool every = n == 0;
  CRM_ASSIGN_OR_RETURN(auto stmt, job.conn().prepare("SELECT row, off, line FROM input_marks WHERE src = $1 ORDER BY row"));
  CRM_RETURN_IF_ERROR(stmt.bind(1, m.src));
  CRM_ASSIGN_OR_RETURN(auto q, stmt.execute());
  duck::DataChunk chunk;
  uint64_t next_target = every ? 0 : m.rows / n;  // where the next cut should be
  size_t k = 1;
  for (;;) {
    CRM_ASSIGN_OR_RETURN(bool more, q.next(chunk));
    if (!more) break;
    for (size_t r = 0; r < chunk.size() && (every || k < n); ++r) {
      const uint64_t row = chunk.uint64(0, r);
      if (row < next_target || row >= m.rows) continue;
      RowRange& last = ranges.back();
      last.end_offset = chunk.uint64(1, r);
      last.end_row = row;
      RowRange next;
      next.start_offset = last.end_offset;
      next.start_line = chunk.uint64(2, r);
      next.first_row = row;
      next.end_row = m.rows;
      ranges.push_back(next);
      ++k;
      next_target = every ? 0 : m.rows * k / n;
    }
  }
  return ranges;
}

}  // namespace

Result<std::vector<RowRange>> cut_into_ranges(Job& job, const InputMeta& m, size_t n) {
  return cut(job, m, std::max<size_t>(1, n));
}

Result<std::vector<RowRange>> cut_at_every_mark(Job& job, const InputMeta& m) { return cut(job, m, 0); }

}  // namespace crmerge::merge
