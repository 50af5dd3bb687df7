// `crmerge merge`, as a function: one job from options to output file.
//
//   import -> map -> keys -> match -> resolve -> export
//
// Each phase is checkpointed in the job database: rerunning with the same job
// folder after a crash resumes at the first unfinished phase (the export, whose
// output lives outside the folder, always runs). The folder is deleted at the
// end unless asked to keep it, or unless the job was interrupted in a folder
// the user named (so that it can be resumed).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/cancel.h"
#include "base/progress.h"
#include "base/status.h"
#include "merge/options.h"

namespace crmerge::merge {

struct PhaseTiming {
  std::string phase;
  double seconds = 0;
  bool resumed = false;  // finished in an earlier run; not run again
};

struct InputSummary {
  std::string label;
  std::string display;  // path as given
  uint64_t rows = 0;
  uint64_t malformed = 0;
  uint64_t blank_lines = 0;
  uint64_t lines_above_header = 0;
  std::string encoding;
  char delimiter = ',';
  uint64_t matched_rows = 0;  // vendors: CRM rows that got a row of this vendor
  uint64_t by_email = 0, by_linkedin = 0, by_phone = 0;  // ... by the strongest key they share
  uint64_t ambiguous = 0;     // ... where another vendor row tied
};

struct FieldSummary {
  std::string field;
  std::vector<uint64_t> filled;  // by src: cells written from that vendor
  uint64_t conflicts = 0;
};

struct MergeSummary {
  std::vector<InputSummary> inputs;  // [0] is the CRM
  uint64_t matched_any = 0;          // CRM rows matched by at least one vendor
  uint64_t ambiguous_rows = 0;
  std::vector<FieldSummary> fields;
  std::string out_path;
  std::string report_path;  // "" when no report was asked for
  std::string work_dir;
  bool work_dir_kept = false;
  bool resumed = false;
  // The job folder's peak disk use (the database file, spilled data), sampled
  // every 100 ms while the job ran: a lower bound of the true peak.
  uint64_t work_dir_peak_bytes = 0;
  uint64_t spill_peak_bytes = 0;
  // How many sorted runs the keys were written in (more than one per worker of
  // the keys phase when its buffers filled: the keys spilled to the job folder).
  uint64_t keys_runs = 0;
  double seconds = 0;
  std::vector<PhaseTiming> phases;
  // How often each phase was started in this job folder, over every run
  // (a resumed job's finished phases stay at 1): {"import": 1, ...}.
  std::map<std::string, int> phase_attempts;
};

Result<MergeSummary> run_merge(const MergeOptions& options, ProgressSink& progress, const CancelToken& cancel);

}  // namespace crmerge::merge
