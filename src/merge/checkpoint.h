// The pipeline's phases and their checkpoints in the job database
// (job_phases): which finished, how often each was attempted, how long it took.
#pragma once

#include <string>

#include "base/status.h"
#include "merge/job.h"

namespace crmerge::merge {

enum class Phase { kImport, kMap, kKeys, kMatch, kResolve, kExport };
inline constexpr Phase kAllPhases[] = {Phase::kImport, Phase::kMap,     Phase::kKeys,
                                       Phase::kMatch,  Phase::kResolve, Phase::kExport};

const char* phase_name(Phase p);

Result<bool> phase_finished(Job& job, Phase p);
// Counts an attempt, and marks this phase and every later one unfinished.
Status record_phase_start(Job& job, Phase p);
Status record_phase_done(Job& job, Phase p, double seconds);
// Attempts per phase so far (for tests and the report).
Result<int> phase_attempts(Job& job, Phase p);

}  // namespace crmerge::merge
