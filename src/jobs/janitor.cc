#include "jobs/janitor.h"

#include <dirent.h>

#include <cstdint>
#include <set>
#include <vector>

#include "base/files.h"

namespace crmerge::jobs {

namespace {

std::vector<std::string> entries(const std::string& folder) {
  std::vector<std::string> names;
  DIR* d = opendir(folder.c_str());
  if (!d) return names;
  while (dirent* e = readdir(d)) {
    std::string n = e->d_name;
    if (n != "." && n != "..") names.push_back(n);
  }
  closedir(d);
  return names;
}

}  // namespace

Result<SweepCounts> sweep(JobStore& store, const DataDir& dir, const Retention& retention, int64_t now_ms,
                          const std::function<bool(const std::string&)>& in_use) {
  SweepCounts counts;
  CRM_ASSIGN_OR_RETURN(auto expired_inputs, store.finished_before(now_ms - retention.inputs_ms));
  for (JobRecord& job : expired_inputs) {
    if (job.upload_dir.empty()) continue;
    CRM_RETURN_IF_ERROR(remove_all(job.upload_dir));
    job.upload_dir.clear();
    CRM_RETURN_IF_ERROR(store.update(job));
    ++counts.inputs_removed;
  }
  CRM_ASSIGN_OR_RETURN(auto expired_results, store.finished_before(now_ms - retention.results_ms));
  for (JobRecord& job : expired_results) {
    if (job.result_path.empty() && job.report_path.empty()) continue;
    CRM_RETURN_IF_ERROR(remove_all(dir.results(job.id)));
    job.result_path.clear();
    job.report_path.clear();
    CRM_RETURN_IF_ERROR(store.update(job));
    ++counts.results_removed;
  }
  // Folders of no job. A job's own folders are kept whatever its state: the
  // retention above decides about those.
  for (const std::string& root : {dir.uploads_root(), dir.work_root(), dir.results_root()}) {
    for (const std::string& name : entries(root)) {
      if (root == dir.uploads_root() && in_use(name)) continue;
      if (is_job_id(name)) {
        CRM_ASSIGN_OR_RETURN(auto job, store.get(name));
        if (job) {
          // A final job keeps only what retention has not removed yet.
          bool stale = (root == dir.work_root() && is_final(job->state)) ||
                       (root == dir.uploads_root() && job->upload_dir.empty() && is_final(job->state)) ||
                       (root == dir.results_root() && is_final(job->state) && job->result_path.empty());
          if (!stale) continue;
        }
      }
      CRM_RETURN_IF_ERROR(remove_all(root + "/" + name));
      ++counts.orphans_removed;
    }
  }
  return counts;
}

int64_t parse_duration_ms(const std::string& text) {
  if (text.size() < 2) return -1;
  int64_t unit;
  switch (text.back()) {
    case 's': unit = 1000; break;
    case 'm': unit = 60 * 1000; break;
    case 'h': unit = 3600 * 1000; break;
    case 'd': unit = 24LL * 3600 * 1000; break;
    default: return -1;
  }
  int64_t n = 0;
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9' || n > (1LL << 40)) return -1;
    n = n * 10 + (text[i] - '0');
  }
  if (n > INT64_MAX / unit) return -1;
  return n * unit;
}

}  // namespace crmerge::jobs
