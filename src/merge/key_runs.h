// The job's keys as sorted runs of fixed-size records in files of the job
// folder, merged into one stream sorted by key for the match
// (merge/key_groups.h). The keys phase writes them as it derives the keys,
// each worker sorting what it holds when its buffer is full; nothing of them
// goes through DuckDB. (Stored in a table, sorted by DuckDB and read back into
// C++, the keys cost ~1.5 s of appends in the keys phase and ~3 s of the
// match at 1M CRM rows.)
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/files.h"
#include "base/status.h"

namespace crmerge::merge {

// One key of one row. 32 bytes; in the stream's order: by key (h1, h2, kind),
// then src (the CRM's first), person, row.
struct KeyRecord {
  uint64_t h1 = 0, h2 = 0;
  uint64_t person = 0;  // a hash of the row's names; 0: none
  uint64_t bits = 0;    // kind (4 bits), src (19 bits), row (40 bits), role mailbox (1 bit), from the top

  static constexpr int kSrcBits = 19;
  static constexpr int kRowBits = 40;
  static constexpr uint64_t kMaxSrc = (uint64_t{1} << kSrcBits) - 1;
  static constexpr uint64_t kMaxRow = (uint64_t{1} << kRowBits) - 1;

  static KeyRecord make(uint64_t h1, uint64_t h2, int32_t kind, int32_t src, uint64_t row, uint64_t person,
                        bool role_mailbox);
  int32_t kind() const { return static_cast<int32_t>(bits >> 60); }
  int32_t src() const { return static_cast<int32_t>((bits >> 41) & kMaxSrc); }
  uint64_t row() const { return (bits >> 1) & kMaxRow; }
  bool role_mailbox() const { return bits & 1; }
};
static_assert(sizeof(KeyRecord) == 32);

// (h1, h2, kind, src) then person, then row: `bits` holds kind and src above
// the row, so that comparing it after the person would misplace rows; hence
// the explicit order.
bool key_record_less(const KeyRecord& a, const KeyRecord& b);

// Collects records and writes them to `dir` as sorted runs named
// "<name>-<n>.run", each at most `buffer_records` long.
class RunWriter {
 public:
  RunWriter(std::string dir, std::string name, size_t buffer_records);
  Status add(const KeyRecord& r) {
    buffer_.push_back(r);
    return buffer_.size() >= capacity_ ? flush() : Status::ok();
  }
  Status close();  // the last run; then the writer is empty

 private:
  Status flush();
  std::string dir_, name_;
  size_t capacity_;
  std::vector<KeyRecord> buffer_;
  int runs_ = 0;
};

// Removes the runs in `dir` whose names start with `prefix` (all with "").
Status remove_runs(const std::string& dir, const std::string& prefix = "");

// Every run in the folders given, merged into one sorted stream, reading each
// run through a buffer: together about `buffer_bytes` (each between 64 and
// 8192 records).
class RunMerger {
 public:
  static Result<RunMerger> open(const std::vector<std::string>& dirs, size_t buffer_bytes = 32 << 20);
  RunMerger(RunMerger&&) noexcept;
  RunMerger& operator=(RunMerger&&) noexcept;
  ~RunMerger();
  // The next record in order; false at the end.
  Result<bool> next(KeyRecord& out);
  uint64_t records() const;  // in all runs

 private:
  struct State;
  explicit RunMerger(std::unique_ptr<State> s);
  std::unique_ptr<State> s_;
};

}  // namespace crmerge::merge
