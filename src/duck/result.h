// Query results, read one chunk (up to 2048 rows) at a time so that a large
// result is never held whole. A result is tied to its connection: running
// another statement on that connection ends the stream.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

struct _duckdb_data_chunk;

namespace crmerge::duck {

// One chunk of rows. Accessors take (column, row), both in range (asserted in
// debug builds, such as the sanitizer build).
// Integer accessors accept any integer column; varchar() needs a VARCHAR column.
class DataChunk {
 public:
  DataChunk() = default;
  DataChunk(DataChunk&& other) noexcept;
  DataChunk& operator=(DataChunk&& other) noexcept;
  DataChunk(const DataChunk&) = delete;
  DataChunk& operator=(const DataChunk&) = delete;
  ~DataChunk();

  size_t size() const { return size_; }
  bool is_null(size_t col, size_t row) const;
  int64_t int64(size_t col, size_t row) const;
  uint64_t uint64(size_t col, size_t row) const { return static_cast<uint64_t>(int64(col, row)); }
  double float64(size_t col, size_t row) const;
  bool boolean(size_t col, size_t row) const;
  // The view is valid until the chunk is replaced or destroyed.
  std::string_view varchar(size_t col, size_t row) const;

 private:
  friend class QueryResult;
  struct Column {
    int type = 0;  // duckdb_type
    void* data = nullptr;
    uint64_t* validity = nullptr;
  };
  _duckdb_data_chunk* chunk_ = nullptr;
  size_t size_ = 0;
  std::vector<Column> columns_;
};

class QueryResult {
 public:
  QueryResult();
  QueryResult(QueryResult&& other) noexcept;
  QueryResult& operator=(QueryResult&& other) noexcept;
  QueryResult(const QueryResult&) = delete;
  QueryResult& operator=(const QueryResult&) = delete;
  ~QueryResult();

  size_t column_count() const;
  std::string column_name(size_t col) const;
  // Rows inserted, updated or deleted by the statement.
  uint64_t rows_changed() const;
  // Fetches the next chunk into `chunk`; returns false when the result is exhausted.
  Result<bool> next(DataChunk& chunk);


 private:
  friend class PreparedStatement;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Convenience for small results: the first column of the first row as an integer / string.
Result<int64_t> single_int64(QueryResult&& result);
Result<std::string> single_string(QueryResult&& result);

}  // namespace crmerge::duck
