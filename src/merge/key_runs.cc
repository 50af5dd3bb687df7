#include "merge/key_runs.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <queue>

namespace crmerge::merge {

namespace {

constexpr const char* kRunSuffix = ".run";

bool is_run(const std::filesystem::path& p, const std::string& prefix) {
  const std::string name = p.filename().string();
  return name.size() > std::strlen(kRunSuffix) && name.ends_with(kRunSuffix) && name.starts_with(prefix);
}

Result<std::vector<std::string>> list_runs(const std::string& dir, const std::string& prefix) {
  std::vector<std::string> runs;
  if (!path_exists(dir)) return runs;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (is_run(entry.path(), prefix)) runs.push_back(entry.path().string());
  if (ec) return Status::io_error("cannot list " + dir + ": " + ec.message());
  std::sort(runs.begin(), runs.end());
  return runs;
}

}  // namespace

KeyRecord KeyRecord::make(uint64_t h1, uint64_t h2, int32_t kind, int32_t src, uint64_t row, uint64_t person,
                          bool role_mailbox) {
  KeyRecord r;
  r.h1 = h1;
  r.h2 = h2;
  r.person = person;
  r.bits = (static_cast<uint64_t>(kind) << 60) | ((static_cast<uint64_t>(src) & kMaxSrc) << 41) |
           ((row & kMaxRow) << 1) | (role_mailbox ? 1 : 0);
  return r;
}

bool key_record_less(const KeyRecord& a, const KeyRecord& b) {
  if (a.h1 != b.h1) return a.h1 < b.h1;
  if (a.h2 != b.h2) return a.h2 < b.h2;
  const uint64_t ka = a.bits >> 41, kb = b.bits >> 41;  // kind, then src
  if (ka != kb) return ka < kb;
  if (a.person != b.person) return a.person < b.person;
  return a.bits < b.bits;  // the row
}

RunWriter::RunWriter(std::string dir, std::string name, size_t buffer_records)
    : dir_(std::move(dir)), name_(std::move(name)), capacity_(std::max<size_t>(1, buffer_records)) {
  buffer_.reserve(capacity_);
}

Status RunWriter::flush() {
  if (buffer_.empty()) return Status::ok();
  std::sort(buffer_.begin(), buffer_.end(), key_record_less);
  const std::string path = dir_ + "/" + name_ + "-" + std::to_string(runs_++) + kRunSuffix;
  CRM_ASSIGN_OR_RETURN(AtomicOutputFile out, AtomicOutputFile::create(path));
  CRM_RETURN_IF_ERROR(
      out.write(std::string_view(reinterpret_cast<const char*>(buffer_.data()), buffer_.size() * sizeof(KeyRecord))));
  CRM_RETURN_IF_ERROR(out.commit());
  buffer_.clear();
  return Status::ok();
}

Status RunWriter::close() {
  Status s = flush();
  buffer_ = std::vector<KeyRecord>();
  return s;
}

Status remove_runs(const std::string& dir, const std::string& prefix) {
  CRM_ASSIGN_OR_RETURN(std::vector<std::string> runs, list_runs(dir, prefix));
  for (const auto& r : runs) CRM_RETURN_IF_ERROR(remove_all(r));
  return Status::ok();
}

struct RunMerger::State {
  struct Run {
    InputFile file;
    std::vector<KeyRecord> buffer;
    size_t pos = 0;
    uint64_t left = 0;  // records not yet read from the file
  };
  std::vector<Run> runs;
  uint64_t records = 0;
  size_t buffer_records = 0;
  // The runs that have a current record, smallest first.
  struct Greater {
    const std::vector<Run>* runs;
    bool operator()(size_t a, size_t b) const {
      return key_record_less((*runs)[b].buffer[(*runs)[b].pos], (*runs)[a].buffer[(*runs)[a].pos]);
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
    size_t got = 0;
    while (got < n * sizeof(KeyRecord)) {
      CRM_ASSIGN_OR_RETURN(size_t k, r.file.read(reinterpret_cast<char*>(r.buffer.data()) + got, n * sizeof(KeyRecord) - got));
      if (k == 0) return Status::io_error(r.file.path() + ": a run of keys ends early (the job folder changed?)");
      got += k;
    }
    r.left -= n;
    r.pos = 0;
    return true;
  }
};

RunMerger::RunMerger(std::unique_ptr<State> s) : s_(std::move(s)) {}
RunMerger::RunMerger(RunMerger&&) noexcept = default;
RunMerger& RunMerger::operator=(RunMerger&&) noexcept = default;
RunMerger::~RunMerger() = default;

Result<RunMerger> RunMerger::open(const std::vector<std::string>& dirs, size_t buffer_bytes) {
  auto s = std::make_unique<State>();
  std::vector<std::string> paths;
  for (const auto& d : dirs) {
    CRM_ASSIGN_OR_RETURN(std::vector<std::string> runs, list_runs(d, ""));
    paths.insert(paths.end(), runs.begin(), runs.end());
  }
  const size_t per_run = buffer_bytes / sizeof(KeyRecord) / std::max<size_t>(1, paths.size());
  s->buffer_records = std::clamp<size_t>(per_run, 64, 8192);
  s->runs.reserve(paths.size());  // (the heap points into the vector)
  for (const auto& p : paths) {
    State::Run r;
    CRM_ASSIGN_OR_RETURN(r.file, InputFile::open(p));
    if (r.file.size() % sizeof(KeyRecord) != 0)
      return Status::io_error(p + ": not a run of keys (its size is not a multiple of a record's)");
    r.left = r.file.size() / sizeof(KeyRecord);
    s->records += r.left;
    s->runs.push_back(std::move(r));
  }
  for (size_t i = 0; i < s->runs.size(); ++i) {
    CRM_ASSIGN_OR_RETURN(bool any, s->fill(i));
    if (any) s->heap.push(i);
  }
  return RunMerger(std::move(s));
}

Result<bool> RunMerger::next(KeyRecord& out) {
  if (s_->heap.empty()) return false;
  const size_t i = s_->heap.top();
  s_->heap.pop();
  State::Run& r = s_->runs[i];
  out = r.buffer[r.pos++];
  CRM_ASSIGN_OR_RETURN(bool more, s_->fill(i));
  if (more) s_->heap.push(i);
  return true;
}

uint64_t RunMerger::records() const { return s_->records; }

}  // namespace crmerge::merge
