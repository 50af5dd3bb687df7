// The service's data folder and where each job's files live in it:
//   DIR/jobs.sqlite        the job store
//   DIR/uploads/<id>/      uploaded inputs (and the job's mapping file)
//   DIR/work/<id>/         the job folder (DuckDB file, spill): deleted when the result is stored
//   DIR/results/<id>/      result.csv and report.json
#pragma once

#include <string>

#include "base/status.h"

namespace crmerge::jobs {

class DataDir {
 public:
  explicit DataDir(std::string root) : root_(std::move(root)) {}
  // Creates the folders that are missing; makes every folder 0700 and the job
  // store's files 0600, whenever they were made.
  Status create() const;

  const std::string& root() const { return root_; }
  std::string store_path() const { return root_ + "/jobs.sqlite"; }
  std::string uploads_root() const { return root_ + "/uploads"; }
  std::string work_root() const { return root_ + "/work"; }
  std::string results_root() const { return root_ + "/results"; }
  std::string uploads(const std::string& id) const { return uploads_root() + "/" + id; }
  std::string work(const std::string& id) const { return work_root() + "/" + id; }
  std::string results(const std::string& id) const { return results_root() + "/" + id; }
  std::string result_file(const std::string& id) const { return results(id) + "/result.csv"; }
  std::string report_file(const std::string& id) const { return results(id) + "/report.json"; }

 private:
  std::string root_;
};

// A new job id: 32 lowercase hex digits from the system's random source.
std::string new_job_id();
// True for strings new_job_id could have made (guards paths built from ids).
bool is_job_id(const std::string& s);

}  // namespace crmerge::jobs
