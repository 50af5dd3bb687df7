// Test-only fault injection. When the environment variable CRMERGE_FAULT names
// a point, the process kills itself with SIGKILL when it reaches that point, so
// crash tests can stop a job at a known place whatever the data size. Points:
//   phase:<name>:start      before a phase does any work
//   phase:<name>:end        after a phase did its work, before it is recorded as finished
//   <pass>:rows:<N>         when a C++ pass (import, keys, export) has handled N rows
// Unset (the default), every check is a comparison against a constant.
#pragma once

#include <cstdint>
#include <string_view>

namespace crmerge {

void fault_point(std::string_view phase, std::string_view when);
// Kills the process now (SIGKILL): what a fault point does when it is reached.
[[noreturn]] void fault_kill();

class RowFault {
 public:
  explicit RowFault(std::string_view pass);
  void at(uint64_t rows) const {
    if (rows == trigger_) fault_kill();
  }

 private:
  uint64_t trigger_ = UINT64_MAX;
};

}  // namespace crmerge
