// Test-only fault injection. When the environment variable CRMERGE_FAULT names
// a point, the process acts there, so crash, signal and fault tests can stop a
// job at a known place whatever the data size. Points:
//   phase:<name>:start      before a phase does any work
//   phase:<name>:end        after a phase did its work, before it is recorded as finished
//   phase:cleanup:start     the job folder emptied at the end, its marker not yet deleted
//   <pass>:rows:<N>         when a C++ pass (import, keys, export) has handled N rows
// By default the process kills itself there (SIGKILL). With "@pause" appended
// (e.g. "export:rows:100@pause") it prints "crmerge: paused at <point>" on
// stderr and waits there until the job is cancelled (SIGINT/SIGTERM). With
// "@sleep:<S>" appended (e.g. "phase:keys:start@sleep:2") it prints
// "crmerge: sleeping <S> s at <point>", waits S seconds (less when the job is
// cancelled) and goes on: time for a test to change the world under the job.
//
// Write failures of crmerge's own writers, as the kernel reports them (the
// write call returns -1 and sets errno):
//   write:<writer>:<error>[:<N>]
// makes the Nth write call (default 1: the first) of <writer> in the process
// fail with <error>, ENOSPC or EIO. Only that one call fails: the writer's
// other calls, and a later job's in the same server, go through. Writers, each
// checked at its one write call:
//   runs       the sorted runs of keys/ and links/ in the job folder (merge/sorted_runs.h)
//   row_index  the row index, rows/<src>.idx in the job folder (merge/row_index.h)
//   output     the merged output file (merge/export.cc)
// e.g. "write:output:ENOSPC:2": the output's second write finds the disk full.
//
// Unset (the default), every check is a comparison against a constant.
#pragma once

#include <cstdint>
#include <string_view>

#include "base/cancel.h"

namespace crmerge {

void fault_point(std::string_view phase, std::string_view when, const CancelToken& cancel);

class RowFault {
 public:
  RowFault(std::string_view pass, const CancelToken& cancel);
  void at(uint64_t rows) const {
    if (rows == trigger_) fire();
  }

 private:
  void fire() const;
  uint64_t trigger_ = UINT64_MAX;
  const CancelToken& cancel_;
};

// Called by `writer` (a name above) just before its write call: the errno that
// call is to fail with, or 0 to make it.
int write_fault(std::string_view writer);

}  // namespace crmerge
