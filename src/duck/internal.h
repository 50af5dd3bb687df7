// Private to src/duck/: conversions between DuckDB's C API and our types.
#pragma once

#include <duckdb.h>

#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace crmerge::duck::internal {

// DuckDB's own writes on a full disk (its database, its WAL, its spill files):
// 'Could not write file "<path>": No space left on device', or its spill limit
// reached (max_temp_directory_size: by default the room left on the spill
// folder's disk). An I/O error in base/files.h's words (write_error); nullopt
// for any other error.
std::optional<Status> disk_full_status(std::string_view message);
// A Status for a failed DuckDB call; an interrupted query becomes kCancelled.
Status error_status(duckdb_error_type type, const char* message);
Status result_status(duckdb_result* result);
// A failed pending query: the C API gives only its message, which starts with
// DuckDB's error type name ("INTERRUPT Error: ...", "Out of Memory Error: ...").
Status pending_error_status(const char* message);

}  // namespace crmerge::duck::internal
