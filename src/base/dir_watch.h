// The peak disk use of directory trees while a job runs: a thread adds up the
// allocated size of the files under each tree every `interval` and keeps the
// largest sum. Sampled, so a file that lives for less than an interval can be
// missed; what it reports is a lower bound of the true peak.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace crmerge {

// The allocated size of the files under `dir` now (0 when it does not exist;
// files that vanish while it counts are skipped).
uint64_t tree_bytes(const std::string& dir);

class DirWatch {
 public:
  DirWatch(std::vector<std::string> dirs, std::chrono::milliseconds interval);
  ~DirWatch();
  DirWatch(const DirWatch&) = delete;
  DirWatch& operator=(const DirWatch&) = delete;

  // Takes a last sample and stops the thread (idempotent).
  void stop();
  // The largest sample of dirs[i] so far.
  uint64_t peak(size_t i) const;

 private:
  void sample();

  std::vector<std::string> dirs_;
  std::vector<std::atomic<uint64_t>> peaks_;
  std::chrono::milliseconds interval_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace crmerge
