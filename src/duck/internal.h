// Private to src/duck/: conversions between DuckDB's C API and our types.
#pragma once

#include <duckdb.h>

#include <string>

#include "base/status.h"

namespace crmerge::duck::internal {

// A Status for a failed DuckDB call; an interrupted query becomes kCancelled.
Status error_status(duckdb_error_type type, const char* message);
Status result_status(duckdb_result* result);
// A failed pending query: the C API gives only its message, which starts with
// DuckDB's error type name ("INTERRUPT Error: ...", "Out of Memory Error: ...").
Status pending_error_status(const char* message);

}  // namespace crmerge::duck::internal
