// An exclusive lock on a folder, held while the object lives: two processes
// that must not work in one folder at once (two crmerge jobs in one job
// folder) find out before either touches it. An advisory lock (flock) on the
// folder itself: no file of its own to leave behind, and the kernel drops it
// when the process dies, however it dies.
#pragma once

#include <string>

#include "base/status.h"

namespace crmerge {

class FolderLock {
 public:
  // Takes the lock without waiting. Held by another process (or another
  // FolderLock of this one): kFailedPrecondition.
  static Result<FolderLock> try_lock(const std::string& dir);
  FolderLock() = default;
  FolderLock(FolderLock&& other) noexcept;
  FolderLock& operator=(FolderLock&& other) noexcept;
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;
  ~FolderLock();

 private:
  int fd_ = -1;
};

}  // namespace crmerge
