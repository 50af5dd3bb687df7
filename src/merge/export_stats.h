// What the export counted, for the summary and the report.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "schema/roles.h"

namespace crmerge::merge {

struct ExportStats {
  uint64_t rows = 0;            // CRM rows written
  uint64_t matched_rows = 0;    // matched by at least one vendor
  uint64_t ambiguous_rows = 0;  // some vendor's pick was a tie
  uint64_t malformed_rows = 0;  // copied through unchanged
  std::vector<schema::Role> fields;            // the enriched fields, in output order
  std::vector<std::vector<uint64_t>> filled;   // [field][src]: cells written from that vendor
  std::vector<uint64_t> conflicts;             // [field]: rows where vendors offered different values
};

}  // namespace crmerge::merge
