#include "jobs/job_spec.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "base/files.h"
#include "base/strings.h"
#include "normalize/phone.h"
#include "merge/inspect.h"
#include "schema/mapping.h"

namespace crmerge::jobs {

namespace {

using json = nlohmann::json;

Result<json> parse_object(std::string_view text, const char* what) {
  if (text.empty()) return json::object();
  json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::invalid_input(std::string(what) + " is not valid JSON");
  if (!j.is_object()) return Status::invalid_input(std::string(what) + " must be a JSON object");
  return j;
}

Status expect(bool ok, const std::string& field, const char* type) {
  return ok ? Status::ok() : Status::invalid_input("options." + field + " must be " + type);
}

}  // namespace

Result<JobOptions> parse_job_options(std::string_view json_text) {
  CRM_ASSIGN_OR_RETURN(json j, parse_object(json_text, "options"));
  JobOptions o;
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& k = it.key();
    const json& v = it.value();
    if (k == "mode") {
      CRM_RETURN_IF_ERROR(expect(v.is_string(), k, "\"fill\", \"overwrite\" or \"append\""));
      std::string s = v.get<std::string>();
      if (s == "fill") o.mode = merge::MergeMode::kFill;
      else if (s == "overwrite") o.mode = merge::MergeMode::kOverwrite;
      else if (s == "append") o.mode = merge::MergeMode::kAppend;
      else return Status::invalid_input("options.mode must be \"fill\", \"overwrite\" or \"append\", not \"" + s + "\"");
    } else if (k == "policy") {
      CRM_RETURN_IF_ERROR(expect(v.is_string(), k, "\"priority\", \"most-common\" or \"newest\""));
      std::string s = v.get<std::string>();
      if (s == "priority") o.policy = merge::Policy::kPriority;
      else if (s == "most-common") o.policy = merge::Policy::kMostCommon;
      else if (s == "newest") o.policy = merge::Policy::kNewest;
      else
        return Status::invalid_input("options.policy must be \"priority\", \"most-common\" or \"newest\", not \"" + s +
                                     "\"");
    } else if (k == "region") {
      CRM_RETURN_IF_ERROR(expect(v.is_string() && normalize::is_known_region(v.get<std::string>()), k,
                                 "a known two-letter region in capitals (US, GB, DE ...)"));
      o.region = v.get<std::string>();
    } else if (k == "mapping") {
      CRM_RETURN_IF_ERROR(expect(v.is_object(), k, "an object, as `crmerge merge --map` reads it"));
      o.mapping_json = v.dump();
      // Its roles now, not when the job runs: a wrong role fails the submit.
      CRM_RETURN_IF_ERROR(schema::parse_mapping(o.mapping_json, "options.mapping").status());
    } else if (k == "gmail_canonical" || k == "provenance" || k == "meta" || k == "bom") {
      CRM_RETURN_IF_ERROR(expect(v.is_boolean(), k, "true or false"));
      bool b = v.get<bool>();
      (k == "gmail_canonical" ? o.gmail_canonical : k == "provenance" ? o.provenance : k == "meta" ? o.meta : o.bom) = b;
    } else if (k == "delimiter") {
      std::string s = v.is_string() ? v.get<std::string>() : "";
      CRM_RETURN_IF_ERROR(expect(s == "," || s == ";" || s == "|" || s == "\t", k, "\",\", \";\", \"|\" or \"\\t\""));
      o.delimiter = s[0];
    } else if (k == "safe_csv") {
      std::string s = v.is_string() ? v.get<std::string>() : "";
      CRM_RETURN_IF_ERROR(expect(v.is_boolean() || s == "new" || s == "all", k, "false, true, \"new\" or \"all\""));
      o.safe_csv = v.is_boolean() ? (v.get<bool>() ? merge::SafeCsv::kNew : merge::SafeCsv::kOff)
                   : s == "all"   ? merge::SafeCsv::kAll
                                  : merge::SafeCsv::kNew;
    } else if (k == "on_malformed") {
      std::string s = v.is_string() ? v.get<std::string>() : "";
      CRM_RETURN_IF_ERROR(expect(s == "fail" || s == "pass", k, "\"fail\" or \"pass\""));
      o.on_malformed = s == "pass" ? merge::OnMalformed::kPass : merge::OnMalformed::kFail;
    } else if (k == "labels") {
      CRM_RETURN_IF_ERROR(expect(v.is_array(), k, "an array of vendor labels"));
      for (const auto& l : v) {
        CRM_RETURN_IF_ERROR(expect(l.is_string(), k, "an array of vendor labels"));
        o.labels.push_back(l.get<std::string>());
      }
    } else if (k == "webhook_url") {
      std::string s = v.is_string() ? v.get<std::string>() : "";
      bool ok = (s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0) && s.size() <= 2048;
      CRM_RETURN_IF_ERROR(expect(ok, k, "an http:// or https:// URL"));
      o.webhook_url = s;
    } else {
      return Status::invalid_input("options has an unknown field \"" + k +
                                   "\" (known: mode, policy, region, mapping, gmail_canonical, provenance, meta, bom, "
                                   "delimiter, safe_csv, on_malformed, labels, webhook_url)");
    }
  }
  return o;
}

std::string job_options_json(const JobOptions& o) {
  json j;
  j["mode"] = merge::mode_name(o.mode);
  j["policy"] = merge::policy_name(o.policy);
  j["region"] = o.region;
  if (!o.mapping_json.empty()) j["mapping"] = json::parse(o.mapping_json);
  j["gmail_canonical"] = o.gmail_canonical;
  j["provenance"] = o.provenance;
  j["meta"] = o.meta;
  j["bom"] = o.bom;
  if (o.delimiter) j["delimiter"] = std::string(1, o.delimiter);
  // Only when asked for: a server that predates the option still takes the rest.
  if (o.safe_csv != merge::SafeCsv::kOff) j["safe_csv"] = merge::safe_csv_name(o.safe_csv);
  j["on_malformed"] = merge::on_malformed_name(o.on_malformed);
  if (!o.labels.empty()) j["labels"] = o.labels;
  if (!o.webhook_url.empty()) j["webhook_url"] = o.webhook_url;
  return j.dump();
}

namespace {

// The settings JobOptions and MergeOptions share, by the same names, either way.
template <typename From, typename To>
void copy_settings(const From& from, To& to) {
  to.mode = from.mode;
  to.policy = from.policy;
  to.region = from.region;
  to.gmail_canonical = from.gmail_canonical;
  to.provenance = from.provenance;
  to.meta = from.meta;
  to.bom = from.bom;
  to.delimiter = from.delimiter;
  to.safe_csv = from.safe_csv;
  to.on_malformed = from.on_malformed;
}

}  // namespace

Result<JobOptions> job_options_from(const merge::MergeOptions& m) {
  JobOptions o;
  copy_settings(m, o);
  for (const auto& v : m.vendors) o.labels.push_back(v.label);
  if (!m.mapping_path.empty()) {
    CRM_ASSIGN_OR_RETURN(std::string text, read_small_file(m.mapping_path, 16 << 20));
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object())
      return Status::invalid_input(m.mapping_path + ": the mapping must be a JSON object");
    o.mapping_json = j.dump();
  }
  return o;
}

namespace {

json input_json(const JobInput& in) {
  json j{{"name", in.name}, {"path", in.path}, {"bytes", in.bytes}};
  if (!in.label.empty()) j["label"] = in.label;
  if (!in.root.empty()) {
    j["root"] = in.root;
    j["identity"] = {{"device", in.identity.device},
                     {"inode", in.identity.inode},
                     {"size", in.identity.size},
                     {"mtime_ns", in.identity.mtime_ns}};
  }
  return j;
}

Result<JobInput> input_from(const json& j) {
  if (!j.is_object() || !j.contains("path") || !j["path"].is_string())
    return Status::invalid_input("job spec: an input without a path");
  JobInput in;
  in.path = j["path"].get<std::string>();
  in.name = j.value("name", std::string());
  in.label = j.value("label", std::string());
  in.bytes = j.value("bytes", uint64_t{0});
  in.root = j.value("root", std::string());
  if (!in.root.empty()) {
    if (!j.contains("identity") || !j["identity"].is_object())
      return Status::invalid_input("job spec: a path input without the identity of its file");
    const json& id = j["identity"];
    in.identity.device = id.value("device", uint64_t{0});
    in.identity.inode = id.value("inode", uint64_t{0});
    in.identity.size = id.value("size", uint64_t{0});
    in.identity.mtime_ns = id.value("mtime_ns", int64_t{0});
  }
  return in;
}

}  // namespace

std::string job_spec_json(const JobSpec& spec) {
  json j;
  j["crm"] = input_json(spec.crm);
  j["enrich"] = json::array();
  for (const auto& v : spec.enrich) j["enrich"].push_back(input_json(v));
  j["options"] = json::parse(job_options_json(spec.options));
  return j.dump();
}

Result<JobSpec> parse_job_spec(std::string_view json_text) {
  CRM_ASSIGN_OR_RETURN(json j, parse_object(json_text, "job spec"));
  JobSpec spec;
  if (!j.contains("crm") || !j.contains("enrich") || !j["enrich"].is_array())
    return Status::invalid_input("job spec: crm and enrich are required");
  CRM_ASSIGN_OR_RETURN(spec.crm, input_from(j["crm"]));
  for (const auto& v : j["enrich"]) {
    CRM_ASSIGN_OR_RETURN(JobInput in, input_from(v));
    spec.enrich.push_back(std::move(in));
  }
  if (j.contains("options")) {
    CRM_ASSIGN_OR_RETURN(spec.options, parse_job_options(j["options"].dump()));
  }
  return spec;
}

namespace {

// The header of an input, read as the job will read it (a path input through
// the file opened beneath its root, never by its name alone).
Result<std::vector<std::string>> header_of(const JobInput& in) {
  OpenedFile held;
  std::string path = in.path;
  if (!in.root.empty()) {
    BeneathOpen opened = open_beneath(in.root, in.path);
    if (opened.result != BeneathResult::kOpened) return Status::invalid_input(in.name + ": cannot be opened");
    held = std::move(opened.file);
    path = held.reopen_path();
  }
  auto profile = merge::inspect_file(path, 1);
  if (!profile.is_ok()) return Status::invalid_input(in.name + ": its header cannot be read");
  std::vector<std::string> columns;
  for (const auto& c : profile->columns) columns.push_back(c.name);
  return columns;
}

std::string quoted_list(const std::vector<std::string>& names) {
  std::string s;
  for (size_t i = 0; i < names.size() && i < 12; ++i) s += (i ? ", '" : "'") + names[i] + "'";
  return names.size() > 12 ? s + ", ..." : s;
}

}  // namespace

Status check_mapping(const JobSpec& spec) {
  if (spec.options.mapping_json.empty()) return Status::ok();
  CRM_ASSIGN_OR_RETURN(schema::Mapping mapping, schema::parse_mapping(spec.options.mapping_json, "options.mapping"));
  std::string labels = "crm";
  for (const auto& v : spec.enrich) labels += ", " + v.label;
  for (const auto& [label, columns] : mapping) {
    const JobInput* input = label == "crm" ? &spec.crm : nullptr;
    for (const auto& v : spec.enrich)
      if (v.label == label) input = &v;
    if (!input)
      return Status::invalid_input("options.mapping: no input is labelled '" + label + "' (labels: " + labels + ")");
    CRM_ASSIGN_OR_RETURN(std::vector<std::string> header, header_of(*input));
    for (const auto& [name, role] : columns)
      if (std::find(header.begin(), header.end(), name) == header.end())
        return Status::invalid_input("options.mapping: " + input->name + " has no column '" + name +
                                     "' (its columns: " + quoted_list(header) + ")");
  }
  return Status::ok();
}

Status assign_labels(JobSpec& spec) {
  const auto& labels = spec.options.labels;
  if (!labels.empty() && labels.size() != spec.enrich.size())
    return Status::invalid_input("options.labels has " + std::to_string(labels.size()) + " labels for " +
                                 std::to_string(spec.enrich.size()) + " vendor files");
  std::set<std::string> seen;
  for (size_t i = 0; i < spec.enrich.size(); ++i) {
    JobInput& v = spec.enrich[i];
    if (!labels.empty()) v.label = labels[i];
    if (v.label.empty()) v.label = merge::default_label(v.name.empty() ? v.path : v.name);
    // Labels are compared as the merge compares them: case-insensitively.
    const std::string folded = to_lower_ascii(v.label);
    if (!merge::is_valid_label(v.label) || folded == "crm")
      return Status::invalid_input("vendor label \"" + v.label +
                                   "\" is not valid: use 1-64 letters, digits, '_', '-' or '.', not \"crm\"");
    if (!seen.insert(folded).second)
      return Status::invalid_input("two vendor files have the label \"" + v.label +
                                   "\": give distinct labels in options.labels");
  }
  return Status::ok();
}

namespace {

Status reopen(JobInput& in, std::vector<OpenedFile>& held) {
  if (in.root.empty()) return Status::ok();
  BeneathOpen opened = open_beneath(in.root, in.path);
  if (opened.result != BeneathResult::kOpened)
    return Status::invalid_input(in.name + ": the file named at submit can no longer be opened beneath the allowed "
                                           "root (moved, removed, or replaced by a symlink): submit the job again");
  if (opened.identity != in.identity)
    return Status::invalid_input(in.name + ": the file changed or was replaced since the job was submitted: "
                                           "submit the job again");
  in.path = opened.file.reopen_path();
  held.push_back(std::move(opened.file));
  return Status::ok();
}

}  // namespace

Status open_path_inputs(JobSpec& spec, std::vector<OpenedFile>& held) {
  CRM_RETURN_IF_ERROR(reopen(spec.crm, held));
  for (JobInput& v : spec.enrich) CRM_RETURN_IF_ERROR(reopen(v, held));
  return Status::ok();
}

merge::MergeOptions merge_options_for(const JobSpec& spec, const std::string& work_dir, const std::string& out_path,
                                      const std::string& report_path, const std::string& mapping_path,
                                      const std::string& memory_limit, int threads) {
  merge::MergeOptions m;
  m.crm_path = spec.crm.path;
  m.crm_display = spec.crm.name;  // messages name the files as the user knows them, never the server's paths
  for (const auto& v : spec.enrich) m.vendors.push_back({v.label, v.path, v.name});
  m.out_path = out_path;
  m.report_path = report_path;
  m.work_dir = work_dir;
  m.keep_work_dir = true;  // the worker removes it once the result is stored; a stopped job stays resumable
  m.memory_limit = memory_limit;
  m.threads = threads;
  const JobOptions& o = spec.options;
  copy_settings(o, m);
  m.mapping_path = mapping_path;
  if (!mapping_path.empty()) m.mapping_display = "options.mapping";
  return m;
}

}  // namespace crmerge::jobs
