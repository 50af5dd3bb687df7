#include "base/batch_reader.h"

#include <liburing.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

namespace crmerge {

namespace {

// Reads in flight at once: one submission each round.
constexpr unsigned kRingEntries = 256;

}  // namespace

struct BatchReader::Ring {
  io_uring ring{};
  ~Ring() { io_uring_queue_exit(&ring); }
};

BatchReader::BatchReader() {
  if (std::getenv("CRMERGE_NO_IO_URING") != nullptr) return;
  auto r = std::make_unique<Ring>();
  if (io_uring_queue_init(kRingEntries, &r->ring, 0) != 0) {
    r.release();  // (never initialized: nothing to exit)
    return;
  }
  ring_ = std::move(r);
}

BatchReader::BatchReader(BatchReader&&) noexcept = default;
BatchReader& BatchReader::operator=(BatchReader&&) noexcept = default;
BatchReader::~BatchReader() = default;

bool BatchReader::batched() const { return ring_ != nullptr; }

void BatchReader::add(const InputFile& file, uint64_t offset, uint32_t length, char* dst) {
  reads_.push_back({&file, offset, length, dst});
}

Status BatchReader::run() {
  std::vector<Read> reads;
  reads.swap(reads_);  // forgotten whatever happens
  if (!ring_) {
    for (const Read& r : reads) CRM_RETURN_IF_ERROR(r.file->read_at(r.offset, r.dst, r.length));
    return Status::ok();
  }
  io_uring* ring = &ring_->ring;
  for (size_t begin = 0; begin < reads.size();) {
    const size_t end = std::min(reads.size(), begin + kRingEntries);
    for (size_t i = begin; i < end; ++i) {
      io_uring_sqe* sqe = io_uring_get_sqe(ring);  // (never null: at most kRingEntries in flight)
      io_uring_prep_read(sqe, reads[i].file->descriptor(), reads[i].dst, reads[i].length, reads[i].offset);
      io_uring_sqe_set_data64(sqe, i);
    }
    const unsigned want = static_cast<unsigned>(end - begin);
    int submitted;
    do submitted = io_uring_submit_and_wait(ring, want);
    while (submitted == -EINTR);
    if (submitted < 0) return Status::io_error(std::string("io_uring: cannot submit reads: ") + strerror(-submitted));
    // Each completion: whole, or finished (or its error reported) by a pread.
    Status first_error = Status::ok();
    for (unsigned seen = 0; seen < want;) {
      io_uring_cqe* cqe = nullptr;
      int w;
      do w = io_uring_wait_cqe(ring, &cqe);
      while (w == -EINTR);
      if (w < 0) return Status::io_error(std::string("io_uring: cannot wait for reads: ") + strerror(-w));
      const Read& r = reads[io_uring_cqe_get_data64(cqe)];
      const int res = cqe->res;
      io_uring_cqe_seen(ring, cqe);
      ++seen;
      if (res == static_cast<int>(r.length) || !first_error.is_ok()) continue;
      const uint32_t got = res > 0 ? static_cast<uint32_t>(res) : 0;
      Status s = r.file->read_at(r.offset + got, r.dst + got, r.length - got);
      if (!s.is_ok()) first_error = s;
    }
    CRM_RETURN_IF_ERROR(first_error);
    begin = end;
  }
  return Status::ok();
}

}  // namespace crmerge
