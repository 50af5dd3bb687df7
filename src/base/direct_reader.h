// Reads of a file's byte ranges around the kernel's page cache (O_DIRECT),
// into an aligned buffer of the reader's own, where the file system allows it;
// else ordinary reads into the same buffer. For the job's own files that are
// written the same way (base/files.h, WriteMode::kDirect) and read once: the
// sorted runs (merge/sorted_runs.h). Through the page cache, each of their
// pages is a new page for the kernel to fill, which on the machines measured
// cost more than the disk's own reads (bench/RESULTS.md), and pushes the
// inputs' pages out.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

namespace crmerge {

class DirectReader {
 public:
  // Reads of at most `max_read` bytes each.
  static Result<DirectReader> open(const std::string& path, size_t max_read);
  DirectReader();
  DirectReader(DirectReader&& other) noexcept;
  DirectReader& operator=(DirectReader&& other) noexcept;
  DirectReader(const DirectReader&) = delete;
  DirectReader& operator=(const DirectReader&) = delete;
  ~DirectReader();

  // Exactly `size` bytes (at most max_read) at `offset`, in the reader's
  // buffer until the next read. Fails, naming the file, when it is shorter.
  Result<std::string_view> read(uint64_t offset, size_t size);
  // Whether reads go around the page cache.
  bool direct() const { return direct_; }

 private:
  struct Free {
    void operator()(char* p) const;
  };
  int fd_ = -1;
  bool direct_ = false;
  std::string path_;
  std::unique_ptr<char, Free> buffer_;
  size_t max_read_ = 0;
};

}  // namespace crmerge
