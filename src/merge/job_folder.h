// The job folder: where a job's database, spill files and decoded copies live,
// and the record that decides whether an interrupted job may be resumed
// (DESIGN.md invariant 9).
#pragma once

#include <string>

#include "base/status.h"
#include "merge/job.h"

namespace crmerge::merge {

// `requested` empty: a new folder under $TMPDIR (or /tmp). Otherwise that
// folder, created if missing; an existing folder is used only when it is empty
// or a crmerge job folder (it holds the marker file), since it is deleted later.
Result<JobFolder> open_job_folder(const std::string& requested);
Status remove_job_folder(const JobFolder& folder);
// Fails when the folder no longer holds its marker: deleted while the job ran
// (the files the job still holds open live on unlinked, the others are gone),
// so that nothing the job did since is trusted.
Status check_job_folder(const JobFolder& folder);

// Compares what the job database recorded (the options' fingerprint; each
// input's path, size, mtime and, once imported, content hash) with this run.
// Equal: returns true, and finished phases are kept. Different, or nothing
// recorded: the folder is emptied, this run is recorded, returns false.
Result<bool> reconcile_checkpoint(Job& job);

}  // namespace crmerge::merge
