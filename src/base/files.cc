#include "base/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>

#include "base/fault.h"

namespace crmerge {
namespace fs = std::filesystem;

Status errno_status(const std::string& what, const std::string& path, int err) {
  return Status::io_error(what + " " + path + ": " + std::strerror(err));
}

Status write_error(const std::string& what, int err) {
  switch (err) {
    case ENOSPC: return Status::io_error("the disk is full while writing " + what);
    case EDQUOT: return Status::io_error("the disk quota is used up while writing " + what);
    case EIO: return Status::io_error("the disk failed (an I/O error) while writing " + what);
    default: return Status::io_error("cannot write " + what + ": " + std::strerror(err));
  }
}

namespace {

constexpr size_t kOutputBuffer = 1 << 20;
// kDirect: writes from a buffer this long (whole blocks of kDirectIoAlign).
constexpr size_t kDirectBuffer = 4 << 20;

}  // namespace

Result<FileInfo> stat_path(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return errno_status("cannot read", path, errno);
  FileInfo info;
  info.size = static_cast<uint64_t>(st.st_size);
  info.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  info.device = st.st_dev;
  info.inode = st.st_ino;
  info.is_regular = S_ISREG(st.st_mode);
  info.is_directory = S_ISDIR(st.st_mode);
  return info;
}

bool path_exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

bool same_file(const std::string& a, const std::string& b) {
  auto sa = stat_path(a);
  auto sb = stat_path(b);
  return sa.is_ok() && sb.is_ok() && sa->device == sb->device && sa->inode == sb->inode;
}

Status make_directories(const std::string& path) {
  std::error_code ec;
  fs::create_directories(path, ec);
  if (ec) return Status::io_error("cannot create folder " + path + ": " + ec.message());
  return Status::ok();
}

Status remove_all(const std::string& path) {
  std::error_code ec;
  fs::remove_all(path, ec);
  if (ec) return Status::io_error("cannot remove " + path + ": " + ec.message());
  return Status::ok();
}

std::string parent_dir(const std::string& path) {
  fs::path p(path);
  auto parent = p.parent_path();
  return parent.empty() ? "." : parent.string();
}

std::string base_name(const std::string& path) { return fs::path(path).filename().string(); }

std::string stable_path(const std::string& path) {
  if (path.rfind("/proc/self/fd/", 0) != 0) return path;
  std::error_code ec;
  fs::path target = fs::read_symlink(path, ec);
  return ec ? path : target.string();
}

std::string absolute_path(const std::string& path) {
  std::error_code ec;
  auto abs = fs::absolute(path, ec);
  return ec ? path : abs.lexically_normal().string();
}

Result<std::string> read_small_file(const std::string& path, size_t max_bytes) {
  CRM_ASSIGN_OR_RETURN(InputFile f, InputFile::open(path));
  if (f.size() > max_bytes) return Status::invalid_input(path + " is larger than " + std::to_string(max_bytes) + " bytes");
  std::string out(f.size(), '\0');
  if (!out.empty()) CRM_RETURN_IF_ERROR(f.read_at(0, out.data(), out.size()));
  return out;
}

Status write_file_atomically(const std::string& path, std::string_view contents) {
  CRM_ASSIGN_OR_RETURN(AtomicOutputFile out, AtomicOutputFile::create(path));
  CRM_RETURN_IF_ERROR(out.write(contents));
  return out.commit();
}

// ---------------------------------------------------------------- InputFile

Result<InputFile> InputFile::open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno_status("cannot open", path, errno);
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return errno_status("cannot read", path, err);
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Status::invalid_input(path + " is a folder, not a file");
  }
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  InputFile f;
  f.fd_ = fd;
  f.size_ = static_cast<uint64_t>(st.st_size);
  f.path_ = path;
  return f;
}

InputFile::InputFile(InputFile&& other) noexcept { *this = std::move(other); }

InputFile& InputFile::operator=(InputFile&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    size_ = other.size_;
    path_ = std::move(other.path_);
  }
  return *this;
}

InputFile::~InputFile() {
  if (fd_ >= 0) ::close(fd_);
}

Result<size_t> InputFile::read(char* buf, size_t n) {
  for (;;) {
    ssize_t got = ::read(fd_, buf, n);
    if (got >= 0) return static_cast<size_t>(got);
    if (errno != EINTR) return errno_status("cannot read", path_, errno);
  }
}

Status InputFile::read_at(uint64_t offset, char* buf, size_t n) const {
  size_t done = 0;
  while (done < n) {
    ssize_t got = ::pread(fd_, buf + done, n - done, static_cast<off_t>(offset + done));
    if (got < 0) {
      if (errno == EINTR) continue;
      return errno_status("cannot read", path_, errno);
    }
    if (got == 0) return Status::io_error(path_ + " is shorter than expected (was it changed during the job?)");
    done += static_cast<size_t>(got);
  }
  return Status::ok();
}

void InputFile::drop_cached(uint64_t offset, uint64_t length) const {
  if (fd_ >= 0 && length > 0)
    ::posix_fadvise(fd_, static_cast<off_t>(offset), static_cast<off_t>(length), POSIX_FADV_DONTNEED);
}

Status InputFile::seek(uint64_t offset) {
  if (::lseek(fd_, static_cast<off_t>(offset), SEEK_SET) < 0) return errno_status("cannot seek in", path_, errno);
  return Status::ok();
}

// ---------------------------------------------------------------- AtomicOutputFile

namespace {
constexpr std::string_view kTempSuffix = ".crmerge-tmp";
}  // namespace

bool AtomicOutputFile::is_temporary_name(std::string_view name, std::string_view target_name) {
  const size_t prefix = 1 + target_name.size() + 1;  // ".<target>."
  return name.size() > prefix + kTempSuffix.size() && name[0] == '.' && name.substr(1, target_name.size()) == target_name &&
         name[prefix - 1] == '.' && name.substr(name.size() - kTempSuffix.size()) == kTempSuffix;
}

bool direct_io_allowed() { return std::getenv("CRMERGE_NO_DIRECT_IO") == nullptr; }

struct AtomicOutputFile::Aligned {
  struct Free {
    void operator()(char* p) const { std::free(p); }
  };
  std::unique_ptr<char, Free> bytes{static_cast<char*>(std::aligned_alloc(kDirectIoAlign, kDirectBuffer))};
  size_t size = 0;  // bytes held
};

Result<AtomicOutputFile> AtomicOutputFile::create(const std::string& target, WriteMode mode, OutputKind kind) {
  std::random_device rd;
  std::string suffix = std::to_string(rd()) + std::to_string(::getpid());
  std::string dir = parent_dir(target);
  std::string temp = dir + "/." + base_name(target) + "." + suffix + std::string(kTempSuffix);
  const int flags = O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC;
  int fd = -1;
  bool direct = false;
  if (mode == WriteMode::kDirect && !direct_io_allowed()) mode = WriteMode::kBuffered;
  if (mode == WriteMode::kDirect) {
    fd = ::open(temp.c_str(), flags | O_DIRECT, 0644);
    direct = fd >= 0;
    if (fd < 0 && errno != EINVAL) return errno_status("cannot create", temp, errno);
  }
  if (fd < 0) fd = ::open(temp.c_str(), flags, 0644);  // (EINVAL: the file system has no O_DIRECT)
  if (fd < 0) return errno_status("cannot create", temp, errno);
  AtomicOutputFile f;
  f.fd_ = fd;
  f.target_ = target;
  f.temp_path_ = temp;
  f.kind_ = kind;
  if (direct) {
    f.direct_ = std::make_unique<Aligned>();
    if (!f.direct_->bytes) return Status::internal("cannot allocate the output buffer of " + target);
  } else {
    f.buffer_.reserve(kOutputBuffer);
  }
  return f;
}

AtomicOutputFile::AtomicOutputFile() = default;
AtomicOutputFile::AtomicOutputFile(AtomicOutputFile&& other) noexcept { *this = std::move(other); }

AtomicOutputFile& AtomicOutputFile::operator=(AtomicOutputFile&& other) noexcept {
  if (this != &other) {
    abandon();
    fd_ = std::exchange(other.fd_, -1);
    target_ = std::move(other.target_);
    temp_path_ = std::exchange(other.temp_path_, std::string());
    buffer_ = std::move(other.buffer_);
    direct_ = std::move(other.direct_);
    bytes_written_ = other.bytes_written_;
    kind_ = other.kind_;
  }
  return *this;
}

AtomicOutputFile::~AtomicOutputFile() { abandon(); }

void AtomicOutputFile::abandon() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!temp_path_.empty()) ::unlink(temp_path_.c_str());
  temp_path_.clear();
  buffer_.clear();
  direct_.reset();
}

Status AtomicOutputFile::write(std::string_view data) {
  if (fd_ < 0) return Status::internal("write to a closed output file");
  bytes_written_ += data.size();
  while (direct_ && !data.empty()) {
    Aligned& a = *direct_;
    const size_t n = std::min(data.size(), kDirectBuffer - a.size);
    std::memcpy(a.bytes.get() + a.size, data.data(), n);
    a.size += n;
    data.remove_prefix(n);
    if (a.size == kDirectBuffer) CRM_RETURN_IF_ERROR(write_direct());
  }
  if (data.empty()) return Status::ok();
  if (buffer_.size() + data.size() > kOutputBuffer) CRM_RETURN_IF_ERROR(flush());
  // A large write goes straight to the file (a run of the match's keys is 64 MiB).
  if (data.size() >= kOutputBuffer) return write_all(data.data(), data.size());
  buffer_.append(data);
  return Status::ok();
}

ssize_t AtomicOutputFile::put(const char* data, size_t size) {
  const int fault = write_fault(kind_ == OutputKind::kOutput ? "output" : kind_ == OutputKind::kRun ? "runs" : "");
  if (fault != 0) {
    errno = fault;
    return -1;
  }
  return ::write(fd_, data, size);
}

// Names the target, not the temporary file: the name the user (or the job
// folder's layout) knows; the temporary file goes with the failed file.
Status AtomicOutputFile::write_failed(int err) const {
  switch (kind_) {
    case OutputKind::kOutput: return write_error("the output " + target_, err);
    case OutputKind::kRun: return write_error("the sorted run " + target_, err);
    case OutputKind::kFile: break;
  }
  return write_error(target_, err);
}

Status AtomicOutputFile::write_all(const char* data, size_t size) {
  size_t done = 0;
  while (done < size) {
    ssize_t n = put(data + done, size - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return write_failed(errno);
    }
    done += static_cast<size_t>(n);
  }
  return Status::ok();
}

Status AtomicOutputFile::flush() {
  CRM_RETURN_IF_ERROR(write_all(buffer_.data(), buffer_.size()));
  buffer_.clear();
  return Status::ok();
}

// Writes the aligned buffer (whole blocks) and empties it. A file system that
// refuses a direct write, or takes part of one, gets the rest buffered.
Status AtomicOutputFile::write_direct() {
  Aligned& a = *direct_;
  size_t done = 0;
  while (done < a.size) {
    ssize_t n = put(a.bytes.get() + done, a.size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno != EINVAL) return write_failed(errno);
    if (n > 0) done += static_cast<size_t>(n);
    if (n <= 0 || done % kDirectIoAlign != 0) {
      // The rest goes through the page cache.
      std::string rest(a.bytes.get() + done, a.size - done);
      CRM_RETURN_IF_ERROR(stop_direct());
      buffer_ = std::move(rest);
      return Status::ok();
    }
  }
  a.size = 0;
  return Status::ok();
}

Status AtomicOutputFile::stop_direct() {
  direct_.reset();
  buffer_.reserve(kOutputBuffer);
  const int flags = ::fcntl(fd_, F_GETFL);
  if (flags < 0 || ::fcntl(fd_, F_SETFL, flags & ~O_DIRECT) != 0) return errno_status("cannot write", temp_path_, errno);
  return Status::ok();
}

namespace {

// fsync of the file or folder (`flags` O_DIRECTORY) at `path`.
Status sync_path(const std::string& path, int flags) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | flags);
  if (fd < 0) return errno_status("cannot open", path, errno);
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  return rc == 0 ? Status::ok() : errno_status("cannot sync", path, err);
}

}  // namespace

Status AtomicOutputFile::commit() { return finish(true); }

Status AtomicOutputFile::commit_unsynced() { return finish(false); }

Status AtomicOutputFile::finish(bool sync) {
  if (fd_ < 0) return Status::internal("commit of a closed output file");
  const bool padded = direct_ != nullptr;
  if (direct_) {
    // The last block padded to the alignment; the file is cut to its length below.
    Aligned& a = *direct_;
    const size_t held = a.size, whole = (held + kDirectIoAlign - 1) / kDirectIoAlign * kDirectIoAlign;
    std::memset(a.bytes.get() + held, 0, whole - held);
    a.size = whole;
    CRM_RETURN_IF_ERROR(write_direct());
    if (!direct_) buffer_.resize(buffer_.size() - std::min(buffer_.size(), whole - held));  // (the padding not written)
  }
  CRM_RETURN_IF_ERROR(flush());
  if (padded && ::ftruncate(fd_, static_cast<off_t>(bytes_written_)) != 0) return write_failed(errno);
  if (sync && ::fsync(fd_) != 0) return write_failed(errno);
  ::close(fd_);
  fd_ = -1;
  if (::rename(temp_path_.c_str(), target_.c_str()) != 0) {
    Status s = errno_status("cannot rename the finished output to", target_, errno);
    ::unlink(temp_path_.c_str());
    temp_path_.clear();
    return s;
  }
  temp_path_.clear();
  if (sync) (void)sync_path(parent_dir(target_), O_DIRECTORY);  // (the name's durability: best effort)
  return Status::ok();
}

Status sync_files_in(const std::string& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file()) CRM_RETURN_IF_ERROR(sync_path(entry.path().string(), 0));
  }
  if (ec) return Status::io_error("cannot list " + dir + ": " + ec.message());
  return sync_path(dir, O_DIRECTORY);
}

}  // namespace crmerge
