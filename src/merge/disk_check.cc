#include "merge/disk_check.h"

#include <sys/stat.h>
#include <sys/statvfs.h>

#include <algorithm>

#include "base/strings.h"

namespace crmerge::merge {

// See the header for the measurements; both with some room.
DiskNeed estimate_disk_need(uint64_t input_bytes, uint64_t crm_bytes) {
  return {input_bytes, crm_bytes / 2 * 3, input_bytes / 100 * 35};
}

std::optional<DiskSpace> disk_space(const std::string& dir) {
  struct statvfs vfs {};
  struct stat st {};
  if (::statvfs(dir.c_str(), &vfs) != 0 || ::stat(dir.c_str(), &st) != 0) return std::nullopt;
  return DiskSpace{static_cast<uint64_t>(vfs.f_bavail) * vfs.f_frsize, static_cast<uint64_t>(st.st_dev)};
}

std::string disk_warning(const DiskNeed& need, const std::string& work_dir, const DiskSpace& work,
                         const std::string& out_dir, const DiskSpace& out) {
  auto say = [](const std::string& dir, uint64_t free, uint64_t needed, const std::string& what) {
    return dir + " has " + format_bytes(free) + " free; " + what + " may need about " + format_bytes(needed);
  };
  if (work.device == out.device) {
    // The folder's peak and the output do not coincide (see the header).
    uint64_t total = std::max(need.job_folder, need.database + need.output);
    if (total <= work.free) return "";
    return say(work_dir, work.free, total, "the job folder and the output") +
           ". Put the job folder (--work-dir) or the output (--out) on a disk with more room";
  }
  std::string w;
  if (need.job_folder > work.free)
    w = say(work_dir, work.free, need.job_folder, "the job folder") + ": pass --work-dir on a disk with more room";
  if (need.output > out.free)
    w += (w.empty() ? "" : "; ") + say(out_dir, out.free, need.output, "the output");
  return w;
}

}  // namespace crmerge::merge
