#include "server/tenant_roots.h"

#include <climits>
#include <cstdlib>

#include "base/beneath.h"
#include "base/files.h"
#include "base/strings.h"

namespace crmerge::server {

namespace {

constexpr size_t kMaxFileBytes = 4 << 20;

bool nested(const std::string& a, const std::string& b) {
  return a == b || lexically_beneath(a, b) || lexically_beneath(b, a);
}

}  // namespace

Result<std::string> resolve_allowed_root(const std::string& root, const std::string& flag) {
  if (root.empty() || root[0] != '/') return Status::invalid_input(flag + " " + root + ": give an absolute path");
  char resolved[PATH_MAX];
  if (!realpath(root.c_str(), resolved)) return Status::invalid_input(flag + " " + root + ": no such folder");
  auto info = stat_path(resolved);
  if (!info.is_ok() || !info->is_directory) return Status::invalid_input(flag + " " + root + ": not a folder");
  return std::string(resolved);
}

Result<std::map<std::string, std::string>> parse_tenant_roots(std::string_view text, const std::string& path,
                                                              const std::string& default_root) {
  std::map<std::string, std::string> roots;
  for (const auto& [line_no, line] : config_lines(text)) {
    const std::string where = path + ":" + std::to_string(line_no) + ": ";
    size_t gap = line.find_first_of(" \t");
    if (gap == std::string_view::npos) return Status::invalid_input(where + "expected \"<tenant> <root>\"");
    std::string tenant(line.substr(0, gap));
    std::string given(trim_ascii(line.substr(gap)));
    auto root = resolve_allowed_root(given, "the root");
    if (!root.is_ok()) return Status::invalid_input(where + root.status().message());
    if (roots.count(tenant)) return Status::invalid_input(where + "tenant " + tenant + " has a root already");
    if (!default_root.empty() && nested(*root, default_root))
      return Status::invalid_input(where + "the root of " + tenant +
                                   " overlaps --allowed-root, which the other tenants may read");
    for (const auto& [other, other_root] : roots)
      if (nested(*root, other_root))
        return Status::invalid_input(where + "the root of " + tenant + " overlaps the root of " + other);
    roots.emplace(tenant, *root);
  }
  return roots;
}

Result<std::map<std::string, std::string>> load_tenant_roots(const std::string& path, const std::string& default_root) {
  Result<std::string> text = read_small_file(path, kMaxFileBytes);
  if (!text.is_ok()) return text.status().with_context("cannot load the tenant roots file (--tenant-roots-file)");
  return parse_tenant_roots(*text, path, default_root);
}

}  // namespace crmerge::server
