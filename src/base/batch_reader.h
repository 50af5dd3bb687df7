// Many small reads at known places in files, handed to the kernel as one
// request where it allows (io_uring), else one pread each. On the machines
// measured, entering the kernel costs ~1 µs a call: the export's one pread per
// matched vendor row was 1.8M calls at 1M CRM rows (bench/RESULTS.md).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "base/files.h"
#include "base/status.h"

namespace crmerge {

class BatchReader {
 public:
  // Uses io_uring unless the kernel refuses it (or the environment sets
  // CRMERGE_NO_IO_URING, for tests of the other way); either way reads the same.
  BatchReader();
  BatchReader(BatchReader&&) noexcept;
  BatchReader& operator=(BatchReader&&) noexcept;
  ~BatchReader();

  // Queues a read of exactly `length` bytes at `offset` of `file` into `dst`
  // (both must outlive run()).
  void add(const InputFile& file, uint64_t offset, uint32_t length, char* dst);
  size_t queued() const { return reads_.size(); }
  // Does every queued read, then forgets them. Fails as InputFile::read_at
  // does (naming the file) when one fails or its file is shorter.
  Status run();
  // True when the reads go through io_uring.
  bool batched() const;

 private:
  struct Read {
    const InputFile* file;
    uint64_t offset;
    uint32_t length;
    char* dst;
  };
  struct Ring;
  std::unique_ptr<Ring> ring_;  // null: one pread each
  std::vector<Read> reads_;
};

}  // namespace crmerge
