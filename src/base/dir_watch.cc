#include "base/dir_watch.h"

#include <sys/stat.h>

#include <filesystem>
#include <system_error>

namespace crmerge {

uint64_t tree_bytes(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  uint64_t total = 0;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    struct stat st {};
    if (::lstat(it->path().c_str(), &st) == 0 && S_ISREG(st.st_mode)) total += static_cast<uint64_t>(st.st_blocks) * 512;
  }
  return total;
}

DirWatch::DirWatch(std::vector<std::string> dirs, std::chrono::milliseconds interval)
    : dirs_(std::move(dirs)), peaks_(dirs_.size()), interval_(interval) {
  for (auto& p : peaks_) p.store(0);
  sample();
  thread_ = std::thread([this] {
    std::unique_lock<std::mutex> lock(mu_);
    while (!cv_.wait_for(lock, interval_, [this] { return stopping_; })) {
      lock.unlock();
      sample();
      lock.lock();
    }
  });
}

DirWatch::~DirWatch() { stop(); }

void DirWatch::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
  sample();
}

uint64_t DirWatch::peak(size_t i) const { return peaks_[i].load(); }

void DirWatch::sample() {
  for (size_t i = 0; i < dirs_.size(); ++i) {
    uint64_t now = tree_bytes(dirs_[i]);
    if (now > peaks_[i].load()) peaks_[i].store(now);
  }
}

}  // namespace crmerge
