// A connection to a Database, and the way statements run on it.
//
// Every statement runs through DuckDB's pending-result API, one task at a
// time, so that between tasks the caller's CancelToken is checked and
// DuckDB's query progress is reported. A connection is used by one thread at
// a time; interrupt() and progress() are the exceptions and may be called
// from any thread.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/cancel.h"
#include "base/status.h"
#include "duck/database.h"
#include "duck/result.h"

struct _duckdb_connection;

namespace crmerge::duck {

class PreparedStatement;

// How a statement is watched while it runs. Both members may be empty.
struct QueryControl {
  const CancelToken* cancel = nullptr;
  // Called with DuckDB's estimate of the fraction done (0..1), at most every ~50 ms.
  std::function<void(double fraction)> on_progress;
};

class Connection {
 public:
  static Result<Connection> open(const Database& db);
  Connection() = default;
  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&& other) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // Runs one statement (no parameters) and discards its result.
  Status execute(std::string_view sql, const QueryControl& control = {});
  // Runs every statement of a script in order (e.g. an embedded .sql file).
  Status execute_script(std::string_view sql, const QueryControl& control = {});
  // Runs one statement and returns its result, streamed chunk by chunk.
  Result<QueryResult> query(std::string_view sql, const QueryControl& control = {});
  Result<PreparedStatement> prepare(std::string_view sql);
  // Every statement of a script, prepared (a test that the SQL is well-formed).
  Status prepare_script(std::string_view sql);
  // Every statement of a script, prepared, in order, to be run with parameters.
  Result<std::vector<PreparedStatement>> prepare_each(std::string_view sql);

  // Cancels the running statement; safe from another thread.
  void interrupt();
  // DuckDB's progress of the running statement (0..1), or -1 when unknown.
  double progress() const;

  _duckdb_connection* handle() const { return conn_; }

 private:
  _duckdb_connection* conn_ = nullptr;
};

}  // namespace crmerge::duck
