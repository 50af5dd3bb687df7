// SIGINT and SIGTERM as cancellation. Construct first thing in main, before any
// other thread exists: the signals are blocked in every thread and a dedicated
// thread waits for them. The first one cancels the token (the job stops at its
// next check, removes partial files and exits 130); a second one exits at once.
// Both signals are handled even when the process was started with them ignored.
#pragma once

#include "base/cancel.h"

namespace crmerge::cli {

class SignalWatcher {
 public:
  explicit SignalWatcher(CancelToken& token);
  SignalWatcher(const SignalWatcher&) = delete;
  SignalWatcher& operator=(const SignalWatcher&) = delete;
};

}  // namespace crmerge::cli
