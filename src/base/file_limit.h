// The process's limit on open files. The match's passes are cut into a part
// per worker and each part opens every run of the job's keys, then of its
// links (merge/sorted_runs.h): parts x runs files at once, which a large job
// with many workers takes beyond the usual soft limit of 1024. The soft limit
// is raised at start to the hard limit the system sets (the HTTP stack waits
// on sockets with poll(), not select(): a descriptor above 1024 is safe).
#pragma once

#include <cstdint>

namespace crmerge {

// Raises the soft RLIMIT_NOFILE to the hard one (or as near as the kernel
// allows). Returns the soft limit in force afterwards; 0 if it cannot be read.
uint64_t raise_open_file_limit();

}  // namespace crmerge
