// The service's workers: N threads in the server process that take queued jobs
// from the store (oldest first), run each as a merge in its own job folder, and
// record where it is and how it ended. The memory and thread budget is split
// equally between the N workers, so jobs running at once never exceed it;
// further jobs wait queued, never refused.
//
// Recovery: start() puts every job the store says is running back in the
// queue (their process died); a worker resumes each at its first unfinished
// phase from the checkpoints in its job folder. stop() (SIGTERM) stops taking
// jobs and interrupts running ones, leaving them queued and resumable.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/cancel.h"
#include "base/status.h"
#include "jobs/data_dir.h"
#include "jobs/job_store.h"

namespace crmerge::jobs {

struct RunnerConfig {
  int workers = 1;
  uint64_t memory_bytes = 1ull << 30;  // for all running jobs together
  int threads = 0;                     // for all running jobs together; 0: all cores
};

class Runner {
 public:
  // `on_final` is called (on a worker thread) once per job that reaches a
  // final state here: metrics, webhooks.
  Runner(JobStore& store, DataDir dir, RunnerConfig config, std::function<void(const JobRecord&)> on_final);
  ~Runner();
  Runner(const Runner&) = delete;
  Runner& operator=(const Runner&) = delete;

  // Requeues the jobs left running by a process that died, then starts the workers.
  Status start();
  // A job was queued: a free worker takes it.
  void wake();
  // Stops taking jobs, interrupts the running ones (they stay resumable) and
  // waits for the workers to finish. Idempotent.
  void stop();

  // Asks a running job to stop; a queued job becomes cancelled at once. The
  // store's record afterwards, or an error when the job is already final.
  Result<JobRecord> cancel(const std::string& id);
  // Interrupts a running job whose record the caller removed (a delete); its
  // worker then drops its folders. Waits (up to `timeout_ms`) until it no longer runs.
  void interrupt_and_wait(const std::string& id, int timeout_ms);

  int workers() const { return config_.workers; }
  int running() const;
  // Something about some job changed (progress, state): a counter that grows.
  // wait_for_change blocks until it exceeds `seen` or `timeout_ms` passes.
  uint64_t change_count() const;
  uint64_t wait_for_change(uint64_t seen, int timeout_ms) const;
  void notify_change();

  // The budget one job runs with.
  std::string memory_per_job() const;
  int threads_per_job() const;

 private:
  void work();
  void run(JobRecord job);

  JobStore& store_;
  DataDir dir_;
  RunnerConfig config_;
  std::function<void(const JobRecord&)> on_final_;
  std::vector<std::thread> threads_;
  std::atomic<bool> stopping_{false};

  std::mutex claim_mutex_;  // a claim, and a cancel's read and write of the job, one at a time
  mutable std::mutex mutex_;
  mutable std::condition_variable queue_cv_;   // a job was queued, or stop
  mutable std::condition_variable change_cv_;  // change_ grew
  std::map<std::string, std::shared_ptr<CancelToken>> running_;
  uint64_t change_ = 0;
};

}  // namespace crmerge::jobs
