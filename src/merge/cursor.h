// A query result walked row by row, a chunk at a time: the export merges
// several such streams, all ordered by CRM row, with its pass over the CRM.
#pragma once

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
  // the first row after the range.
  static Result<RowCursor> open_rows(duck::Connection& conn, std::string_view sql, uint64_t first, uint64_t end) {
    RowCursor c;
    CRM_ASSIGN_OR_RETURN(auto stmt, conn.prepare(sql));
    c.stmt_.emplace(std::move(stmt));
    CRM_RETURN_IF_ERROR(c.stmt_->bind(1, first));
    CRM_RETURN_IF_ERROR(c.stmt_->bind(2, end));
    CRM_ASSIGN_OR_RETURN(c.result_, c.stmt_->execute());
    CRM_RETURN_IF_ERROR(c.advance());
    return c;
  }
  bool done() const { return done_; }
  const duck::DataChunk& chunk() const { return chunk_; }
  size_t row() const { return pos_; }
  uint64_t u64(size_t col) const { return chunk_.uint64(col, pos_); }
  std::string_view str(size_t col) const { return chunk_.varchar(col, pos_); }
  Status advance() {
    if (done_) return Status::ok();
    if (++pos_ < chunk_.size()) return Status::ok();
    pos_ = 0;
    CRM_ASSIGN_OR_RETURN(bool more, result_.next(chunk_));
    done_ = !more;
    return Status::ok();
  }

 private:
  std::optional<duck::PreparedStatement> stmt_;  // outlives its result
  duck::QueryResult result_;
  duck::DataChunk chunk_;
  size_t pos_ = static_cast<size_t>(-1);
  bool done_ = false;
};

}  // namespace crmerge::merge
