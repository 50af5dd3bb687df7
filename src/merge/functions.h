// The normalization functions SQL calls (sql/phones.sql), registered on a
// job's connection: crm_phone(raw) -> "status|e164|display".
#pragma once

#include "base/status.h"
#include "duck/connection.h"
#include "merge/options.h"

namespace crmerge::merge {

Status register_functions(duck::Connection& conn, const MergeOptions& options);

}  // namespace crmerge::merge
