#include "support/duck_csv.h"

#include <gtest/gtest.h>

#include "duck/quote.h"
#include "duck/result.h"

namespace crmerge::test {

Rows duckdb_read_all(duck::Connection& conn, const std::string& path, const csv::Dialect& d, size_t columns,
                     size_t buffer_size) {
  std::string cols = "{";
  for (size_t i = 0; i < columns; ++i) cols += (i ? ", " : "") + std::string("'c") + std::to_string(i) + "': 'VARCHAR'";
  cols += "}";
  std::string sql = "SELECT * FROM read_csv(" + *duck::quote_literal(path) +
                    ", delim = " + *duck::quote_literal(std::string(1, d.delimiter)) +
                    ", quote = '\"', escape = '\"', header = false, skip = " + std::to_string(d.header_line - 1) +
                    ", all_varchar = true, allow_quoted_nulls = false, strict_mode = true, auto_detect = false" +
                    ", columns = " + cols + ", buffer_size = " + std::to_string(buffer_size) + ")";
  auto result = conn.query(sql);
  EXPECT_TRUE(result.is_ok()) << path << ": " << result.status().message();
  Rows rows;
  if (!result.is_ok()) return rows;
  duck::DataChunk chunk;
  for (;;) {
    auto more = result->next(chunk);
    EXPECT_TRUE(more.is_ok()) << more.status().message();
    if (!more.is_ok() || !*more) break;
    for (size_t r = 0; r < chunk.size(); ++r) {
      std::vector<std::string> row;
      for (size_t c = 0; c < columns; ++c) row.emplace_back(chunk.is_null(c, r) ? "" : chunk.varchar(c, r));
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

}  // namespace crmerge::test
