// cpp-httplib serves each connection on a thread of its task queue, and an
// event stream holds its thread for as long as the client listens. A fixed
// pool (httplib's default) would let a few streams starve the API, so this
// queue starts `min_threads` and adds one whenever a connection arrives with
// none idle, up to `max_threads`; beyond that connections wait their turn.
//
// Two more threads are kept in reserve for when all `max_threads` are busy: a
// connection that finds none free is served on a reserved one, where only the
// probes (/healthz, /metrics) are answered and every other request gets a
// quick 503 (on_reserved_thread tells the handlers). So the probes answer even
// when event streams hold every connection slot.
#pragma once

#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace crmerge::server {

class ConnectionPool : public httplib::TaskQueue {
 public:
  ConnectionPool(size_t min_threads, size_t max_threads);
  ~ConnectionPool() override;

  void enqueue(std::function<void()> fn) override;
  void shutdown() override;

  size_t threads() const;
  // True on a reserved thread (called by the request handlers).
  static bool on_reserved_thread();

  static constexpr size_t kReservedThreads = 2;

 private:
  void spawn_locked();
  void work();
  void work_reserved();
  // Runs the tasks of one queue until shutdown; `idle` counts its idle threads.
  void serve(std::condition_variable& cv, std::deque<std::function<void()>>& tasks, size_t& idle);

  const size_t max_threads_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> tasks_;
  std::vector<std::thread> threads_;
  size_t idle_ = 0;
  std::condition_variable reserved_cv_;
  std::deque<std::function<void()>> reserved_tasks_;
  std::vector<std::thread> reserved_threads_;
  size_t reserved_idle_ = 0;
  bool shutdown_ = false;
};

}  // namespace crmerge::server
