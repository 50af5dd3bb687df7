// The match report (--report FILE.json): rows per input and their malformed
// lines, match rates overall, per vendor and per key kind, ambiguous rows,
// fields filled per vendor and conflicts per field, weak and shared keys (the
// top 20 with counts), role mailboxes, phone cells that are no keys, the
// column mapping used (re-usable as a --map file) and the time per phase.
// Written whole or not at all. Its layout is documented in docs/report.md.
#pragma once

#include "base/status.h"
#include "merge/job.h"
#include "merge/pipeline.h"

namespace crmerge::merge {

Status write_report(Job& job, const MergeSummary& summary);

}  // namespace crmerge::merge
