// Reading map_roles back: the columns of each input that have a given role.
#pragma once

#include <string_view>
#include <vector>

#include "base/status.h"
#include "merge/job.h"

namespace crmerge::merge {

// result[src] = column indexes of input `src` with role `role`, ascending.
Result<std::vector<std::vector<int>>> load_key_columns(Job& job, size_t inputs, std::string_view role);

}  // namespace crmerge::merge
