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
#include <cstring>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "base/direct_reader.h"
#include "base/files.h"
#include "base/status.h"

namespace crmerge::merge {

namespace runs_detail {
// The runs in `dir`, sorted by name.
Result<std::vector<std::string>> list_runs(const std::string& dir);
// Writes `bytes` as the run file `path` (through a temporary name; not synced:
// a run that must outlive its phase is synced with the others of its folder,
// sync_files_in() in base/files.h). Runs are written and read around the page
// cache where the file system allows (WriteMode::kDirect, base/direct_reader.h).
Status write_run(const std::string& path, const void* bytes, size_t size);
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
    // (A lambda, not the function's address: std::sort then inlines the comparison.)
    std::sort(buffer_.begin(), buffer_.end(), [](const Record& a, const Record& b) { return Record::less(a, b); });
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
    return open(dir, buffer_bytes, nullptr, nullptr);
  }
  // Only the records r of every run with `*from` <= r < `*to` under `less`
  // (a null bound: no bound), each run's found by a binary search: one part
  // of the merge, when workers merge the parts of a pass apart (merge/match.cc).
  static Result<RunMerger> open(const std::string& dir, size_t buffer_bytes, const Record* from, const Record* to) {
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
      const uint64_t n = r.file.size() / sizeof(Record);
      uint64_t first = 0, end = n;
      if (from) {
        CRM_ASSIGN_OR_RETURN(first, lower_bound(r.file, n, *from));
      }
      if (to) {
        CRM_ASSIGN_OR_RETURN(end, lower_bound(r.file, n, *to));
      }
      end = std::max(first, end);
      CRM_ASSIGN_OR_RETURN(r.reader, DirectReader::open(p, s->buffer_records * sizeof(Record)));
      r.next_byte = first * sizeof(Record);
      r.first_byte = r.next_byte;
      r.end_byte = end * sizeof(Record);
      r.left = end - first;
      s->records += r.left;
      s->runs.push_back(std::move(r));
    }
    for (size_t i = 0; i < s->runs.size(); ++i) {
      CRM_ASSIGN_OR_RETURN(bool any, s->fill(i));
      s->runs[i].done = !any;
    }
    s->build();
    return RunMerger(std::move(s));
  }

  // The next record in order; false at the end.
  Result<bool> next(Record& out) {
    State& s = *s_;
    if (s.runs.empty()) return false;
    const size_t w = s.winner;
    Run& r = s.runs[w];
    if (r.done) return false;  // the winner is done: so is every run
    out = r.head;
    ++r.pos;
    CRM_ASSIGN_OR_RETURN(bool more, s.fill(w));
    r.done = !more;
    s.replay(w);
    return true;
  }
  uint64_t records() const { return s_->records; }  // in all runs
  size_t runs() const { return s_->runs.size(); }

 private:
  struct Run {
    InputFile file;        // for the binary searches of the bounds
    DirectReader reader;   // for the records
    std::string_view buffer;  // records read, as bytes in `reader`
    size_t pos = 0, count = 0;  // the next record in `buffer`, and how many it holds
    Record head{};         // the record at `pos`, copied out
    uint64_t left = 0;     // records of its part not yet read from the file
    uint64_t next_byte = 0;  // where the next read starts
    uint64_t first_byte = 0, end_byte = 0;  // its part of the file
    bool done = false;  // every record given out
  };
  struct State {
    std::vector<Run> runs;
    uint64_t records = 0;
    size_t buffer_records = 0;
    // A tree of losers (a tournament): leaf i is run i, padded to a power of
    // two; each inner node holds the run that lost the match played there, and
    // `winner` the run whose current record is smallest. A record out costs one
    // comparison per level (a binary heap's pop and push cost about two).
    // Records equal under `less` come out in no particular order, as they would
    // from any merge of runs cut by threads.
    std::vector<size_t> losers;  // by node, 1..leaves-1
    size_t leaves = 1;
    size_t winner = 0;

    // Whether run a's current record goes before run b's (a done run: after all).
    bool before(size_t a, size_t b) const {
      if (a >= runs.size() || runs[a].done) return false;
      if (b >= runs.size() || runs[b].done) return true;
      return Record::less(runs[a].head, runs[b].head);
    }
    // Plays the matches under `node`; returns their winner.
    size_t play(size_t node) {
      if (node >= leaves) return node - leaves;  // (a padding leaf: never before a run)
      size_t a = play(2 * node), b = play(2 * node + 1);
      if (before(b, a)) std::swap(a, b);
      losers[node] = b;
      return a;
    }
    void build() {
      while (leaves < runs.size()) leaves *= 2;
      losers.assign(leaves, 0);
      winner = play(1);
      if (winner >= runs.size()) winner = 0;  // (no runs at all)
    }
    // Run w's record changed: its matches are played again, from its leaf up.
    void replay(size_t w) {
      for (size_t node = (w + leaves) / 2; node >= 1; node /= 2)
        if (before(losers[node], w)) std::swap(losers[node], w);
      winner = w;
    }

    // Moves run i to its next record, reading more when its buffer is used
    // up; false when the run is done.
    Result<bool> fill(size_t i) {
      Run& r = runs[i];
      if (r.pos >= r.count) {
        if (r.left == 0) return false;
        const size_t n = static_cast<size_t>(std::min<uint64_t>(r.left, buffer_records));
        CRM_ASSIGN_OR_RETURN(r.buffer, r.reader.read(r.next_byte, n * sizeof(Record)));
        r.next_byte += n * sizeof(Record);
        r.left -= n;
        r.pos = 0;
        r.count = n;
        // Its part read whole: those pages leave the page cache (when they
        // went through it), where the inputs the export reads again by row are
        // worth more. (Another part's pages stay for the merger reading them.)
        if (r.left == 0 && !r.reader.direct()) r.file.drop_cached(r.first_byte, r.end_byte - r.first_byte);
      }
      std::memcpy(&r.head, r.buffer.data() + r.pos * sizeof(Record), sizeof(Record));
      return true;
    }
  };
  // The first of a run's `n` records that `key` does not follow.
  static Result<uint64_t> lower_bound(const InputFile& file, uint64_t n, const Record& key) {
    uint64_t lo = 0, hi = n;
    while (lo < hi) {
      const uint64_t mid = lo + (hi - lo) / 2;
      Record r;
      CRM_RETURN_IF_ERROR(file.read_at(mid * sizeof(Record), reinterpret_cast<char*>(&r), sizeof(Record)));
      if (Record::less(r, key)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  explicit RunMerger(std::unique_ptr<State> s) : s_(std::move(s)) {}
  std::unique_ptr<State> s_;
};

}  // namespace crmerge::merge
