// An external sort of fixed-size records: a writer that sorts what it holds
// when its buffer is full and writes it as a run (a file of the folder it is
// given), and a merger that reads every run of a folder back as one sorted
// stream. Memory: the writer's buffer, and a read buffer per run. The match's
// keys (merge/key_runs.h) and the pairs they link (merge/pairs.h) go through
// it instead of DuckDB tables.
//
// Record: trivially copyable, with `static bool less(const Record&, const Record&)`.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <queue>
#include <string>
#include <type_traits>
#include <vector>

#include "base/files.h"
#include "base/status.h"

namespace crmerge::merge {

namespace runs_detail {
// The runs in `dir`, sorted by name.
Result<std::vector<std::string>> list_runs(const std::string& dir);
// Writes `bytes` as the run file `path` (through a temporary name, synced).
Status write_run(const std::string& path, const void* bytes, size_t size);
// Reads exactly `size` bytes from `file` at its position.
Status read_run(InputFile& file, void* bytes, size_t size);
std::string run_path(const std::string& dir, const std::string& name, int n);
}  // namespace runs_detail

template <class Record>
class RunWriter {
  static_assert(std::is_trivially_copyable_v<Record>);

 public:
  // Runs "<dir>/<name>-<n>.run", each at most `buffer_records` long.
  RunWriter(std::string dir, std::string name, size_t buffer_records)
      : dir_(std::move(dir)), name_(std::move(name)), capacity_(std::max<size_t>(1, buffer_records)) {}
  Status add(const Record& r) {
    if (buffer_.empty()) buffer_.reserve(capacity_);
    buffer_.push_back(r);
    return buffer_.size() >= capacity_ ? flush() : Status::ok();
  }
  Status close() {  // the last run; then the writer holds nothing
    Status s = flush();
    buffer_ = std::vector<Record>();
    return s;
  }

 private:
  Status flush() {
    if (buffer_.empty()) return Status::ok();
    std::sort(buffer_.begin(), buffer_.end(), Record::less);
    CRM_RETURN_IF_ERROR(runs_detail::write_run(runs_detail::run_path(dir_, name_, runs_++), buffer_.data(),
                                               buffer_.size() * sizeof(Record)));
    buffer_.clear();
    return Status::ok();
  }
  std::string dir_, name_;
  size_t capacity_;
  std::vector<Record> buffer_;
  int runs_ = 0;
};

template <class Record>
class RunMerger {
 public:
  // Every run in `dir`, merged, each read through a buffer: together about
  // `buffer_bytes` (each between 64 and 8192 records).
  static Result<RunMerger> open(const std::string& dir, size_t buffer_bytes = 32 << 20) {
    auto s = std::make_unique<State>();
    CRM_ASSIGN_OR_RETURN(std::vector<std::string> paths, runs_detail::list_runs(dir));
    s->buffer_records =
        std::clamp<size_t>(buffer_bytes / sizeof(Record) / std::max<size_t>(1, paths.size()), 64, 8192);
    s->runs.reserve(paths.size());
    for (const auto& p : paths) {
      Run r;
      CRM_ASSIGN_OR_RETURN(r.file, InputFile::open(p));
      if (r.file.size() % sizeof(Record) != 0)
        return Status::io_error(p + ": not a run of this job (its size is not a multiple of a record's)");
      r.left = r.file.size() / sizeof(Record);
      s->records += r.left;
      s->runs.push_back(std::move(r));
    }
    for (size_t i = 0; i < s->runs.size(); ++i) {
      CRM_ASSIGN_OR_RETURN(bool any, s->fill(i));
      if (any) s->heap.push(i);
    }
    return RunMerger(std::move(s));
  }

  // The next record in order; false at the end.
  Result<bool> next(Record& out) {
    State& s = *s_;
    if (s.heap.empty()) return false;
    const size_t i = s.heap.top();
    s.heap.pop();
    Run& r = s.runs[i];
    out = r.buffer[r.pos++];
    CRM_ASSIGN_OR_RETURN(bool more, s.fill(i));
    if (more) s.heap.push(i);
    return true;
  }
  uint64_t records() const { return s_->records; }  // in all runs
  size_t runs() const { return s_->runs.size(); }

 private:
  struct Run {
    InputFile file;
    std::vector<Record> buffer;
    size_t pos = 0;
    uint64_t left = 0;  // records not yet read from the file
  };
  struct State {
    std::vector<Run> runs;
    uint64_t records = 0;
    size_t buffer_records = 0;
    struct Greater {  // the heap's top: the run whose current record is smallest
      const std::vector<Run>* runs;
      bool operator()(size_t a, size_t b) const {
        return Record::less((*runs)[b].buffer[(*runs)[b].pos], (*runs)[a].buffer[(*runs)[a].pos]);
      }
    };
    std::priority_queue<size_t, std::vector<size_t>, Greater> heap{Greater{&runs}};

    // Refills run i's buffer when it is used up; false when the run is done.
    Result<bool> fill(size_t i) {
      Run& r = runs[i];
      if (r.pos < r.buffer.size()) return true;
      if (r.left == 0) return false;
      const size_t n = static_cast<size_t>(std::min<uint64_t>(r.left, buffer_records));
      r.buffer.resize(n);
      CRM_RETURN_IF_ERROR(runs_detail::read_run(r.file, r.buffer.data(), n * sizeof(Record)));
      r.left -= n;
      r.pos = 0;
      // Read whole: its pages leave the page cache, where the inputs the
      // export reads again by row are worth more (10M CRM rows: ~5 GB of runs).
      if (r.left == 0) r.file.drop_cached();
      return true;
    }
  };
  explicit RunMerger(std::unique_ptr<State> s) : s_(std::move(s)) {}
  std::unique_ptr<State> s_;  // (the heap points into it: it does not move)
};

}  // namespace crmerge::merge
