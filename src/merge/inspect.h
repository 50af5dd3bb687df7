// `crmerge inspect`: what crmerge sees in a file before any job runs -- its
// encoding and dialect, and the role of each column with its confidence and
// sample values -- from a sample of its first rows.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "csv/dialect.h"
#include "schema/roles.h"

namespace crmerge::merge {

struct ColumnProfile {
  std::string name;
  schema::ColumnRole role;
  std::vector<std::string> samples;  // a few non-empty values
};

struct FileProfile {
  std::string path;
  csv::Dialect dialect;
  uint64_t lines_above_header = 0;
  size_t rows_sampled = 0;
  std::vector<ColumnProfile> columns;
};

Result<FileProfile> inspect_file(const std::string& path, size_t sample_rows = 1000);

}  // namespace crmerge::merge
