// Fast row appends into a table (DuckDB's appender): values go in column
// order, end_row() closes each row, close() (or the destructor) flushes.
#pragma once

#include <cstdint>
#include <string_view>

#include "base/status.h"
#include "duck/connection.h"

struct _duckdb_appender;

namespace crmerge::duck {

class Appender {
 public:
  static Result<Appender> open(Connection& conn, std::string_view table);
  Appender() = default;
  Appender(Appender&& other) noexcept;
  Appender& operator=(Appender&& other) noexcept;
  Appender(const Appender&) = delete;
  Appender& operator=(const Appender&) = delete;
  ~Appender();  // closes; errors at this point are lost: call close() to see them

  Status append(int64_t value);
  Status append(uint64_t value);
  Status append(int32_t value);
  Status append(std::string_view value);
  Status append_double(double value);
  Status append_bool(bool value);
  Status append_null();
  Status end_row();
  Status flush();
  Status close();

 private:
  Status check(int state);
  _duckdb_appender* app_ = nullptr;
};

}  // namespace crmerge::duck
