// Each tenant's own allowed root (--tenant-roots-file): the folder its JSON
// submits may name input files beneath, so that one tenant never names files
// under another's. A tenant not in the file uses --allowed-root, if any.
//
// File format: one "<tenant> <root>" per line, separated by spaces or a tab
// (the root is the rest of the line); blank lines and lines starting with '#'
// are ignored. A root is an absolute path to an existing folder; it is kept
// as its real path. A tenant appears once. No root may lie inside another
// tenant's root or the default root, or contain one: otherwise a tenant could
// name another's files.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "base/status.h"

namespace crmerge::server {

// Parses `text` as read from `path` (for messages, which name the file and
// line). `default_root` is --allowed-root as a real path ("" when none).
Result<std::map<std::string, std::string>> parse_tenant_roots(std::string_view text, const std::string& path,
                                                              const std::string& default_root);
Result<std::map<std::string, std::string>> load_tenant_roots(const std::string& path, const std::string& default_root);

// The real path of an allowed root folder given on the command line, or an
// invalid_input naming `flag` when it is relative, missing or not a folder.
Result<std::string> resolve_allowed_root(const std::string& root, const std::string& flag);

}  // namespace crmerge::server
