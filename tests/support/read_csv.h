// Reads a whole (small) UTF-8 CSV file the way crmerge does -- encoding guess,
// sniffed dialect, RecordReader -- into values, for comparisons in tests.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "csv/dialect.h"

namespace crmerge::test {

struct ParsedCsv {
  csv::Dialect dialect;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // blank lines skipped
  std::vector<uint64_t> offsets;               // byte offset of each row
  std::vector<std::string> raw;                // each row's exact bytes (no line ending)
};

Result<ParsedCsv> read_csv_file(const std::string& path);

}  // namespace crmerge::test
