// A query result walked row by row, a chunk at a time: the export merges
// several such streams, all ordered by CRM row, with its pass over the CRM.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>

#include "duck/connection.h"
#include "duck/prepared.h"
#include "duck/result.h"

namespace crmerge::merge {

class RowCursor {
 public:
  static Result<RowCursor> open(duck::Connection& conn, std::string_view sql) {
    RowCursor c;
    CRM_ASSIGN_OR_RETURN(c.result_, conn.query(sql));
    CRM_RETURN_IF_ERROR(c.advance());
    return c;
  }
  // The same for a query with two parameters, $1 and $2: the first CRM row and
  // the first row after the range. With `window` > 0 the range is read in
  // windows of that many CRM rows, one execution of the query each, one after
  // another: the rows come out the same when the query orders by CRM row first,
  // and no execution sorts more than one window's rows (the export at 50M CRM
  // rows sorted ~45M resolved rows per range at once).
  static Result<RowCursor> open_rows(duck::Connection& conn, std::string_view sql, uint64_t first, uint64_t end,
                                     uint64_t window = 0) {
    RowCursor c;
    CRM_ASSIGN_OR_RETURN(auto stmt, conn.prepare(sql));
    c.stmt_.emplace(std::move(stmt));
    c.next_ = first;
    c.end_ = end;
    c.window_ = window > 0 ? window : std::max<uint64_t>(1, end - first);
    CRM_RETURN_IF_ERROR(c.execute_next());
    CRM_RETURN_IF_ERROR(c.advance());
    return c;
  }
  bool done() const { return done_; }
  const duck::DataChunk& chunk() const { return chunk_; }
  size_t row() const { return pos_; }
  // How many chunks have been read: changes when row() moves to a new chunk
  // (whose rows from row() on a reader may fetch ahead in one go).
  uint64_t chunks() const { return chunks_; }
  uint64_t u64(size_t col) const { return chunk_.uint64(col, pos_); }
  std::string_view str(size_t col) const { return chunk_.varchar(col, pos_); }
  Status advance() {
    if (done_) return Status::ok();
    if (++pos_ < chunk_.size()) return Status::ok();
    pos_ = 0;
    for (;;) {
      CRM_ASSIGN_OR_RETURN(bool more, result_.next(chunk_));
      if (more) {
        ++chunks_;
        return Status::ok();
      }
      if (!stmt_ || next_ >= end_) break;
      CRM_RETURN_IF_ERROR(execute_next());  // the next window
    }
    done_ = true;
    return Status::ok();
  }

 private:
  // Runs the statement for the window from next_; moves next_ past it.
  Status execute_next() {
    const uint64_t to = end_ - next_ > window_ ? next_ + window_ : end_;
    CRM_RETURN_IF_ERROR(stmt_->bind(1, next_));
    CRM_RETURN_IF_ERROR(stmt_->bind(2, to));
    result_ = duck::QueryResult();  // the previous window's result goes first
    CRM_ASSIGN_OR_RETURN(result_, stmt_->execute());
    next_ = to;
    return Status::ok();
  }

  std::optional<duck::PreparedStatement> stmt_;  // outlives its result
  uint64_t next_ = 0, end_ = 0, window_ = 0;     // open_rows: the windows not yet run
  duck::QueryResult result_;
  duck::DataChunk chunk_;
  size_t pos_ = static_cast<size_t>(-1);
  uint64_t chunks_ = 0;
  bool done_ = false;
};

}  // namespace crmerge::merge
