// Checks DESIGN.md invariants 1 and 2 on a merge output, record by record:
// the output holds exactly the CRM's records (from its header on), in order;
// each output record is the CRM record's exact bytes, then (unless the CRM
// record is malformed) the delimiter and exactly `appended_fields` more fields
// (-1: as many as the output's header has beyond the CRM's), then the CRM
// record's own line ending; blank lines pass through; a BOM is kept.
// With `fill` (the fill mode), a CRM cell that was empty may hold a value:
// every other field must still be its exact bytes.
// Returns "" when all holds, else the first difference.
#pragma once

#include <cstddef>
#include <string>

namespace crmerge::test {

std::string check_fidelity(const std::string& crm_path, const std::string& out_path, long appended_fields = -1,
                           bool fill = false);

}  // namespace crmerge::test
