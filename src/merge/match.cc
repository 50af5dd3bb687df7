// The match and resolve phases: set-based, in DuckDB (src/merge/sql/).
#include "merge/phases.h"
#include "merge/sql_files.h"

namespace crmerge::merge {

Status match_rows(Job& job) {
  job.progress().begin("match", 1000, ProgressUnit::kPermille);
  return job.sql(sql::match);
}

Status resolve_fields(Job& job) {
  job.progress().begin("resolve", 1000, ProgressUnit::kPermille);
  return job.sql(sql::resolve);
}

}  // namespace crmerge::merge
