#include "merge/job_folder.h"

#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <string>
#include <vector>

#include "base/fault.h"
#include "base/files.h"
#include "base/hash.h"
#include "duck/prepared.h"
#include "merge/checkpoint.h"
#include "merge/sql_files.h"

namespace crmerge::merge {

namespace fs = std::filesystem;

namespace {

constexpr const char* kMarker = "CRMERGE_JOB";
constexpr const char* kMarkerText = "This folder is a crmerge job folder; crmerge deletes it when the job ends.\n";

// The job folder holds personal data (keys, names, spill): for this user
// alone, whatever the umask.
Status make_private(const std::string& dir) {
  if (::chmod(dir.c_str(), 0700) != 0) return Status::io_error("cannot make the job folder " + dir + " private");
  return Status::ok();
}

Status write_marker(const std::string& dir) { return write_file_atomically(dir + "/" + kMarker, kMarkerText); }

struct Recorded {
  std::string path;
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  std::string hash;  // empty until imported
};

Result<std::vector<Recorded>> recorded_inputs(Job& job) {
  std::vector<Recorded> out;
  CRM_ASSIGN_OR_RETURN(auto q, job.conn().query(
                                   "SELECT path, size, mtime_ns, coalesce(content_hash, '') FROM job_inputs ORDER BY src"));
  duck::DataChunk chunk;
  for (;;) {
    CRM_ASSIGN_OR_RETURN(bool more, q.next(chunk));
    if (!more) break;
    for (size_t r = 0; r < chunk.size(); ++r)
      out.push_back({std::string(chunk.varchar(0, r)), chunk.uint64(1, r), chunk.int64(2, r),
                     std::string(chunk.varchar(3, r))});
  }
  return out;
}

Result<std::string> recorded_fingerprint(Job& job) {
  CRM_ASSIGN_OR_RETURN(auto q, job.conn().query("SELECT value FROM job_meta WHERE key = 'fingerprint'"));
  duck::DataChunk chunk;
  CRM_ASSIGN_OR_RETURN(bool any, q.next(chunk));
  return any && chunk.size() > 0 ? std::string(chunk.varchar(0, 0)) : std::string();
}

Status record_job(Job& job) {
  CRM_ASSIGN_OR_RETURN(auto meta, job.conn().prepare("INSERT INTO job_meta VALUES ('fingerprint', $1)"));
  CRM_RETURN_IF_ERROR(meta.bind(1, options_fingerprint(job.options())));
  CRM_RETURN_IF_ERROR(meta.run());
  for (const auto& in : job.inputs()) {
    CRM_ASSIGN_OR_RETURN(auto info, stat_path(in.path));
    CRM_ASSIGN_OR_RETURN(auto ins, job.conn().prepare("INSERT INTO job_inputs VALUES ($1, $2, $3, $4, $5, NULL)"));
    CRM_RETURN_IF_ERROR(ins.bind(1, in.src));
    CRM_RETURN_IF_ERROR(ins.bind(2, in.label));
    CRM_RETURN_IF_ERROR(ins.bind(3, stable_path(in.path)));
    CRM_RETURN_IF_ERROR(ins.bind(4, info.size));
    CRM_RETURN_IF_ERROR(ins.bind(5, info.mtime_ns));
    CRM_RETURN_IF_ERROR(ins.run());
  }
  return Status::ok();
}

// Why the recorded job cannot be resumed, or "" when it can.
Result<std::string> mismatch(Job& job) {
  CRM_ASSIGN_OR_RETURN(std::string fp, recorded_fingerprint(job));
  if (fp != options_fingerprint(job.options())) return std::string("the inputs or options are not the same");
  CRM_ASSIGN_OR_RETURN(auto recorded, recorded_inputs(job));
  if (recorded.size() != job.inputs().size()) return std::string("the inputs are not the same");
  for (size_t i = 0; i < recorded.size(); ++i) {
    const auto& in = job.inputs()[i];
    CRM_ASSIGN_OR_RETURN(auto info, stat_path(in.path));
    if (recorded[i].path != stable_path(in.path) || recorded[i].size != info.size || recorded[i].mtime_ns != info.mtime_ns)
      return in.display + " changed";
    if (!recorded[i].hash.empty()) {
      CRM_ASSIGN_OR_RETURN(std::string now, hash_file(in.path, &job.cancel()));
      if (now != recorded[i].hash) return in.display + " changed";
    }
  }
  return std::string();
}

Status empty_folder(const JobFolder& folder) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder.dir, ec)) {
    if (entry.path().filename() == kMarker) continue;
    CRM_RETURN_IF_ERROR(remove_all(entry.path().string()));
  }
  if (ec) return Status::io_error("cannot list " + folder.dir + ": " + ec.message());
  return Status::ok();
}

// True when `dir` holds nothing but what a crmerge killed while it wrote the
// marker leaves: the marker's temporary files (write_file_atomically's). They
// are removed: the folder is then empty, as that crmerge found it.
Result<bool> only_marker_leftovers(const std::string& dir) {
  std::error_code ec;
  std::vector<fs::path> leftovers;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (!AtomicOutputFile::is_temporary_name(entry.path().filename().string(), kMarker)) return false;
    leftovers.push_back(entry.path());
  }
  if (ec) return Status::io_error("cannot list " + dir + ": " + ec.message());
  for (const auto& p : leftovers) CRM_RETURN_IF_ERROR(remove_all(p.string()));
  return true;
}

// Takes the folder's lock for this process, or says who holds it.
Status lock_folder(JobFolder& f) {
  auto lock = FolderLock::try_lock(f.dir);
  if (!lock.is_ok()) {
    if (lock.status().code() == StatusCode::kInvalidInput)
      return Status::invalid_input("the job folder " + f.dir + " is in use by another crmerge process");
    return lock.status();
  }
  f.lock = std::make_shared<const FolderLock>(std::move(lock).value());
  return Status::ok();
}

}  // namespace

Result<JobFolder> open_job_folder(const std::string& requested) {
  JobFolder f;
  if (requested.empty()) {
    const char* tmp = getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/crmerge-job-XXXXXX";
    if (!mkdtemp(pattern.data())) return Status::io_error("cannot create a job folder under " + parent_dir(pattern));
    f.dir = pattern;
    f.created_by_us = true;
    CRM_RETURN_IF_ERROR(lock_folder(f));
    CRM_RETURN_IF_ERROR(write_marker(f.dir));
    return f;
  }
  f.dir = absolute_path(requested);
  auto info = stat_path(f.dir);
  if (!info.is_ok()) {
    CRM_RETURN_IF_ERROR(make_directories(f.dir));
    CRM_RETURN_IF_ERROR(make_private(f.dir));
    CRM_RETURN_IF_ERROR(lock_folder(f));
    CRM_RETURN_IF_ERROR(write_marker(f.dir));
    return f;
  }
  if (!info->is_directory) return Status::invalid_input("--work-dir " + requested + " is not a folder");
  // Locked before anything in it is read or changed: another crmerge may be
  // working there (it would find its folder emptied or deleted).
  CRM_RETURN_IF_ERROR(lock_folder(f));
  CRM_RETURN_IF_ERROR(make_private(f.dir));
  if (path_exists(f.dir + "/" + kMarker)) return f;
  CRM_ASSIGN_OR_RETURN(bool empty, only_marker_leftovers(f.dir));  // (empty, or a marker half-written)
  if (!empty)
    return Status::invalid_input("--work-dir " + requested +
                                 " is not empty and is not a crmerge job folder; crmerge deletes its job folder when "
                                 "the job ends, so it only uses an empty or new folder");
  CRM_RETURN_IF_ERROR(write_marker(f.dir));
  return f;
}

Status remove_job_folder(const JobFolder& folder) {
  if (!path_exists(folder.dir + "/" + kMarker)) return Status::internal("refusing to delete " + folder.dir);
  // The marker goes last: a process killed while it deletes leaves a folder it
  // can take again (only the marker), never one it refuses as foreign.
  CRM_RETURN_IF_ERROR(empty_folder(folder));
  static const CancelToken never;
  fault_point("cleanup", "start", never);
  return remove_all(folder.dir);
}

Status check_job_folder(const JobFolder& folder) {
  if (path_exists(folder.dir + "/" + kMarker)) return Status::ok();
  return Status::io_error("the job folder " + folder.dir + " was deleted while the job ran");
}

Result<bool> reconcile_checkpoint(Job& job) {
  CRM_RETURN_IF_ERROR(job.sql(sql::schema));
  CRM_ASSIGN_OR_RETURN(std::string fp, recorded_fingerprint(job));
  if (!fp.empty()) {
    CRM_ASSIGN_OR_RETURN(std::string why, mismatch(job));
    if (why.empty()) return true;
    job.progress().note("the job folder holds an earlier job (" + why + "): starting over");
    job.close_database();
    CRM_RETURN_IF_ERROR(empty_folder(job.folder()));
    CRM_RETURN_IF_ERROR(job.open_database());
    CRM_RETURN_IF_ERROR(job.sql(sql::schema));
  }
  CRM_RETURN_IF_ERROR(record_job(job));
  return false;
}

}  // namespace crmerge::merge
