// Test-only fault injection. When the environment variable CRMERGE_FAULT names
// a point, the process acts there, so crash and signal tests can stop a job at
// a known place whatever the data size. Points:
//   phase:<name>:start      before a phase does any work
//   phase:<name>:end        after a phase did its work, before it is recorded as finished
//   phase:cleanup:start     the job folder emptied at the end, its marker not yet deleted
//   <pass>:rows:<N>         when a C++ pass (import, keys, export) has handled N rows
// By default the process kills itself there (SIGKILL). With "@pause" appended
// (e.g. "export:rows:100@pause") it prints "crmerge: paused at <point>" on
// stderr and waits there until the job is cancelled (SIGINT/SIGTERM).
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

}  // namespace crmerge
