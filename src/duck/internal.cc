#include "duck/internal.h"

namespace crmerge::duck::internal {

Status error_status(duckdb_error_type type, const char* message) {
  std::string m = message ? message : "unknown DuckDB error";
  switch (type) {
    case DUCKDB_ERROR_INTERRUPT: return Status::cancelled("interrupted");
    case DUCKDB_ERROR_OUT_OF_MEMORY:
      return Status::io_error("DuckDB ran out of memory (raise --memory-limit, or check the spill folder's disk): " + m);
    case DUCKDB_ERROR_IO: return Status::io_error(m);
    default: return Status::internal("DuckDB: " + m);
  }
}

Status result_status(duckdb_result* result) {
  return error_status(duckdb_result_error_type(result), duckdb_result_error(result));
}

}  // namespace crmerge::duck::internal
