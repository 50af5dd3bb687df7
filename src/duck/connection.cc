#include "duck/connection.h"

#include <duckdb.h>

#include <chrono>
#include <thread>
#include <utility>

#include "duck/internal.h"
#include "duck/prepared.h"
#include "duck/result_impl.h"

namespace crmerge::duck {

namespace {

// Runs a pending result to completion, a task at a time, watching `control`.
// On cancellation the query is interrupted and then driven on until DuckDB has
// wound it down (destroying a pending query mid-flight leaks its plan).
Status drive_pending(duckdb_pending_result pending, duckdb_connection conn, const QueryControl& control,
                     duckdb_result* out) {
  using Clock = std::chrono::steady_clock;
  auto last_report = Clock::now();
  bool interrupted = false;
  for (;;) {
    if (!interrupted && control.cancel && control.cancel->is_cancelled()) {
      duckdb_interrupt(conn);
      interrupted = true;
    }
    duckdb_pending_state state = duckdb_pending_execute_task(pending);
    if (state == DUCKDB_PENDING_RESULT_READY) break;
    if (state == DUCKDB_PENDING_ERROR) {
      if (interrupted) return Status::cancelled("interrupted");
      return internal::pending_error_status(duckdb_pending_error(pending));
    }
    if (state == DUCKDB_PENDING_NO_TASKS_AVAILABLE) std::this_thread::sleep_for(std::chrono::microseconds(200));
    if (control.on_progress && Clock::now() - last_report > std::chrono::milliseconds(50)) {
      last_report = Clock::now();
      double pct = duckdb_query_progress(conn).percentage;
      if (pct >= 0) control.on_progress(pct / 100.0);
    }
  }
  if (duckdb_execute_pending(pending, out) != DuckDBSuccess) {
    Status s = internal::result_status(out);
    duckdb_destroy_result(out);
    return interrupted ? Status::cancelled("interrupted") : s;
  }
  if (interrupted) {  // finished before the interrupt took: still a cancelled statement
    duckdb_destroy_result(out);
    return Status::cancelled("interrupted");
  }
  return Status::ok();
}

}  // namespace

Result<Connection> Connection::open(const Database& db) {
  Connection c;
  if (duckdb_connect(db.handle(), &c.conn_) != DuckDBSuccess) return Status::internal("DuckDB: cannot connect");
  return c;
}

Connection::Connection(Connection&& other) noexcept { *this = std::move(other); }

Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    if (conn_) duckdb_disconnect(&conn_);
    conn_ = std::exchange(other.conn_, nullptr);
  }
  return *this;
}

Connection::~Connection() {
  if (conn_) duckdb_disconnect(&conn_);
}

Result<PreparedStatement> Connection::prepare(std::string_view sql) {
  duckdb_prepared_statement stmt = nullptr;
  std::string text(sql);
  if (duckdb_prepare(conn_, text.c_str(), &stmt) != DuckDBSuccess) {
    Status s = Status::internal(std::string("DuckDB cannot prepare a statement: ") + duckdb_prepare_error(stmt));
    duckdb_destroy_prepare(&stmt);
    return s;
  }
  return PreparedStatement(stmt, conn_);
}

Status Connection::execute(std::string_view sql, const QueryControl& control) {
  CRM_ASSIGN_OR_RETURN(PreparedStatement stmt, prepare(sql));
  return stmt.run(control);
}

Result<QueryResult> Connection::query(std::string_view sql, const QueryControl& control) {
  CRM_ASSIGN_OR_RETURN(PreparedStatement stmt, prepare(sql));
  return stmt.execute(control);
}

namespace {

// Calls `each(prepared)` for every statement of `sql`.
template <typename F>
Status for_each_statement(duckdb_connection conn, std::string_view sql, F&& each) {
  duckdb_extracted_statements extracted = nullptr;
  std::string text(sql);
  idx_t n = duckdb_extract_statements(conn, text.c_str(), &extracted);
  if (n == 0) {
    const char* err = duckdb_extract_statements_error(extracted);
    Status s = err ? Status::internal(std::string("DuckDB cannot parse SQL: ") + err) : Status::ok();
    duckdb_destroy_extracted(&extracted);
    return s;
  }
  Status status;
  for (idx_t i = 0; i < n && status.is_ok(); ++i) {
    duckdb_prepared_statement stmt = nullptr;
    if (duckdb_prepare_extracted_statement(conn, extracted, i, &stmt) != DuckDBSuccess) {
      status = Status::internal(std::string("DuckDB cannot prepare statement ") + std::to_string(i + 1) + ": " +
                                duckdb_prepare_error(stmt));
      duckdb_destroy_prepare(&stmt);
      break;
    }
    status = each(stmt);  // may take the statement (and leave nullptr)
    if (stmt) duckdb_destroy_prepare(&stmt);
    // Which statement of a script failed (a phase's script runs a dozen).
    if (!status.is_ok() && n > 1 && status.code() != StatusCode::kCancelled)
      status = Status(status.code(), "statement " + std::to_string(i + 1) + " of " + std::to_string(n) + ": " +
                                         status.message());
  }
  duckdb_destroy_extracted(&extracted);
  return status;
}

}  // namespace

Status Connection::execute_script(std::string_view sql, const QueryControl& control) {
  return for_each_statement(conn_, sql, [&](duckdb_prepared_statement& stmt) {
    if (control.cancel) CRM_RETURN_IF_ERROR(control.cancel->check());
    duckdb_pending_result pending = nullptr;
    if (duckdb_pending_prepared(stmt, &pending) != DuckDBSuccess) {
      Status s = Status::internal(std::string("DuckDB: ") + duckdb_pending_error(pending));
      duckdb_destroy_pending(&pending);
      return s;
    }
    duckdb_result result;
    Status s = drive_pending(pending, conn_, control, &result);
    duckdb_destroy_pending(&pending);
    if (s.is_ok()) duckdb_destroy_result(&result);
    return s;
  });
}

Status Connection::prepare_script(std::string_view sql) {
  return for_each_statement(conn_, sql, [](duckdb_prepared_statement&) { return Status::ok(); });
}

Result<std::vector<PreparedStatement>> Connection::prepare_each(std::string_view sql) {
  std::vector<PreparedStatement> out;
  CRM_RETURN_IF_ERROR(for_each_statement(conn_, sql, [&](duckdb_prepared_statement& stmt) {
    out.push_back(PreparedStatement(std::exchange(stmt, nullptr), conn_));
    return Status::ok();
  }));
  return out;
}

void Connection::interrupt() {
  if (conn_) duckdb_interrupt(conn_);
}

double Connection::progress() const {
  if (!conn_) return -1;
  double pct = duckdb_query_progress(conn_).percentage;
  return pct < 0 ? -1 : pct / 100.0;
}

// ---------------------------------------------------------------- PreparedStatement

PreparedStatement::PreparedStatement(PreparedStatement&& other) noexcept { *this = std::move(other); }

PreparedStatement& PreparedStatement::operator=(PreparedStatement&& other) noexcept {
  if (this != &other) {
    if (stmt_) duckdb_destroy_prepare(&stmt_);
    stmt_ = std::exchange(other.stmt_, nullptr);
    conn_ = other.conn_;
  }
  return *this;
}

PreparedStatement::~PreparedStatement() {
  if (stmt_) duckdb_destroy_prepare(&stmt_);
}

size_t PreparedStatement::parameter_count() const { return duckdb_nparams(stmt_); }

namespace {
Status bind_status(duckdb_state state, duckdb_prepared_statement stmt, size_t index) {
  if (state == DuckDBSuccess) return Status::ok();
  const char* err = duckdb_prepare_error(stmt);
  return Status::internal("DuckDB cannot bind parameter " + std::to_string(index) + (err ? std::string(": ") + err : ""));
}
}  // namespace

Status PreparedStatement::bind(size_t index, int64_t value) {
  return bind_status(duckdb_bind_int64(stmt_, index, value), stmt_, index);
}
Status PreparedStatement::bind(size_t index, uint64_t value) {
  return bind_status(duckdb_bind_uint64(stmt_, index, value), stmt_, index);
}
Status PreparedStatement::bind(size_t index, double value) {
  return bind_status(duckdb_bind_double(stmt_, index, value), stmt_, index);
}
Status PreparedStatement::bind(size_t index, bool value) {
  return bind_status(duckdb_bind_boolean(stmt_, index, value), stmt_, index);
}
Status PreparedStatement::bind(size_t index, std::string_view value) {
  return bind_status(duckdb_bind_varchar_length(stmt_, index, value.data(), value.size()), stmt_, index);
}
Status PreparedStatement::bind_null(size_t index) {
  return bind_status(duckdb_bind_null(stmt_, index), stmt_, index);
}
Status PreparedStatement::clear_bindings() {
  return bind_status(duckdb_clear_bindings(stmt_), stmt_, 0);
}

Result<QueryResult> PreparedStatement::execute(const QueryControl& control) {
  if (control.cancel) CRM_RETURN_IF_ERROR(control.cancel->check());
  duckdb_pending_result pending = nullptr;
  if (duckdb_pending_prepared_streaming(stmt_, &pending) != DuckDBSuccess) {
    Status s = Status::internal(std::string("DuckDB: ") + duckdb_pending_error(pending));
    duckdb_destroy_pending(&pending);
    return s;
  }
  QueryResult result;
  Status s = drive_pending(pending, conn_, control, &result.impl_->result);
  duckdb_destroy_pending(&pending);
  if (!s.is_ok()) return s;
  result.impl_->valid = true;
  return result;
}

Status PreparedStatement::run(const QueryControl& control) {
  CRM_ASSIGN_OR_RETURN(QueryResult result, execute(control));
  DataChunk chunk;
  for (;;) {  // a streaming result must be drained for the statement to finish
    CRM_ASSIGN_OR_RETURN(bool more, result.next(chunk));
    if (!more) return Status::ok();
  }
}

}  // namespace crmerge::duck
