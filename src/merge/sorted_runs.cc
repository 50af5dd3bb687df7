#include "merge/sorted_runs.h"

#include <cstring>
#include <filesystem>

namespace crmerge::merge {

namespace runs_detail {

namespace {
constexpr const char* kRunSuffix = ".run";
}  // namespace

Result<std::vector<std::string>> list_runs(const std::string& dir) {
  std::vector<std::string> runs;
  if (!path_exists(dir)) return runs;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.size() > std::strlen(kRunSuffix) && name.ends_with(kRunSuffix))
      runs.push_back(entry.path().string());
  }
  if (ec) return Status::io_error("cannot list " + dir + ": " + ec.message());
  std::sort(runs.begin(), runs.end());
  return runs;
}

Status write_run(const std::string& path, const void* bytes, size_t size) {
  CRM_ASSIGN_OR_RETURN(AtomicOutputFile out, AtomicOutputFile::create(path, WriteMode::kDirect, OutputKind::kRun));
  CRM_RETURN_IF_ERROR(out.write(std::string_view(static_cast<const char*>(bytes), size)));
  return out.commit_unsynced();
}

std::string run_path(const std::string& dir, const std::string& name, int n) {
  return dir + "/" + name + "-" + std::to_string(n) + kRunSuffix;
}

}  // namespace runs_detail

}  // namespace crmerge::merge
