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

Status pending_error_status(const char* message) {
  std::string_view m = message ? message : "";
  auto starts = [&](std::string_view p) { return m.substr(0, p.size()) == p; };
  if (starts("INTERRUPT Error")) return error_status(DUCKDB_ERROR_INTERRUPT, message);
  if (starts("Out of Memory Error")) return error_status(DUCKDB_ERROR_OUT_OF_MEMORY, message);
  if (starts("IO Error")) return error_status(DUCKDB_ERROR_IO, message);
  return error_status(DUCKDB_ERROR_INVALID, message);
}

}  // namespace crmerge::duck::internal
