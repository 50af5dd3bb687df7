#include "duck/result.h"

#include <duckdb.h>

#include <cassert>
#include <cstring>
#include <utility>

#include "duck/internal.h"
#include "duck/result_impl.h"

namespace crmerge::duck {

// ---------------------------------------------------------------- DataChunk

DataChunk::DataChunk(DataChunk&& other) noexcept { *this = std::move(other); }

DataChunk& DataChunk::operator=(DataChunk&& other) noexcept {
  if (this != &other) {
    if (chunk_) duckdb_destroy_data_chunk(&chunk_);
    chunk_ = std::exchange(other.chunk_, nullptr);
    size_ = std::exchange(other.size_, 0);
    columns_ = std::move(other.columns_);
  }
  return *this;
}

DataChunk::~DataChunk() {
  if (chunk_) duckdb_destroy_data_chunk(&chunk_);
}

bool DataChunk::is_null(size_t col, size_t row) const {
  assert(col < columns_.size() && row < size_);
  const Column& c = columns_[col];
  return c.validity && !duckdb_validity_row_is_valid(c.validity, row);
}

int64_t DataChunk::int64(size_t col, size_t row) const {
  assert(col < columns_.size() && row < size_);
  const Column& c = columns_[col];
  switch (c.type) {
    case DUCKDB_TYPE_BOOLEAN: return static_cast<const bool*>(c.data)[row] ? 1 : 0;
    case DUCKDB_TYPE_TINYINT: return static_cast<const int8_t*>(c.data)[row];
    case DUCKDB_TYPE_SMALLINT: return static_cast<const int16_t*>(c.data)[row];
    case DUCKDB_TYPE_INTEGER: return static_cast<const int32_t*>(c.data)[row];
    case DUCKDB_TYPE_BIGINT: return static_cast<const int64_t*>(c.data)[row];
    case DUCKDB_TYPE_UTINYINT: return static_cast<const uint8_t*>(c.data)[row];
    case DUCKDB_TYPE_USMALLINT: return static_cast<const uint16_t*>(c.data)[row];
    case DUCKDB_TYPE_UINTEGER: return static_cast<const uint32_t*>(c.data)[row];
    case DUCKDB_TYPE_UBIGINT: return static_cast<int64_t>(static_cast<const uint64_t*>(c.data)[row]);
    case DUCKDB_TYPE_HUGEINT: return static_cast<int64_t>(static_cast<const duckdb_hugeint*>(c.data)[row].lower);
    case DUCKDB_TYPE_DOUBLE: return static_cast<int64_t>(static_cast<const double*>(c.data)[row]);
    default: return 0;
  }
}

double DataChunk::float64(size_t col, size_t row) const {
  assert(col < columns_.size() && row < size_);
  const Column& c = columns_[col];
  if (c.type == DUCKDB_TYPE_DOUBLE) return static_cast<const double*>(c.data)[row];
  if (c.type == DUCKDB_TYPE_FLOAT) return static_cast<const float*>(c.data)[row];
  return static_cast<double>(int64(col, row));
}

bool DataChunk::boolean(size_t col, size_t row) const { return int64(col, row) != 0; }

std::string_view DataChunk::varchar(size_t col, size_t row) const {
  assert(col < columns_.size() && row < size_);
  const Column& c = columns_[col];
  if (c.type != DUCKDB_TYPE_VARCHAR && c.type != DUCKDB_TYPE_BLOB) return {};
  auto* s = static_cast<duckdb_string_t*>(c.data) + row;
  return {duckdb_string_t_data(s), duckdb_string_t_length(*s)};
}

// ---------------------------------------------------------------- QueryResult

QueryResult::QueryResult() : impl_(std::make_unique<Impl>()) {}
QueryResult::QueryResult(QueryResult&& other) noexcept = default;

QueryResult& QueryResult::operator=(QueryResult&& other) noexcept {
  if (this != &other) {
    if (impl_ && impl_->valid) duckdb_destroy_result(&impl_->result);
    impl_ = std::move(other.impl_);
  }
  return *this;
}

QueryResult::~QueryResult() {
  if (impl_ && impl_->valid) duckdb_destroy_result(&impl_->result);
}

size_t QueryResult::column_count() const { return impl_->valid ? duckdb_column_count(&impl_->result) : 0; }

std::string QueryResult::column_name(size_t col) const {
  const char* n = duckdb_column_name(&impl_->result, col);
  return n ? n : "";
}

uint64_t QueryResult::rows_changed() const { return impl_->valid ? duckdb_rows_changed(&impl_->result) : 0; }

Result<bool> QueryResult::next(DataChunk& chunk) {
  if (chunk.chunk_) duckdb_destroy_data_chunk(&chunk.chunk_);
  chunk.size_ = 0;
  chunk.columns_.clear();
  if (!impl_->valid) return false;
  duckdb_data_chunk c = duckdb_fetch_chunk(impl_->result);
  if (!c) {
    // A streaming result reports a failure while fetching through the result.
    if (duckdb_result_error(&impl_->result)) return internal::result_status(&impl_->result);
    return false;
  }
  chunk.chunk_ = c;
  chunk.size_ = duckdb_data_chunk_get_size(c);
  size_t ncols = duckdb_data_chunk_get_column_count(c);
  chunk.columns_.resize(ncols);
  for (size_t i = 0; i < ncols; ++i) {
    duckdb_vector v = duckdb_data_chunk_get_vector(c, i);
    duckdb_logical_type t = duckdb_vector_get_column_type(v);
    chunk.columns_[i].type = duckdb_get_type_id(t);
    duckdb_destroy_logical_type(&t);
    chunk.columns_[i].data = duckdb_vector_get_data(v);
    chunk.columns_[i].validity = duckdb_vector_get_validity(v);
  }
  if (chunk.size_ == 0) return next(chunk);
  return true;
}

Result<int64_t> single_int64(QueryResult&& result) {
  DataChunk chunk;
  CRM_ASSIGN_OR_RETURN(bool any, result.next(chunk));
  if (!any || chunk.size() == 0 || chunk.is_null(0, 0)) return Status::internal("query returned no value");
  int64_t v = chunk.int64(0, 0);
  while (true) {  // drain, so the connection is free again
    CRM_ASSIGN_OR_RETURN(bool more, result.next(chunk));
    if (!more) break;
  }
  return v;
}

Result<std::string> single_string(QueryResult&& result) {
  DataChunk chunk;
  CRM_ASSIGN_OR_RETURN(bool any, result.next(chunk));
  if (!any || chunk.size() == 0 || chunk.is_null(0, 0)) return Status::internal("query returned no value");
  std::string v(chunk.varchar(0, 0));
  while (true) {
    CRM_ASSIGN_OR_RETURN(bool more, result.next(chunk));
    if (!more) break;
  }
  return v;
}

}  // namespace crmerge::duck
