#include "jobs/data_dir.h"

#include <sys/stat.h>

#include <random>

#include "base/files.h"

namespace crmerge::jobs {

Status DataDir::create() const {
  for (const std::string& d : {root_, uploads_root(), work_root(), results_root()}) {
    CRM_RETURN_IF_ERROR(make_directories(d).with_context("the data folder"));
    // Made before this process set its umask, or by another tool: the folders
    // hold personal data, for this user alone.
    if (::chmod(d.c_str(), 0700) != 0) return Status::io_error("cannot make " + d + " private (chmod 0700)");
  }
  for (const std::string& f : {store_path(), store_path() + "-wal", store_path() + "-shm"})
    if (path_exists(f) && ::chmod(f.c_str(), 0600) != 0)
      return Status::io_error("cannot make " + f + " private (chmod 0600)");
  return Status::ok();
}

std::string new_job_id() {
  static thread_local std::random_device device;  // getrandom(2) on Linux
  static const char* digits = "0123456789abcdef";
  std::string id;
  for (int i = 0; i < 4; ++i) {
    uint32_t r = device();
    for (int k = 0; k < 8; ++k, r >>= 4) id += digits[r & 15];
  }
  return id;
}

bool is_job_id(const std::string& s) {
  if (s.size() != 32) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace crmerge::jobs
