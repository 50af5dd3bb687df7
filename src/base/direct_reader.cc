#include "base/direct_reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <utility>

#include "base/files.h"

namespace crmerge {

namespace {

// Direct reads start and end on kDirectIoAlign (base/files.h); the bytes asked
// for are found inside.
size_t round_up(size_t n) { return (n + kDirectIoAlign - 1) / kDirectIoAlign * kDirectIoAlign; }

}  // namespace

void DirectReader::Free::operator()(char* p) const { std::free(p); }

DirectReader::DirectReader() = default;

DirectReader::DirectReader(DirectReader&& other) noexcept { *this = std::move(other); }

DirectReader& DirectReader::operator=(DirectReader&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    direct_ = other.direct_;
    path_ = std::move(other.path_);
    buffer_ = std::move(other.buffer_);
    max_read_ = other.max_read_;
  }
  return *this;
}

DirectReader::~DirectReader() {
  if (fd_ >= 0) ::close(fd_);
}

Result<DirectReader> DirectReader::open(const std::string& path, size_t max_read) {
  DirectReader r;
  r.path_ = path;
  r.max_read_ = max_read;
  if (direct_io_allowed()) {
    r.fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_DIRECT);
    r.direct_ = r.fd_ >= 0;
    if (r.fd_ < 0 && errno != EINVAL) return errno_status("cannot open", path, errno);
  }
  if (r.fd_ < 0) r.fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);  // (EINVAL: the file system has no O_DIRECT)
  if (r.fd_ < 0) return errno_status("cannot open", path, errno);
  // An aligned block before and after the bytes asked for, at most.
  r.buffer_.reset(static_cast<char*>(std::aligned_alloc(kDirectIoAlign, round_up(max_read) + 2 * kDirectIoAlign)));
  if (!r.buffer_) return Status::internal("cannot allocate a read buffer for " + path);
  return r;
}

Result<std::string_view> DirectReader::read(uint64_t offset, size_t size) {
  if (size > max_read_) return Status::internal("a read of " + std::to_string(size) + " bytes from " + path_ +
                                                " is longer than its reader's buffer");
  const uint64_t start = direct_ ? offset / kDirectIoAlign * kDirectIoAlign : offset;
  const size_t skip = static_cast<size_t>(offset - start);
  const size_t want = direct_ ? round_up(skip + size) : size;
  size_t got = 0;
  while (got < skip + size) {
    ssize_t k = ::pread(fd_, buffer_.get() + got, want - got, static_cast<off_t>(start + got));
    if (k < 0 && errno == EINTR) continue;
    if (k < 0) return errno_status("cannot read", path_, errno);
    if (k == 0) return Status::io_error(path_ + " is shorter than expected (was it changed during the job?)");
    got += static_cast<size_t>(k);
    // (A direct read short of the end of the file stops at a block boundary,
    // so the next one is aligned too.)
  }
  return std::string_view(buffer_.get() + skip, size);
}

}  // namespace crmerge
