// A prepared statement with bound parameters. Values never enter SQL text
// (DESIGN.md invariant 5). Parameters are numbered from 1 as in DuckDB.
#pragma once

#include <cstdint>
#include <string_view>

#include "base/status.h"
#include "duck/connection.h"
#include "duck/result.h"

struct _duckdb_prepared_statement;

namespace crmerge::duck {

class PreparedStatement {
 public:
  PreparedStatement() = default;
  PreparedStatement(PreparedStatement&& other) noexcept;
  PreparedStatement& operator=(PreparedStatement&& other) noexcept;
  PreparedStatement(const PreparedStatement&) = delete;
  PreparedStatement& operator=(const PreparedStatement&) = delete;
  ~PreparedStatement();

  size_t parameter_count() const;
  Status bind(size_t index, int64_t value);
  Status bind(size_t index, uint64_t value);
  Status bind(size_t index, int value) { return bind(index, static_cast<int64_t>(value)); }
  Status bind(size_t index, double value);
  Status bind(size_t index, bool value);
  Status bind(size_t index, std::string_view value);
  Status bind(size_t index, const char* value) { return bind(index, std::string_view(value)); }
  Status bind_null(size_t index);
  Status clear_bindings();

  // Runs the statement with the current bindings; the result is streamed.
  Result<QueryResult> execute(const QueryControl& control = {});
  // Runs it and discards the result.
  Status run(const QueryControl& control = {});

 private:
  friend class Connection;
  PreparedStatement(_duckdb_prepared_statement* stmt, _duckdb_connection* conn) : stmt_(stmt), conn_(conn) {}
  _duckdb_prepared_statement* stmt_ = nullptr;
  _duckdb_connection* conn_ = nullptr;
};

}  // namespace crmerge::duck
