// A query result walked row by row, a chunk at a time: the export merges
// several such streams, all ordered by CRM row, with its pass over the CRM.
#pragma once

#include "duck/connection.h"
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
  duck::QueryResult result_;
  duck::DataChunk chunk_;
  size_t pos_ = static_cast<size_t>(-1);
  bool done_ = false;
};

}  // namespace crmerge::merge
