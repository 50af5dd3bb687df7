#include "merge/parallel.h"

#include <atomic>
#include <thread>
#include <vector>

namespace crmerge::merge {

Status run_parallel(const std::vector<size_t>& order, int workers, const std::function<Status(size_t)>& fn) {
  size_t max_index = 0;
  for (size_t i : order) max_index = std::max(max_index, i);
  std::vector<Status> results(order.empty() ? 0 : max_index + 1);
  std::atomic<size_t> next{0};
  auto work = [&]() {
    for (size_t k = next++; k < order.size(); k = next++) results[order[k]] = fn(order[k]);
  };
  std::vector<std::thread> threads;
  for (int t = 1; t < workers && static_cast<size_t>(t) < order.size(); ++t) threads.emplace_back(work);
  work();
  for (auto& t : threads) t.join();
  for (const auto& s : results)
    if (!s.is_ok()) return s;
  return Status::ok();
}

void SharedProgress::add(uint64_t bytes, uint64_t rows) {
  std::lock_guard<std::mutex> lock(mutex_);
  bytes_ += bytes;
  rows_ += rows;
  job_.report(bytes_, rows_);
}

int pass_workers(const Job& job) {
  int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return job.options().threads > 0 ? std::min(job.options().threads, cores) : cores;
}

}  // namespace crmerge::merge
