// The one place where outcomes become process exit codes.
//   0 success; 1 the job failed (the message names the file and the problem);
//   2 bad usage (the command line could not be parsed); 130 interrupted.
#pragma once

#include "base/status.h"

namespace crmerge::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitInterrupted = 130;

inline int exit_code_for(const Status& s) {
  if (s.is_ok()) return kExitOk;
  if (s.code() == StatusCode::kCancelled) return kExitInterrupted;
  return kExitFailed;
}

}  // namespace crmerge::cli
