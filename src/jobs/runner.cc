#include "jobs/runner.h"

#include <chrono>
#include <nlohmann/json.hpp>

#include "base/files.h"
#include "base/progress.h"
#include "base/strings.h"
#include "jobs/job_spec.h"
#include "merge/pipeline.h"

namespace crmerge::jobs {

namespace {

using Clock = std::chrono::steady_clock;

// Each phase's share of a job's percent, from where the time goes at 1M rows
// (bench/RESULTS.md): only the shape matters, not the exact figures.
struct PhaseWeight {
  const char* phase;
  double weight;
};
constexpr PhaseWeight kWeights[] = {{"import", 7},  {"map", 1},     {"keys", 48},  {"phones", 2},
                                    {"match", 17},  {"resolve", 2}, {"export", 23}};

// A job's progress, kept in its record: the store is written at most four
// times a second, and the runner told so that event streams wake up.
class JobProgress : public ProgressSink {
 public:
  JobProgress(JobStore& store, Runner& runner, JobRecord& job) : store_(store), runner_(runner), job_(job) {}

  void begin(std::string_view phase, uint64_t total, ProgressUnit) override {
    std::lock_guard<std::mutex> lock(mutex_);
    base_ = 0;
    weight_ = 0;
    for (const auto& w : kWeights) {
      if (phase == w.phase) {
        weight_ = w.weight;
        break;
      }
      base_ += w.weight;
    }
    if (weight_ == 0) base_ = job_.percent;  // a step we do not weigh: hold the percent
    total_ = total;
    phase_start_ = Clock::now();
    job_.phase = std::string(phase);
    job_.rows_done = 0;
    job_.rows_per_second = 0;
    job_.percent = std::max(job_.percent, base_);
    flush_locked(true);
  }
  void update(uint64_t done, uint64_t rows) override {
    std::lock_guard<std::mutex> lock(mutex_);
    double fraction = total_ ? std::min(1.0, static_cast<double>(done) / static_cast<double>(total_)) : 0;
    job_.percent = std::max(job_.percent, base_ + weight_ * fraction);
    job_.rows_done = rows;
    double in_phase = std::chrono::duration<double>(Clock::now() - phase_start_).count();
    if (in_phase > 0.5) job_.rows_per_second = static_cast<double>(rows) / in_phase;
    flush_locked(false);
  }
  // A phase finished (its checkpoint is in the job database): the store
  // records it too, so that a status shows which phases are done.
  void end(std::string_view phase, double seconds, std::string_view) override {
    std::lock_guard<std::mutex> lock(mutex_);
    nlohmann::json timings = nlohmann::json::parse(job_.timings_json, nullptr, false);
    if (!timings.is_object()) timings = nlohmann::json::object();
    timings[std::string(phase)] = seconds;
    job_.timings_json = timings.dump();
    flush_locked(true);
  }
  void note(std::string_view) override {}

 private:
  void flush_locked(bool now) {
    auto t = Clock::now();
    if (!now && t - last_flush_ < std::chrono::milliseconds(250)) return;
    last_flush_ = t;
    double elapsed = std::chrono::duration<double>(t - job_start_).count();
    job_.eta_seconds = job_.percent >= 2 ? elapsed * (100 - job_.percent) / job_.percent : -1;
    (void)store_.update_progress(job_);  // progress is advisory: a failed write is retried by the next one
    runner_.notify_change();
  }

  JobStore& store_;
  Runner& runner_;
  JobRecord& job_;
  std::mutex mutex_;
  double base_ = 0, weight_ = 0;
  uint64_t total_ = 0;
  Clock::time_point job_start_ = Clock::now(), phase_start_ = Clock::now(), last_flush_{};
};

const char* failure_reason(StatusCode code) {
  switch (code) {
    case StatusCode::kInvalidInput: return "invalid_input";
    case StatusCode::kIoError: return "io_error";
    case StatusCode::kCancelled: return "cancelled";
    default: return "internal";
  }
}

}  // namespace

Runner::Runner(JobStore& store, DataDir dir, RunnerConfig config, std::function<void(const JobRecord&)> on_final)
    : store_(store), dir_(std::move(dir)), config_(config), on_final_(std::move(on_final)) {
  if (config_.workers < 1) config_.workers = 1;
  if (config_.threads <= 0) config_.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

Runner::~Runner() { stop(); }

Status Runner::start() {
  CRM_ASSIGN_OR_RETURN(auto left_running, store_.in_state(JobState::kRunning));
  for (JobRecord& job : left_running) {
    // Its process died (kill -9, a crash, a power cut): run it again; its job
    // folder's checkpoints decide where it resumes.
    job.state = job.cancel_requested ? JobState::kCancelled : JobState::kQueued;
    if (job.state == JobState::kCancelled) job.finished_ms = now_ms();
    CRM_RETURN_IF_ERROR(store_.update(job));
    if (job.state == JobState::kCancelled) (void)remove_all(dir_.work(job.id));
  }
  for (int i = 0; i < config_.workers; ++i) threads_.emplace_back([this] { work(); });
  return Status::ok();
}

void Runner::wake() { queue_cv_.notify_all(); }

void Runner::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_.exchange(true) && threads_.empty()) return;
    for (auto& [id, token] : running_) token->cancel();
  }
  queue_cv_.notify_all();
  for (auto& t : threads_) t.join();
  threads_.clear();
  notify_change();
}

int Runner::running() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return static_cast<int>(running_.size());
}

uint64_t Runner::change_count() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return change_;
}

uint64_t Runner::wait_for_change(uint64_t seen, int timeout_ms) const {
  std::unique_lock<std::mutex> lock(mutex_);
  change_cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms), [&] { return change_ > seen || stopping_; });
  return change_;
}

void Runner::notify_change() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ++change_;
  }
  change_cv_.notify_all();
}

std::string Runner::memory_per_job() const {
  uint64_t mb = config_.memory_bytes / static_cast<uint64_t>(config_.workers) / (1 << 20);
  return std::to_string(std::max<uint64_t>(mb, 64)) + "MB";
}

int Runner::threads_per_job() const { return std::max(1, config_.threads / config_.workers); }

Result<JobRecord> Runner::cancel(const std::string& id) {
  std::shared_ptr<CancelToken> token;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = running_.find(id);
    if (it != running_.end()) {
      token = it->second;
    }
  }
  JobRecord job;
  {
    // No worker claims the job between this read and this write.
    std::lock_guard<std::mutex> claim(claim_mutex_);
    CRM_ASSIGN_OR_RETURN(auto found, store_.get(id));
    if (!found) return Status::invalid_input("no job " + id);
    job = *found;
    if (is_final(job.state)) return Status::invalid_input("job " + id + " has already " + job_state_name(job.state));
    job.cancel_requested = true;
    if (job.state == JobState::kQueued) {
      job.state = JobState::kCancelled;
      job.finished_ms = now_ms();
    }
    CRM_RETURN_IF_ERROR(store_.update(job));
  }
  if (token) token->cancel();
  notify_change();
  if (job.state == JobState::kCancelled && on_final_) on_final_(job);
  return job;
}

void Runner::interrupt_and_wait(const std::string& id, int timeout_ms) {
  auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  std::unique_lock<std::mutex> lock(mutex_);
  auto it = running_.find(id);
  if (it == running_.end()) return;
  it->second->cancel();
  change_cv_.wait_until(lock, deadline, [&] { return running_.count(id) == 0; });
}

void Runner::work() {
  while (!stopping_) {
    Result<std::optional<JobRecord>> claimed = std::optional<JobRecord>();
    {
      std::lock_guard<std::mutex> claim(claim_mutex_);
      claimed = store_.claim_next(now_ms());
    }
    if (!claimed.is_ok() || !*claimed) {
      std::unique_lock<std::mutex> lock(mutex_);
      queue_cv_.wait_for(lock, std::chrono::seconds(1), [&] { return stopping_.load(); });
      continue;
    }
    run(std::move(**claimed));
  }
}

void Runner::run(JobRecord job) {
  auto token = std::make_shared<CancelToken>();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    running_[job.id] = token;
    if (stopping_) token->cancel();
  }
  // A cancel or a delete that came between the claim and the line above found
  // no token: the store says so.
  if (auto now = store_.get(job.id); now.is_ok() && (!*now || (*now)->cancel_requested)) {
    job.cancel_requested = true;
    token->cancel();
  }
  notify_change();
  job.error.clear();
  job.error_reason.clear();
  job.work_dir = dir_.work(job.id);
  Status status;
  merge::MergeSummary summary;
  auto spec = parse_job_spec(job.spec_json);
  if (!spec.is_ok()) status = spec.status();
  std::string mapping_path;
  if (status.is_ok() && !spec->options.mapping_json.empty()) {
    mapping_path = dir_.uploads(job.id) + "/mapping.json";
    status = make_directories(dir_.uploads(job.id));
    if (status.is_ok()) status = write_file_atomically(mapping_path, spec->options.mapping_json);
  }
  if (status.is_ok()) status = make_directories(dir_.results(job.id));
  if (status.is_ok() && job.cancel_requested) status = Status::cancelled();
  std::vector<OpenedFile> path_inputs;  // held open while the job reads them
  if (status.is_ok()) status = open_path_inputs(*spec, path_inputs);
  if (status.is_ok()) {
    merge::MergeOptions options =
        merge_options_for(*spec, job.work_dir, dir_.result_file(job.id), dir_.report_file(job.id), mapping_path,
                          memory_per_job(), threads_per_job());
    JobProgress progress(store_, *this, job);
    auto result = merge::run_merge(options, progress, *token);
    if (result.is_ok()) summary = std::move(*result);
    else status = result.status();
  }

  {
    std::lock_guard<std::mutex> lock(mutex_);
    running_.erase(job.id);
  }
  // Who stopped it: a user's cancel is recorded in the store before the token
  // is cancelled, and a delete removes the record first; otherwise SIGTERM.
  auto stored = store_.get(job.id);
  if (stored.is_ok() && !*stored) {  // deleted while it ran (DELETE /v1/jobs/{id}): its files go with it
    (void)remove_all(job.work_dir);
    (void)remove_all(dir_.results(job.id));
    notify_change();
    return;
  }
  if (stored.is_ok()) job.cancel_requested = job.cancel_requested || (*stored)->cancel_requested;
  bool resumable = status.code() == StatusCode::kCancelled && !job.cancel_requested;
  if (resumable) {
    // Stopped by SIGTERM: back in the queue, its folder kept for the next start.
    job.state = JobState::kQueued;
  } else {
    job.finished_ms = now_ms();
    job.phase.clear();  // no phase runs any more
    job.rows_per_second = 0;
    if (status.is_ok()) {
      job.state = JobState::kSucceeded;
      job.percent = 100;
      job.eta_seconds = 0;
      job.result_path = dir_.result_file(job.id);
      job.report_path = dir_.report_file(job.id);
      auto info = stat_path(job.result_path);
      job.bytes_out = info.is_ok() ? info->size : 0;
      job.rows_in = summary.inputs.empty() ? 0 : summary.inputs[0].rows;
      // (timings_json holds every phase already: JobProgress::end records each as it finishes)
      (void)store_.set_phase_attempts(job.id, summary.phase_attempts);
    } else {
      job.state = status.code() == StatusCode::kCancelled ? JobState::kCancelled : JobState::kFailed;
      if (job.state == JobState::kFailed) {
        job.error = status.message();
        job.error_reason = failure_reason(status.code());
      }
      (void)remove_all(dir_.results(job.id));
    }
    (void)remove_all(job.work_dir);  // the job folder is not needed once the job is final
  }
  Status saved = store_.update(job);
  if (!saved.is_ok()) std::fprintf(stderr, "crmerge serve: job %s: %s\n", job.id.c_str(), saved.message().c_str());
  notify_change();
  if (!resumable && on_final_) on_final_(job);
}

}  // namespace crmerge::jobs
