// What a submitted job asks for: its inputs and its options, as the HTTP API
// takes them (JSON) and as the job store keeps them (spec_json). Parsing
// validates every field and names the one that is wrong; only open_path_inputs
// and check_mapping touch the file system.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/beneath.h"
#include "base/status.h"
#include "merge/options.h"

namespace crmerge::jobs {

struct JobOptions {
  merge::MergeMode mode = merge::MergeMode::kFill;
  merge::Policy policy = merge::Policy::kPriority;
  std::string region = "US";
  std::string mapping_json;  // "" or a JSON object, as `crmerge merge --map` reads it
  bool gmail_canonical = false;
  bool provenance = false;
  bool meta = true;
  bool bom = false;
  char delimiter = 0;  // 0: the CRM's
  merge::SafeCsv safe_csv = merge::SafeCsv::kOff;  // "safe_csv": false, true (= "new"), "new" or "all"
  merge::OnMalformed on_malformed = merge::OnMalformed::kFail;
  std::vector<std::string> labels;  // vendor labels in priority order; empty: from file names
  std::string webhook_url;          // "" or http(s)://...
};

// The Options object of the API (docs/http-api.md). "" or "{}" gives the
// defaults; an unknown field or a wrong value is an invalid_input naming it.
Result<JobOptions> parse_job_options(std::string_view json_text);
std::string job_options_json(const JobOptions& options);

// The options of a merge given on a command line (`crmerge jobs submit`): the
// mapping file is read into mapping_json, the vendors' labels into labels.
Result<JobOptions> job_options_from(const merge::MergeOptions& options);

struct JobInput {
  std::string label;  // vendors only
  std::string name;   // the file's name as the user knows it (upload file name or path's last part)
  std::string path;   // where the job reads it
  uint64_t bytes = 0;
  // A path input (JSON submit): the allowed root it was named beneath, and the
  // file submit opened, which each start of the job must open again
  // (open_path_inputs). "" for an upload, which lives in the server's folder.
  std::string root;
  FileIdentity identity;
};

struct JobSpec {
  JobInput crm;
  std::vector<JobInput> enrich;  // priority order
  JobOptions options;
};

std::string job_spec_json(const JobSpec& spec);
Result<JobSpec> parse_job_spec(std::string_view json_text);

// Gives each vendor its label: options.labels in order when given, else the
// file name without its extension (made a valid label). Labels must be valid
// and distinct: an invalid_input otherwise.
Status assign_labels(JobSpec& spec);
// Every input options.mapping names is "crm" or a vendor's label (after
// assign_labels), and every column it names is in that input's header (read
// from the file as the job will read it).
Status check_mapping(const JobSpec& spec);

// Opens every path input of `spec` again, beneath the root it was named under
// with no symlink followed, checks it is the file submit recorded (device,
// inode, size, modification time), and points the input's path at the open
// descriptor, which the job then reads. The descriptors are held in `held`
// for as long as the job runs. An input that moved, changed or was replaced
// fails with invalid_input naming it as the user knows it.
Status open_path_inputs(JobSpec& spec, std::vector<OpenedFile>& held);

// The merge a worker runs for `spec`. `mapping_path` is where the caller wrote
// options.mapping_json ("" when there is none).
merge::MergeOptions merge_options_for(const JobSpec& spec, const std::string& work_dir, const std::string& out_path,
                                      const std::string& report_path, const std::string& mapping_path,
                                      const std::string& memory_limit, int threads);

}  // namespace crmerge::jobs
