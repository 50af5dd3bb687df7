// DuckDB's read_csv as an independent oracle: every record of a file (the
// header included, lines above it skipped), as DuckDB reads it in a dialect.
#pragma once

#include <string>
#include <vector>

#include "csv/dialect.h"
#include "duck/connection.h"

namespace crmerge::test {

using Rows = std::vector<std::vector<std::string>>;

// Unquoted empty fields (NULL to DuckDB) come back as "". Fails the calling
// test (gtest) when DuckDB refuses the file.
Rows duckdb_read_all(duck::Connection& conn, const std::string& path, const csv::Dialect& d, size_t columns,
                     size_t buffer_size = 32 << 20);

}  // namespace crmerge::test
