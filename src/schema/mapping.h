// A mapping file (--map FILE): the user's word on column roles, overriding
// detection. JSON, keyed by input label ("crm" for the CRM, a vendor's label
// otherwise), then by column header, giving a role name or "none":
//
//   { "crm":    { "Phone Number": "mobile_phone", "Notes": "none" },
//     "apollo": { "Home Phone": "none" } }
//
// Columns not named keep their detected role. The mapping actually used (every
// column of every input) goes into the report, in the same format, so that a
// run can be repeated exactly.
#pragma once

#include <map>
#include <string>

#include "base/status.h"
#include "schema/roles.h"

namespace crmerge::schema {

using ColumnMapping = std::map<std::string, Role>;      // header -> role
using Mapping = std::map<std::string, ColumnMapping>;   // input label -> its columns

// Parses a mapping; errors name the file (`source`) and what is wrong.
Result<Mapping> parse_mapping(const std::string& json_text, const std::string& source);
Result<Mapping> load_mapping(const std::string& path);

}  // namespace crmerge::schema
