// Finds a CSV file's dialect from a sample of its start: the delimiter (comma,
// semicolon, tab or pipe: the one that splits the sample into the most rows of
// one consistent width), the header (the first record of that width; short
// lines above it, such as "Exported on ...", are skipped), whether the header
// is fully quoted, and the line ending.
#pragma once

#include <cstdint>
#include <string_view>

#include "base/status.h"
#include "csv/dialect.h"

namespace crmerge::csv {

struct SniffResult {
  Dialect dialect;
  size_t header_fields = 0;
  uint64_t lines_above_header = 0;
};

// `sample`: the first bytes of the UTF-8 text to be scanned, starting at file
// offset `sample_offset` (after any BOM); `whole`: the sample is all of it.
// `encoding` and `bom` are copied into the dialect. Fails on a file with no header.
Result<SniffResult> sniff_dialect(std::string_view sample, bool whole, uint64_t sample_offset);

}  // namespace crmerge::csv
