// The flags that say what a merge reads and how it merges, shared by
// `crmerge merge` (run here) and `crmerge jobs submit` (run by a server).
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "merge/options.h"

namespace crmerge::cli {

struct MergeFlags {
  merge::MergeOptions options;  // crm_path, region, mapping_path, the booleans
  std::vector<std::string> enrich;
  std::string on_malformed = "fail";
  std::string mode = "fill";
  std::string policy = "priority";
  std::string delimiter;
  std::string safe_csv;  // "", "new" or "all"
  bool no_meta = false;
};

// --crm, --enrich, --mode, --policy, --region, --map, --gmail-canonical,
// --provenance, --no-meta, --bom, --delimiter, --safe-csv, --on-malformed.
void add_merge_flags(CLI::App* sub, MergeFlags& flags);
// The options the flags give (inputs and merge options; no output paths).
merge::MergeOptions merge_options_from(const MergeFlags& flags);

}  // namespace crmerge::cli
