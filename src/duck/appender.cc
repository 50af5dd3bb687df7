#include "duck/appender.h"

#include <duckdb.h>
#include <malloc.h>

#include <utility>

#include "duck/internal.h"

namespace crmerge::duck {

namespace {

const char* type_name(int type) {
  switch (type) {
    case DUCKDB_TYPE_BOOLEAN: return "BOOLEAN";
    case DUCKDB_TYPE_TINYINT: return "TINYINT";
    case DUCKDB_TYPE_SMALLINT: return "SMALLINT";
    case DUCKDB_TYPE_INTEGER: return "INTEGER";
    case DUCKDB_TYPE_BIGINT: return "BIGINT";
    case DUCKDB_TYPE_UTINYINT: return "UTINYINT";
    case DUCKDB_TYPE_USMALLINT: return "USMALLINT";
    case DUCKDB_TYPE_UINTEGER: return "UINTEGER";
    case DUCKDB_TYPE_UBIGINT: return "UBIGINT";
    case DUCKDB_TYPE_FLOAT: return "FLOAT";
    case DUCKDB_TYPE_DOUBLE: return "DOUBLE";
    case DUCKDB_TYPE_VARCHAR: return "VARCHAR";
    default: return "a type the appender does not write";
  }
}

}  // namespace

Result<Appender> Appender::open(Connection& conn, std::string_view table, uint64_t rows_per_flush) {
  Appender a;
  a.table_ = std::string(table);
  a.rows_per_flush_ = rows_per_flush;
  if (duckdb_appender_create(conn.handle(), nullptr, a.table_.c_str(), &a.app_) != DuckDBSuccess) {
    std::string err = a.app_ ? duckdb_appender_error(a.app_) : "unknown error";
    duckdb_appender_destroy(&a.app_);
    a.app_ = nullptr;
    return Status::internal("DuckDB cannot append to table " + a.table_ + ": " + err);
  }
  idx_t n = duckdb_appender_column_count(a.app_);
  std::vector<duckdb_logical_type> types;
  for (idx_t i = 0; i < n; ++i) {
    types.push_back(duckdb_appender_column_type(a.app_, i));
    const duckdb_type type = duckdb_get_type_id(types.back());
    const Slot slot = type == DUCKDB_TYPE_UBIGINT ? Slot::kU64
                      : type == DUCKDB_TYPE_INTEGER ? Slot::kI32
                      : type == DUCKDB_TYPE_BOOLEAN ? Slot::kBool
                                                    : Slot::kOther;
    a.columns_.push_back({static_cast<int>(type), nullptr, nullptr, slot});
  }
  a.chunk_ = duckdb_create_data_chunk(types.data(), n);
  for (auto& t : types) duckdb_destroy_logical_type(&t);
  if (!a.chunk_) return Status::internal("DuckDB cannot make a data chunk for table " + a.table_);
  a.capacity_ = duckdb_vector_size();
  a.bind_vectors();
  return a;
}

Appender::Appender(Appender&& other) noexcept { *this = std::move(other); }

Appender& Appender::operator=(Appender&& other) noexcept {
  if (this != &other) {
    release();
    app_ = std::exchange(other.app_, nullptr);
    chunk_ = std::exchange(other.chunk_, nullptr);
    table_ = std::move(other.table_);
    columns_ = std::move(other.columns_);
    col_ = std::exchange(other.col_, 0);
    row_ = std::exchange(other.row_, 0);
    capacity_ = other.capacity_;
    rows_per_flush_ = other.rows_per_flush_;
    unflushed_ = std::exchange(other.unflushed_, 0);
  }
  return *this;
}

Appender::~Appender() { release(); }

void Appender::release() {
  if (app_) {
    (void)flush_chunk();
    duckdb_appender_destroy(&app_);  // closes (flushes) first
    app_ = nullptr;
  }
  if (chunk_) duckdb_destroy_data_chunk(&chunk_);
  chunk_ = nullptr;
}

// Vectors' data moves when the chunk is reset: their pointers are taken again.
void Appender::bind_vectors() {
  for (size_t i = 0; i < columns_.size(); ++i) {
    columns_[i].vector = duckdb_data_chunk_get_vector(chunk_, i);
    columns_[i].data = duckdb_vector_get_data(columns_[i].vector);
  }
}

Status Appender::check(int state) {
  if (state == DuckDBSuccess) return Status::ok();
  const char* err = app_ ? duckdb_appender_error(app_) : nullptr;
  if (auto full = internal::disk_full_status(err ? err : "")) return *full;
  return Status::internal("DuckDB append to " + table_ + " failed: " + (err ? err : "unknown error"));
}

Result<Appender::Column*> Appender::next_column(const char* what) {
  if (!app_) return Status::internal(std::string("append of ") + what + " to a closed appender");
  if (col_ >= columns_.size())
    return Status::internal("append to " + table_ + ": more values in a row than its " +
                            std::to_string(columns_.size()) + " columns");
  return &columns_[col_];
}

Status Appender::mismatch(const Column& c, const char* what) {
  return Status::internal("append to " + table_ + ": column " + std::to_string(col_ + 1) + " is " +
                          type_name(c.type) + ", given " + what);
}

template <typename T>
Status Appender::put_integer(T value) {
  CRM_ASSIGN_OR_RETURN(Column * c, next_column("an integer"));
  auto store = [&]<typename D>(D*) -> Status {
    if (!std::in_range<D>(value)) return mismatch(*c, ("the integer " + std::to_string(value)).c_str());
    static_cast<D*>(c->data)[row_] = static_cast<D>(value);
    ++col_;
    return Status::ok();
  };
  switch (c->type) {
    case DUCKDB_TYPE_TINYINT: return store(static_cast<int8_t*>(nullptr));
    case DUCKDB_TYPE_SMALLINT: return store(static_cast<int16_t*>(nullptr));
    case DUCKDB_TYPE_INTEGER: return store(static_cast<int32_t*>(nullptr));
    case DUCKDB_TYPE_BIGINT: return store(static_cast<int64_t*>(nullptr));
    case DUCKDB_TYPE_UTINYINT: return store(static_cast<uint8_t*>(nullptr));
    case DUCKDB_TYPE_USMALLINT: return store(static_cast<uint16_t*>(nullptr));
    case DUCKDB_TYPE_UINTEGER: return store(static_cast<uint32_t*>(nullptr));
    case DUCKDB_TYPE_UBIGINT: return store(static_cast<uint64_t*>(nullptr));
    default: return mismatch(*c, "an integer");
  }
}

// (The inline append()s of the header fall back on these.)
template Status Appender::put_integer<uint64_t>(uint64_t value);
template Status Appender::put_integer<int32_t>(int32_t value);

Status Appender::append(int64_t value) { return put_integer(value); }

Status Appender::append(std::string_view value) {
  CRM_ASSIGN_OR_RETURN(Column * c, next_column("a string"));
  if (c->type != DUCKDB_TYPE_VARCHAR) return mismatch(*c, "a string");
  duckdb_vector_assign_string_element_len(c->vector, row_, value.data(), value.size());
  ++col_;
  return Status::ok();
}

Status Appender::append_double(double value) {
  CRM_ASSIGN_OR_RETURN(Column * c, next_column("a number"));
  if (c->type == DUCKDB_TYPE_DOUBLE) static_cast<double*>(c->data)[row_] = value;
  else if (c->type == DUCKDB_TYPE_FLOAT) static_cast<float*>(c->data)[row_] = static_cast<float>(value);
  else return mismatch(*c, "a number");
  ++col_;
  return Status::ok();
}

Status Appender::put_bool(bool value) {
  CRM_ASSIGN_OR_RETURN(Column * c, next_column("a boolean"));
  if (c->type != DUCKDB_TYPE_BOOLEAN) return mismatch(*c, "a boolean");
  static_cast<bool*>(c->data)[row_] = value;
  ++col_;
  return Status::ok();
}

Status Appender::append_null() {
  CRM_ASSIGN_OR_RETURN(Column * c, next_column("NULL"));
  duckdb_vector_ensure_validity_writable(c->vector);
  duckdb_validity_set_row_invalid(duckdb_vector_get_validity(c->vector), row_);
  ++col_;
  return Status::ok();
}

Status Appender::finish_row() {
  if (!app_) return Status::internal("end of a row on a closed appender");
  if (col_ != columns_.size())
    return Status::internal("append to " + table_ + ": a row of " + std::to_string(col_) + " values, the table has " +
                            std::to_string(columns_.size()) + " columns");
  col_ = 0;
  if (++row_ == capacity_) return flush_chunk();
  return Status::ok();
}

Status Appender::flush_chunk() {
  if (row_ == 0) return Status::ok();
  duckdb_data_chunk_set_size(chunk_, row_);
  Status s = check(duckdb_append_data_chunk(app_, chunk_));
  duckdb_data_chunk_reset(chunk_);
  bind_vectors();
  unflushed_ += row_;
  row_ = 0;
  if (s.is_ok() && rows_per_flush_ > 0 && unflushed_ >= rows_per_flush_) s = flush_table();
  return s;
}

Status Appender::flush_table() {
  Status s = check(duckdb_appender_flush(app_));
  unflushed_ = 0;
  if (rows_per_flush_ > 0) malloc_trim(0);
  return s;
}

Status Appender::flush() {
  CRM_RETURN_IF_ERROR(flush_chunk());  // (which may have flushed the table already)
  return unflushed_ > 0 ? flush_table() : Status::ok();
}

Status Appender::close() {
  if (!app_) return Status::ok();
  Status s = flush_chunk();
  if (s.is_ok()) s = check(duckdb_appender_close(app_));
  duckdb_appender_destroy(&app_);
  app_ = nullptr;
  if (chunk_) duckdb_destroy_data_chunk(&chunk_);
  chunk_ = nullptr;
  return s;
}

}  // namespace crmerge::duck
