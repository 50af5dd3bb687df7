#include "base/beneath.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <string_view>
#include <vector>

namespace crmerge {

OpenedFile& OpenedFile::operator=(OpenedFile&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = o.fd_;
    o.fd_ = -1;
  }
  return *this;
}

OpenedFile::~OpenedFile() {
  if (fd_ >= 0) ::close(fd_);
}

namespace {

// The components of an absolute path; false for a relative path or one with
// "." or "..".
bool components(std::string_view path, std::vector<std::string_view>& out) {
  out.clear();
  if (path.empty() || path[0] != '/') return false;
  size_t i = 0;
  while (i < path.size()) {
    while (i < path.size() && path[i] == '/') ++i;
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    if (j > i) {
      std::string_view c = path.substr(i, j - i);
      if (c == "." || c == "..") return false;
      out.push_back(c);
    }
    i = j;
  }
  return true;
}

BeneathResult refusal_for(int err) {
  switch (err) {
    case ENOENT:
    case ENOTDIR:
      return BeneathResult::kMissing;
    case ELOOP:   // a symlink on the way
    case EXDEV:   // the path would leave the root
    case EACCES:
    case EPERM:
      return BeneathResult::kRefused;
    case ENXIO:   // a socket, or a FIFO with no writer
    case EISDIR:
      return BeneathResult::kNotAFile;
    default:
      return BeneathResult::kIoError;
  }
}

constexpr int kOpenFlags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK;

// O_NOFOLLOW on every component, for kernels without openat2 (before 5.6).
int open_walking(int root_fd, const std::vector<std::string_view>& rel) {
  int dir = ::dup(root_fd);
  if (dir < 0) return -1;
  for (size_t i = 0; i < rel.size(); ++i) {
    std::string name(rel[i]);
    bool last = i + 1 == rel.size();
    int fd = ::openat(dir, name.c_str(), last ? kOpenFlags | O_NOFOLLOW : O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    int err = errno;
    ::close(dir);
    if (fd < 0) {
      // O_PATH | O_NOFOLLOW on a symlink opens the link itself; O_DIRECTORY then fails with ENOTDIR.
      errno = err;
      return -1;
    }
    dir = fd;
  }
  return dir;
}

}  // namespace

bool lexically_beneath(const std::string& root, const std::string& path) {
  std::vector<std::string_view> r, p;
  if (!components(root, r) || !components(path, p) || p.size() <= r.size()) return false;
  for (size_t i = 0; i < r.size(); ++i)
    if (r[i] != p[i]) return false;
  return true;
}

BeneathOpen open_beneath(const std::string& root, const std::string& path) {
  BeneathOpen out;
  std::vector<std::string_view> r, p;
  if (!components(root, r) || !components(path, p) || !lexically_beneath(root, path)) {
    out.result = BeneathResult::kRefused;
    return out;
  }
  std::vector<std::string_view> rel(p.begin() + static_cast<std::ptrdiff_t>(r.size()), p.end());
  std::string rel_path;
  for (auto c : rel) {
    if (!rel_path.empty()) rel_path += '/';
    rel_path += c;
  }
  OpenedFile root_dir(::open(root.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
  if (root_dir.fd() < 0) return out;  // the operator's root is gone: an I/O error, not the client's
  open_how how{};
  how.flags = kOpenFlags;
  how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
  int fd = static_cast<int>(::syscall(SYS_openat2, root_dir.fd(), rel_path.c_str(), &how, sizeof how));
  if (fd < 0 && errno == ENOSYS) fd = open_walking(root_dir.fd(), rel);
  if (fd < 0) {
    out.result = refusal_for(errno);
    return out;
  }
  OpenedFile file(fd);
  struct stat st;
  if (::fstat(fd, &st) != 0) return out;
  if (!S_ISREG(st.st_mode)) {
    out.result = BeneathResult::kNotAFile;
    return out;
  }
  // Reads of a regular file never block; the flag only kept the open from waiting on a FIFO.
  (void)::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  out.identity = {static_cast<uint64_t>(st.st_dev), static_cast<uint64_t>(st.st_ino), static_cast<uint64_t>(st.st_size),
                  static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
  out.file = std::move(file);
  out.result = BeneathResult::kOpened;
  return out;
}

}  // namespace crmerge
