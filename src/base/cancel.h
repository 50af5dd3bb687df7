// Cooperative cancellation: a signal handler (or a server's cancel request)
// sets the token; long loops and DuckDB query loops check it and stop with
// Status::cancelled().
#pragma once

#include <atomic>

#include "base/status.h"

namespace crmerge {

class CancelToken {
 public:
  // Safe from any thread and from a signal-handling thread.
  void cancel() { cancelled_.store(true, std::memory_order_relaxed); }
  bool is_cancelled() const { return cancelled_.load(std::memory_order_relaxed); }
  Status check() const { return is_cancelled() ? Status::cancelled("interrupted") : Status::ok(); }

 private:
  std::atomic<bool> cancelled_{false};
};

}  // namespace crmerge
