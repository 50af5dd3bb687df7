// The SQL of the pipeline, embedded at build time from src/merge/sql/*.sql
// (one file per phase step; each starts with what it reads and writes).
#pragma once

#include <string_view>
#include <utility>
#include <vector>

namespace crmerge::merge::sql {

extern const std::string_view schema;
extern const std::string_view clear_import;
extern const std::string_view clear_map;
extern const std::string_view clear_keys;
extern const std::string_view match;
extern const std::string_view resolve;
extern const std::string_view export_rows;
extern const std::string_view match_summary;
extern const std::string_view phones;
extern const std::string_view export_phones;
extern const std::string_view export_candidates;

// Every embedded file, by name (for the test that prepares each statement).
const std::vector<std::pair<std::string_view, std::string_view>>& all_sql();

}  // namespace crmerge::merge::sql
