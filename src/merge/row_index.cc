#include "merge/row_index.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <limits>
#include <utility>

#include "base/fault.h"

namespace crmerge::merge {

namespace {

constexpr int kFieldBits = 48;
constexpr uint64_t kFieldMask = (uint64_t{1} << kFieldBits) - 1;
constexpr size_t kRowsPerWrite = 4096;

}  // namespace

// Two words: the offset and the length's low 16 bits; the line and its high 16.
void encode_place(const RowPlace& p, char* out) {
  const uint64_t w0 = (p.offset & kFieldMask) | (static_cast<uint64_t>(p.length & 0xFFFF) << kFieldBits);
  const uint64_t w1 = (p.line & kFieldMask) | (static_cast<uint64_t>(p.length >> 16) << kFieldBits);
  std::memcpy(out, &w0, 8);
  std::memcpy(out + 8, &w1, 8);
}

RowPlace decode_place(const char* in) {
  uint64_t w0, w1;
  std::memcpy(&w0, in, 8);
  std::memcpy(&w1, in + 8, 8);
  return RowPlace{w0 & kFieldMask, static_cast<uint32_t>((w0 >> kFieldBits) | ((w1 >> kFieldBits) << 16)),
                  w1 & kFieldMask};
}

std::string row_index_path(const JobFolder& folder, int src) {
  return folder.rows_dir() + "/" + std::to_string(src) + ".idx";
}

Status create_row_index(const std::string& path, uint64_t rows) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return errno_status("cannot create", path, errno);
  const int rc = ::ftruncate(fd, static_cast<off_t>(rows * kRowPlaceBytes));
  const int err = errno;
  ::close(fd);
  return rc == 0 ? Status::ok() : errno_status("cannot size", path, err);
}

Result<RowIndexWriter> RowIndexWriter::open(const std::string& path, uint64_t first_row) {
  RowIndexWriter w;
  w.fd_ = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (w.fd_ < 0) return errno_status("cannot open", path, errno);
  w.path_ = path;
  w.next_row_ = first_row;
  w.buffer_.reserve(kRowsPerWrite * kRowPlaceBytes);
  return w;
}

RowIndexWriter::RowIndexWriter(RowIndexWriter&& other) noexcept { *this = std::move(other); }

RowIndexWriter& RowIndexWriter::operator=(RowIndexWriter&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    path_ = std::move(other.path_);
    next_row_ = other.next_row_;
    buffer_ = std::move(other.buffer_);
  }
  return *this;
}

RowIndexWriter::~RowIndexWriter() {
  if (fd_ >= 0) ::close(fd_);
}

Status RowIndexWriter::add(uint64_t offset, size_t length, uint64_t line) {
  if (offset > kFieldMask || line > kFieldMask || length > std::numeric_limits<uint32_t>::max())
    return Status::invalid_input("line " + std::to_string(line) +
                                 ": a record beyond 2^48 bytes or lines, or over 4 GiB, more than the row index holds");
  const size_t at = buffer_.size();
  buffer_.resize(at + kRowPlaceBytes);
  encode_place(RowPlace{offset, static_cast<uint32_t>(length), line}, buffer_.data() + at);
  return buffer_.size() >= kRowsPerWrite * kRowPlaceBytes ? flush() : Status::ok();
}

Status RowIndexWriter::flush() {
  size_t done = 0;
  const uint64_t at = next_row_ * kRowPlaceBytes;
  while (done < buffer_.size()) {
    ssize_t n = -1;
    if (const int fault = write_fault("row_index"); fault != 0) errno = fault;
    else n = ::pwrite(fd_, buffer_.data() + done, buffer_.size() - done, static_cast<off_t>(at + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return write_error("the row index " + path_, errno);
    }
    done += static_cast<size_t>(n);
  }
  next_row_ += buffer_.size() / kRowPlaceBytes;
  buffer_.clear();
  return Status::ok();
}

Status RowIndexWriter::close() {
  Status s = fd_ >= 0 ? flush() : Status::ok();
  if (fd_ >= 0 && ::close(std::exchange(fd_, -1)) != 0 && s.is_ok()) s = write_error("the row index " + path_, errno);
  return s;
}

Result<RowIndex> RowIndex::open(const std::string& path, uint64_t rows, std::string input_name) {
  RowIndex r;
  CRM_ASSIGN_OR_RETURN(r.file_, InputFile::open(path));
  if (r.file_.size() != rows * kRowPlaceBytes)
    return Status::internal("the row index of " + input_name + " (" + path + ") holds " +
                            std::to_string(r.file_.size() / kRowPlaceBytes) + " rows, not " + std::to_string(rows));
  r.rows_ = rows;
  r.input_name_ = std::move(input_name);
  return r;
}

Status RowIndex::check(uint64_t row) const {
  if (row < rows_) return Status::ok();
  return Status::internal("row " + std::to_string(row) + " of " + input_name_ + " is beyond its " +
                          std::to_string(rows_) + " rows");
}

Result<RowPlace> RowIndex::at(uint64_t row) const {
  CRM_RETURN_IF_ERROR(check(row));
  char buf[kRowPlaceBytes];
  CRM_RETURN_IF_ERROR(file_.read_at(row * kRowPlaceBytes, buf, kRowPlaceBytes));
  return decode_place(buf);
}

Status RowIndex::queue(BatchReader& reader, uint64_t row, char* dst) const {
  CRM_RETURN_IF_ERROR(check(row));
  reader.add(file_, row * kRowPlaceBytes, kRowPlaceBytes, dst);
  return Status::ok();
}

}  // namespace crmerge::merge
