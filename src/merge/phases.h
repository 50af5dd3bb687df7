// The pipeline's phases, in order (DESIGN.md, "The pipeline"). Each reads the
// inputs and the small tables earlier phases wrote, clears and writes its own
// tables, and is safe to run again after a crash.
#pragma once

#include "base/status.h"
#include "merge/job.h"

namespace crmerge::merge {

// import: sniffs each input (encoding, delimiter, header), reads it once
// whole to count rows and find malformed lines, hashes it; writes input_*.
Status import_inputs(Job& job);
// map: finds each input's key columns; writes map_roles.
Status map_columns(Job& job);
// keys: one pass over each input's key columns; writes the runs of keys (merge/key_runs.h), the row index (merge/row_index.h).
Status extract_keys(Job& job);
// match: equality joins on the keys; writes match_pairs.
Status match_rows(Job& job);
// resolve: the phones of the matched vendor rows that libphonenumber normalized; writes resolved_phones.
Status resolve_fields(Job& job);
// export: streams the CRM once more into the output, appending resolved fields.
Status export_output(Job& job);

}  // namespace crmerge::merge
