#include "server/connection_pool.h"

namespace crmerge::server {

ConnectionPool::ConnectionPool(size_t min_threads, size_t max_threads)
    : max_threads_(std::max(min_threads, max_threads)) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (size_t i = 0; i < min_threads; ++i) spawn_locked();
  for (size_t i = 0; i < kReservedThreads; ++i) {
    ++reserved_idle_;
    reserved_threads_.emplace_back([this] { work_reserved(); });
  }
}

namespace {
thread_local bool tls_reserved = false;
}  // namespace

bool ConnectionPool::on_reserved_thread() { return tls_reserved; }

ConnectionPool::~ConnectionPool() { shutdown(); }

void ConnectionPool::spawn_locked() {
  ++idle_;
  threads_.emplace_back([this] { work(); });
}

void ConnectionPool::enqueue(std::function<void()> fn) {
  std::lock_guard<std::mutex> lock(mutex_);
  const bool general_free = idle_ > tasks_.size() || threads_.size() < max_threads_;
  if (!general_free && reserved_idle_ > reserved_tasks_.size()) {
    reserved_tasks_.push_back(std::move(fn));
    reserved_cv_.notify_one();
    return;
  }
  tasks_.push_back(std::move(fn));
  if (idle_ < tasks_.size() && threads_.size() < max_threads_) spawn_locked();
  cv_.notify_one();
}

void ConnectionPool::shutdown() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (shutdown_) return;
    shutdown_ = true;
  }
  cv_.notify_all();
  reserved_cv_.notify_all();
  for (auto& t : threads_) t.join();
  for (auto& t : reserved_threads_) t.join();
}

size_t ConnectionPool::threads() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return threads_.size();
}

void ConnectionPool::work() { serve(cv_, tasks_, idle_); }

void ConnectionPool::work_reserved() {
  tls_reserved = true;
  serve(reserved_cv_, reserved_tasks_, reserved_idle_);
}

void ConnectionPool::serve(std::condition_variable& cv, std::deque<std::function<void()>>& tasks, size_t& idle) {
  for (;;) {
    std::function<void()> fn;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      cv.wait(lock, [&] { return shutdown_ || !tasks.empty(); });
      if (tasks.empty()) return;  // shut down, nothing left
      fn = std::move(tasks.front());
      tasks.pop_front();
      --idle;
    }
    fn();
    std::lock_guard<std::mutex> lock(mutex_);
    ++idle;
  }
}

}  // namespace crmerge::server
