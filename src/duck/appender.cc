#include "duck/appender.h"

#include <duckdb.h>

#include <string>
#include <utility>

namespace crmerge::duck {

Result<Appender> Appender::open(Connection& conn, std::string_view table) {
  Appender a;
  std::string name(table);
  if (duckdb_appender_create(conn.handle(), nullptr, name.c_str(), &a.app_) != DuckDBSuccess) {
    std::string err = a.app_ ? duckdb_appender_error(a.app_) : "unknown error";
    duckdb_appender_destroy(&a.app_);
    a.app_ = nullptr;
    return Status::internal("DuckDB cannot append to table " + name + ": " + err);
  }
  return a;
}

Appender::Appender(Appender&& other) noexcept { *this = std::move(other); }

Appender& Appender::operator=(Appender&& other) noexcept {
  if (this != &other) {
    if (app_) duckdb_appender_destroy(&app_);
    app_ = std::exchange(other.app_, nullptr);
  }
  return *this;
}

Appender::~Appender() {
  if (app_) duckdb_appender_destroy(&app_);
}

Status Appender::check(int state) {
  if (state == DuckDBSuccess) return Status::ok();
  const char* err = app_ ? duckdb_appender_error(app_) : nullptr;
  return Status::internal(std::string("DuckDB append failed: ") + (err ? err : "unknown error"));
}

Status Appender::append(int64_t value) { return check(duckdb_append_int64(app_, value)); }
Status Appender::append(uint64_t value) { return check(duckdb_append_uint64(app_, value)); }
Status Appender::append(int32_t value) { return check(duckdb_append_int32(app_, value)); }
Status Appender::append(std::string_view value) {
  return check(duckdb_append_varchar_length(app_, value.data(), value.size()));
}
Status Appender::append_double(double value) { return check(duckdb_append_double(app_, value)); }
Status Appender::append_bool(bool value) { return check(duckdb_append_bool(app_, value)); }
Status Appender::append_null() { return check(duckdb_append_null(app_)); }
Status Appender::end_row() { return check(duckdb_appender_end_row(app_)); }
Status Appender::flush() { return check(duckdb_appender_flush(app_)); }

Status Appender::close() {
  if (!app_) return Status::ok();
  Status s = check(duckdb_appender_close(app_));
  duckdb_appender_destroy(&app_);
  app_ = nullptr;
  return s;
}

}  // namespace crmerge::duck
