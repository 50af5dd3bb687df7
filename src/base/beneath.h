// Files a client names by path, opened beneath an allowed root folder with no
// symlink followed anywhere on the way (openat2 RESOLVE_BENEATH |
// RESOLVE_NO_SYMLINKS; O_NOFOLLOW component by component where the kernel
// has no openat2), and the identity of the file opened, so that a later open
// can prove it reached the same file.
#pragma once

#include <cstdint>
#include <string>

namespace crmerge {

struct FileIdentity {
  uint64_t device = 0, inode = 0, size = 0;
  int64_t mtime_ns = 0;
  bool operator==(const FileIdentity& o) const {
    return device == o.device && inode == o.inode && size == o.size && mtime_ns == o.mtime_ns;
  }
  bool operator!=(const FileIdentity& o) const { return !(*this == o); }
};

// An open read-only descriptor, closed with the object.
class OpenedFile {
 public:
  OpenedFile() = default;
  explicit OpenedFile(int fd) : fd_(fd) {}
  OpenedFile(OpenedFile&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  OpenedFile& operator=(OpenedFile&& o) noexcept;
  OpenedFile(const OpenedFile&) = delete;
  OpenedFile& operator=(const OpenedFile&) = delete;
  ~OpenedFile();
  int fd() const { return fd_; }
  // A path that opens this very file again (the descriptor's /proc/self/fd
  // link), whatever happens to the name it was opened by.
  std::string reopen_path() const { return "/proc/self/fd/" + std::to_string(fd_); }

 private:
  int fd_ = -1;
};

enum class BeneathResult {
  kOpened,
  kRefused,    // relative, with "." or "..", outside the root, through a symlink, or not readable
  kMissing,    // beneath the root, and no such file
  kNotAFile,   // beneath the root, and not a regular file
  kIoError,
};

struct BeneathOpen {
  BeneathResult result = BeneathResult::kIoError;
  OpenedFile file;
  FileIdentity identity;
};

// Opens `path` (absolute) for reading if it lies beneath `root` (absolute, a
// real path with no symlink in it: the operator's folder). A path outside the
// root is refused without touching the file system, so the answer never tells
// whether it exists. Opening never blocks (a FIFO is kNotAFile).
BeneathOpen open_beneath(const std::string& root, const std::string& path);

// Whether `path` lies beneath `root` by its components alone (both absolute;
// no "." or ".." in `path`).
bool lexically_beneath(const std::string& root, const std::string& path);

}  // namespace crmerge
