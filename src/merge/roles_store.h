// The column roles the map phase stored (map_roles), read back by later
// phases, and the content sample it detects them from.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "merge/input_meta.h"
#include "merge/job.h"
#include "schema/roles.h"

namespace crmerge::merge {

struct StoredRole {
  int col = 0;
  schema::Role role = schema::Role::kNone;
  double confidence = 0;
  std::string evidence;
};

// result[src] = the columns of input `src` that have a role, by column.
Result<std::vector<std::vector<StoredRole>>> load_roles(Job& job, size_t inputs);

// Columns of `roles` with role `r`, in column order.
std::vector<int> columns_with(const std::vector<StoredRole>& roles, schema::Role r);

// Up to `per_column` non-empty values of each column, from the first `rows` well-formed rows.
Result<std::vector<std::vector<std::string>>> sample_columns(const InputMeta& m, size_t rows, size_t per_column);

}  // namespace crmerge::merge
