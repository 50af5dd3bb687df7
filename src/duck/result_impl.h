// Private to src/duck/: what a QueryResult holds.
#pragma once

#include <duckdb.h>

#include "duck/result.h"

namespace crmerge::duck {

struct QueryResult::Impl {
  duckdb_result result{};
  bool valid = false;  // `result` was filled by DuckDB and must be destroyed
};

}  // namespace crmerge::duck
