// Before a job starts: is there room on disk for it? The job folder holds the
// job's database and what DuckDB spills, and grows with the inputs; the output
// is a little larger than the CRM. The folder peaks in the match, with the
// spill; the output is written in the export, when the spill is gone and the
// database alone is left. Measured with --memory-limit 512MB: at 10M CRM rows
// and 3 vendor files of 10M rows (17.1 GB of input) the job folder peaked at
// 12.7 GiB (more with less memory: it spills more), the output was 1.37x the
// CRM; at 50M (38.6 GB of input) the folder peaked at 24.9 GiB, its database
// was 9.7 GB in the export, the output 1.21x the CRM. The estimate takes 1.0x
// the inputs for the peak, 0.35x for the database, 1.5x the CRM for the output.
// It warns, it does not refuse.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace crmerge::merge {

struct DiskNeed {
  uint64_t job_folder = 0;  // bytes, at the peak
  uint64_t output = 0;
  uint64_t database = 0;    // the job folder while the output is written
};

DiskNeed estimate_disk_need(uint64_t input_bytes, uint64_t crm_bytes);

struct DiskSpace {
  uint64_t free = 0;   // bytes available to this user
  uint64_t device = 0; // the filesystem (st_dev), to tell whether two folders share one
};

// The free space of the filesystem holding `dir` (nullopt when it cannot be read).
std::optional<DiskSpace> disk_space(const std::string& dir);

// A warning naming the folders and the sizes when the estimate exceeds the
// free space, else "".
std::string disk_warning(const DiskNeed& need, const std::string& work_dir, const DiskSpace& work,
                         const std::string& out_dir, const DiskSpace& out);

}  // namespace crmerge::merge
