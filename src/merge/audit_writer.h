// The audit file (--audit): one CSV line per candidate vendor record of every
// CRM row (field empty; decision matched, tie_lost, outranked or rejected) and
// per vendor value offered for every enriched field (field named; decision
// chosen, same_as_crm, not_needed or outvoted), with the reason. Columns:
//   crm_row,crm_line,field,vendor,vendor_row,vendor_line,value,decision,reason
// Rows are 0-based data rows; lines are the files' 1-based line numbers.
// A spreadsheet opens it too: with `guard` (--safe-csv, either level) its text
// cells that would evaluate as a formula are neutralized (csv/formula_guard.h).
#pragma once

#include <string>
#include <string_view>

#include "base/files.h"

namespace crmerge::merge {

class AuditWriter {
 public:
  static Result<AuditWriter> create(const std::string& path, bool guard);
  Status add(uint64_t crm_row, uint64_t crm_line, std::string_view field, std::string_view vendor, uint64_t vendor_row,
             uint64_t vendor_line, std::string_view value, std::string_view decision, std::string_view reason);
  Status commit() { return out_.commit(); }

 private:
  void append_text(std::string_view value);

  AtomicOutputFile out_;
  bool guard_ = false;
  std::string line_;
};

}  // namespace crmerge::merge
