// Fast row appends into a table: values go in column order, end_row() closes
// each row, close() (or the destructor) flushes.
//
// Rows are written straight into a DuckDB data chunk of the table's column
// types (2048 rows), which is handed to DuckDB's appender whole: the per-value
// calls of DuckDB's C appender (a conversion switch and an error check each)
// were a tenth of the keys phase (measured). A value is stored in its column's
// type; one that does not fit it (a string for an integer, 300 for a UTINYINT)
// is an error, never a silent conversion.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "duck/connection.h"

struct _duckdb_appender;
struct _duckdb_data_chunk;
struct _duckdb_vector;

namespace crmerge::duck {

// The rows of one DuckDB row group, its unit of storage. (The match's
// appenders flushed a row group at a time kept the speed of DuckDB's own
// flushes; flushed every 65536 pairs, two parts of the match were as slow as
// one: bench/RESULTS.md.)
constexpr uint64_t kRowGroupRows = 122880;

class Appender {
 public:
  // `rows_per_flush`: the rows reach the table every that many (counted in
  // whole chunks of 2048 rows: kRowGroupRows is 60), and the memory the flush
  // freed goes back to the system at once (malloc_trim); 0: whenever DuckDB's
  // appender decides (every 204,800 rows), the freed memory kept for reuse.
  // (The match's two parts, two appenders each, peaked at 284-295 MB at 10M
  // CRM rows the DuckDB way, 262-273 MB a row group at a time; one part at
  // 251 MB.)
  static Result<Appender> open(Connection& conn, std::string_view table, uint64_t rows_per_flush = 0);
  Appender() = default;
  Appender(Appender&& other) noexcept;
  Appender& operator=(Appender&& other) noexcept;
  Appender(const Appender&) = delete;
  Appender& operator=(const Appender&) = delete;
  ~Appender();  // flushes the complete rows and closes; errors at this point are lost: call close() to see them

  Status append(int64_t value);
  Status append(uint64_t value) {
    if (Column* c = next_of(Slot::kU64)) {
      static_cast<uint64_t*>(c->data)[row_] = value;
      return Status::ok();
    }
    return put_integer(value);
  }
  Status append(int32_t value) {
    if (Column* c = next_of(Slot::kI32)) {
      static_cast<int32_t*>(c->data)[row_] = value;
      return Status::ok();
    }
    return put_integer(value);
  }
  Status append(std::string_view value);
  Status append_double(double value);
  Status append_bool(bool value) {
    if (Column* c = next_of(Slot::kBool)) {
      static_cast<bool*>(c->data)[row_] = value;
      return Status::ok();
    }
    return put_bool(value);
  }
  Status append_null();
  Status end_row() {  // an error unless the row has a value for every column
    if (app_ && col_ == columns_.size() && row_ + 1 < capacity_) {
      col_ = 0;
      ++row_;
      return Status::ok();
    }
    return finish_row();
  }
  Status flush();     // the complete rows so far reach the table
  Status close();

 private:
  // The column types the inline paths above store without a check: the
  // values of the same C++ type. Every other case takes the checked path.
  enum class Slot : uint8_t { kOther, kU64, kI32, kBool };
  struct Column {
    int type = 0;  // duckdb_type
    _duckdb_vector* vector = nullptr;
    void* data = nullptr;
    Slot slot = Slot::kOther;
  };
  // The next column when it is open and of `slot` (and moves past it), else null.
  Column* next_of(Slot slot) {
    if (!app_ || col_ >= columns_.size() || columns_[col_].slot != slot) return nullptr;
    return &columns_[col_++];
  }
  Status put_bool(bool value);
  Status finish_row();
  Status check(int state);
  Result<Column*> next_column(const char* what);
  template <typename T>
  Status put_integer(T value);
  Status mismatch(const Column& c, const char* what);
  Status flush_chunk();  // the chunk's rows to DuckDB's appender
  Status flush_table();  // DuckDB's appender's rows to the table
  void bind_vectors();
  void release();

  _duckdb_appender* app_ = nullptr;
  _duckdb_data_chunk* chunk_ = nullptr;
  std::string table_;
  std::vector<Column> columns_;
  size_t col_ = 0;  // the column of the next value
  size_t row_ = 0;  // complete rows in the chunk
  size_t capacity_ = 0;
  uint64_t rows_per_flush_ = 0;
  uint64_t unflushed_ = 0;  // rows handed to DuckDB's appender since its last flush
};

}  // namespace crmerge::duck
