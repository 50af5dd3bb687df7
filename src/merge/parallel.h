// Work over several inputs at once: the import and keys passes read each input
// file on its own core, and report their progress together.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>

#include "base/status.h"
#include "merge/job.h"

namespace crmerge::merge {

// Runs fn(i) for every i in `order` on up to `workers` threads (the calling
// thread is one of them). Returns the failure of the first input, in input
// order, that failed; the others still finish or stop at their next check of
// the job's cancel token.
Status run_parallel(const std::vector<size_t>& order, int workers, const std::function<Status(size_t)>& fn);

// The phase's progress summed over the inputs being read at once. Thread-safe.
class SharedProgress {
 public:
  explicit SharedProgress(Job& job) : job_(job) {}
  void add(uint64_t bytes, uint64_t rows);

 private:
  Job& job_;
  std::mutex mutex_;
  uint64_t bytes_ = 0;
  uint64_t rows_ = 0;
};

// How many inputs to read at once: --threads (0: all cores), at least 1.
int pass_workers(const Job& job);

}  // namespace crmerge::merge
