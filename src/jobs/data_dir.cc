#include "jobs/data_dir.h"

#include <random>

#include "base/files.h"

namespace crmerge::jobs {

Status DataDir::create() const {
  for (const std::string& d : {root_, uploads_root(), work_root(), results_root()})
    CRM_RETURN_IF_ERROR(make_directories(d).with_context("the data folder"));
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
