#include "merge/options.h"

#include <algorithm>

#include <set>

#include "base/files.h"
#include "base/hash.h"
#include "base/strings.h"
#include "normalize/phone.h"

namespace crmerge::merge {

bool is_valid_label(const std::string& label) {
  if (label.empty() || label.size() > 64) return false;
  for (char c : label) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
              c == '.';
    if (!ok) return false;
  }
  return true;
}

std::string default_label(const std::string& path) {
  std::string name = base_name(path);
  size_t dot = name.rfind('.');
  if (dot != std::string::npos && dot > 0) name = name.substr(0, dot);
  std::string label;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
              c == '.';
    label += ok ? c : '_';
  }
  if (label.size() > 64) label.resize(64);
  return label.empty() ? "vendor" : label;
}

namespace {

Status check_input(const std::string& what, const std::string& path) {
  auto info = stat_path(path);
  if (!info.is_ok()) return Status::invalid_input(what + " " + path + " does not exist or cannot be read");
  if (!info->is_regular) return Status::invalid_input(what + " " + path + " is not a regular file");
  return Status::ok();
}

}  // namespace

VendorInput parse_vendor_argument(const std::string& arg) {
  size_t eq = arg.find('=');
  if (eq != std::string::npos && eq > 0) {
    std::string label = arg.substr(0, eq);
    if (is_valid_label(label) && !path_exists(arg)) return {label, arg.substr(eq + 1)};
  }
  return {default_label(arg), arg};
}

Status validate_options(MergeOptions& o) {
  if (o.crm_path.empty()) return Status::invalid_input("no CRM file given (--crm)");
  if (o.vendors.empty()) return Status::invalid_input("no vendor file given (--enrich)");
  if (o.out_path.empty()) return Status::invalid_input("no output file given (--out)");
  CRM_RETURN_IF_ERROR(check_input("the CRM file", o.crm_path));
  std::set<std::string> labels;
  for (auto& v : o.vendors) {
    if (v.path.empty()) return Status::invalid_input("an --enrich argument has no file name");
    CRM_RETURN_IF_ERROR(check_input("the vendor file", v.path));
    if (!is_valid_label(v.label))
      return Status::invalid_input("vendor label '" + v.label +
                                   "' is not valid: use 1 to 64 letters, digits, '_', '-' or '.'");
    if (to_lower_ascii(v.label) == "crm")
      return Status::invalid_input("the label 'crm' names the CRM file; give the vendor file " + v.path +
                                   " another label");
    if (!labels.insert(to_lower_ascii(v.label)).second)
      return Status::invalid_input("two vendor files have the label '" + v.label +
                                   "': name them, e.g. --enrich apollo=" + v.path);
  }
  std::string out_dir = parent_dir(absolute_path(o.out_path));
  auto out_dir_info = stat_path(out_dir);
  if (!out_dir_info.is_ok() || !out_dir_info->is_directory)
    return Status::invalid_input("the output's folder " + out_dir + " does not exist");
  if (same_file(o.crm_path, o.out_path))
    return Status::invalid_input("--out " + o.out_path + " is the CRM input: refusing to overwrite it");
  for (const auto& v : o.vendors)
    if (same_file(v.path, o.out_path))
      return Status::invalid_input("--out " + o.out_path + " is the vendor input '" + v.label +
                                   "': refusing to overwrite it");
  if (parse_byte_size(o.memory_limit) <= 0)
    return Status::invalid_input("--memory-limit '" + o.memory_limit + "' is not a size such as 512MB or 2GB");
  // Below this, DuckDB's hash aggregates fail before they can spill.
  if (parse_byte_size(o.memory_limit) < 128 * 1000 * 1000)
    return Status::invalid_input("--memory-limit " + o.memory_limit + " is below the minimum of 128MB");
  if (o.threads < 0) return Status::invalid_input("--threads must be 0 (all cores) or more");
  if (!normalize::is_known_region(o.region))
    return Status::invalid_input("--region " + o.region + " is not a region code such as US, GB or DE");
  if (!o.mapping_path.empty()) CRM_RETURN_IF_ERROR(check_input("the mapping file", o.mapping_path));
  if (o.delimiter != 0 && std::string_view(",;\t|").find(o.delimiter) == std::string_view::npos)
    return Status::invalid_input("--delimiter must be one of , ; | or tab");
  for (const std::string* extra : {&o.audit_path, &o.report_path}) {
    if (extra->empty()) continue;
    if (same_file(*extra, o.out_path) || absolute_path(*extra) == absolute_path(o.out_path))
      return Status::invalid_input(*extra + " is also the output file");
    if (same_file(*extra, o.crm_path)) return Status::invalid_input(*extra + " is the CRM input: refusing to overwrite it");
    for (const auto& v : o.vendors)
      if (same_file(*extra, v.path)) return Status::invalid_input(*extra + " is an input: refusing to overwrite it");
  }
  return Status::ok();
}

uint64_t memory_limit_megabytes(const MergeOptions& o) {
  return std::max<uint64_t>(1, static_cast<uint64_t>(std::max<int64_t>(0, parse_byte_size(o.memory_limit))) >> 20);
}

uint64_t duckdb_memory_bytes(const MergeOptions& o) {
  return static_cast<uint64_t>(std::max<int64_t>(0, parse_byte_size(o.memory_limit))) / 4;
}

std::string options_fingerprint(const MergeOptions& o) {
  // Version the format so that a newer crmerge never trusts an older job folder.
  std::string s = "crmerge-job-v12\n";
  s += "crm\t" + absolute_path(stable_path(o.crm_path)) + "\n";
  for (const auto& v : o.vendors) s += "vendor\t" + v.label + "\t" + absolute_path(stable_path(v.path)) + "\n";
  s += std::string("on_malformed\t") + on_malformed_name(o.on_malformed) + "\n";
  s += std::string("mode\t") + mode_name(o.mode) + "\npolicy\t" + policy_name(o.policy) + "\nregion\t" + o.region +
       "\ngmail\t" + (o.gmail_canonical ? "1" : "0") + "\nprovenance\t" + (o.provenance ? "1" : "0") + "\nmeta\t" +
       (o.meta ? "1" : "0") + "\nbom\t" + (o.bom ? "1" : "0") + "\ndelimiter\t" + std::string(1, o.delimiter) +
       "\nsafe_csv\t" + safe_csv_name(o.safe_csv) + "\n";
  // The mapping's content, not its path: an edited mapping is a different job.
  if (!o.mapping_path.empty()) {
    auto text = read_small_file(o.mapping_path, 16 << 20);
    s += "mapping\t" + (text.is_ok() ? hash_string(*text) : std::string("unreadable")) + "\n";
  }
  return hash_string(s);
}

const char* on_malformed_name(OnMalformed m) { return m == OnMalformed::kFail ? "fail" : "pass"; }

const char* mode_name(MergeMode m) {
  switch (m) {
    case MergeMode::kFill: return "fill";
    case MergeMode::kOverwrite: return "overwrite";
    case MergeMode::kAppend: return "append";
  }
  return "?";
}

const char* safe_csv_name(SafeCsv s) {
  switch (s) {
    case SafeCsv::kOff: return "off";
    case SafeCsv::kNew: return "new";
    case SafeCsv::kAll: return "all";
  }
  return "?";
}

const char* policy_name(Policy p) {
  switch (p) {
    case Policy::kPriority: return "priority";
    case Policy::kMostCommon: return "most-common";
    case Policy::kNewest: return "newest";
  }
  return "?";
}

}  // namespace crmerge::merge
