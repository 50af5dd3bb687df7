// Deciding each enriched field of one CRM row: the conflict policy picks among
// the matched vendors' values, the merge mode decides whether it is written.
// Pure logic over values already read; the export feeds it row by row.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "merge/options.h"
#include "merge/output_plan.h"

namespace crmerge::merge {

// One matched vendor row. `values[i]` is its value for plan.fields[i], already
// shaped for output ("" when it has none).
struct VendorCandidate {
  int src = 0;  // 1..N, the priority order
  uint64_t vendor_row = 0;
  uint64_t vendor_line = 0;
  std::vector<std::string> values;
  std::string updated;  // its updated_at as YYYYMMDD ("" when unknown), for the newest policy
};

struct FieldDecision {
  std::string value;  // the chosen vendor value ("" when no vendor has one)
  int src = -1;       // where it came from
  bool write = false; // the output takes it (a new column's cell, or a CRM cell the mode lets change)
};

// One line of the audit: a vendor value offered for a field, and its fate.
struct FieldAudit {
  size_t field = 0;
  int src = 0;
  uint64_t vendor_row = 0;
  uint64_t vendor_line = 0;
  std::string_view value;
  const char* decision = "";  // chosen, same_as_crm, not_needed, outvoted
  std::string reason;
};

class FieldResolver {
 public:
  FieldResolver(const OutputPlan& plan, const MergeOptions& options, size_t inputs);

  // `crm_cells[i]`: the CRM's current value of plan.fields[i] (for in-place fields).
  // `cands`: the matched vendor rows, in priority order. Fills `out` (one per field);
  // calls `audit` for every vendor value when given.
  void resolve(const std::vector<std::string_view>& crm_cells, const VendorCandidate* cands, size_t count,
               std::vector<FieldDecision>& out, const std::function<void(const FieldAudit&)>& audit);

  // Cells written per field and vendor, and fields where vendors disagreed.
  const std::vector<std::vector<uint64_t>>& filled() const { return filled_; }
  const std::vector<uint64_t>& conflicts() const { return conflicts_; }

 private:
  const OutputPlan& plan_;
  MergeMode mode_;
  Policy policy_;
  std::vector<std::vector<uint64_t>> filled_;  // [field][src]
  std::vector<uint64_t> conflicts_;            // [field]
  std::vector<const VendorCandidate*> offers_;  // reused per field
};

// "2024-03-05", "03/05/2024", "05.03.2024", "2024/03/05 10:00" -> "20240305"; "" when not a date.
std::string date_key(std::string_view value);

}  // namespace crmerge::merge
