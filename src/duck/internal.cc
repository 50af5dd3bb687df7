#include "duck/internal.h"

#include <cerrno>

#include "base/files.h"

namespace crmerge::duck::internal {

std::optional<Status> disk_full_status(std::string_view message) {
  if (message.find("max_temp_directory_size") != std::string_view::npos)
    return write_error("DuckDB's spill files", ENOSPC);
  if (message.find("No space left on device") == std::string_view::npos) return std::nullopt;
  constexpr std::string_view kFile = "write file \"";
  const size_t at = message.find(kFile);
  const size_t end = at == std::string_view::npos ? at : message.find('"', at + kFile.size());
  if (end == std::string_view::npos) return write_error("DuckDB's files", ENOSPC);
  return write_error(std::string(message.substr(at + kFile.size(), end - at - kFile.size())), ENOSPC);
}

Status error_status(duckdb_error_type type, const char* message) {
  std::string m = message ? message : "unknown DuckDB error";
  if (auto full = disk_full_status(m)) return *full;
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
