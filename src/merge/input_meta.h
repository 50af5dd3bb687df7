// What the import phase learned about each input (input_meta, input_columns),
// written once and read back by every later phase.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "csv/dialect.h"
#include "merge/job.h"

namespace crmerge::merge {

struct InputMeta {
  int src = 0;
  std::string label;
  std::string display;    // the input's path as the user gave it
  std::string scan_path;  // what later phases read: the input, or its UTF-8 copy
  csv::Dialect dialect;
  uint64_t data_offset = 0;  // first byte after the header record
  uint64_t data_line = 0;
  uint64_t rows = 0;
  uint64_t blank_lines = 0;
  uint64_t malformed = 0;
  uint64_t bytes = 0;
  std::vector<std::string> columns;

  uint64_t lines_above_header() const { return dialect.header_line - 1; }
  // "data/crm.csv" or "apollo (data/apollo_export.csv)": how messages name this input.
  std::string display_name() const;
};

Status store_input_meta(Job& job, const InputMeta& meta);
// All inputs' metadata, by src (index 0 is the CRM).
Result<std::vector<InputMeta>> load_input_meta(Job& job);

}  // namespace crmerge::merge
