// The normalizers as DuckDB scalar functions, registered on a job's
// connection (and usable on a kept job database):
//   crm_phone(raw)    -> "status|key|display|h1|h2" (sql/phones.sql splits it;
//                        key: E.164 without the extension; display: with it;
//                        h1, h2: the key's hash, as keys.cc hashes every key)
//   crm_email(raw)    -> the first address's key, or NULL
//   crm_linkedin(raw) -> "linkedin.com/in/<handle>", or NULL
//   crm_domain(raw)   -> the registrable domain, or NULL
//   crm_name(raw)     -> the folded name
#pragma once

#include "base/status.h"
#include "duck/connection.h"
#include "merge/options.h"

namespace crmerge::merge {

Status register_functions(duck::Connection& conn, const MergeOptions& options);

}  // namespace crmerge::merge
