// The output's columns, decided once per job, documented in the README:
//
//   1. the CRM's columns, as they are (fill/overwrite write into the first CRM
//      column of a field's role; append never does);
//   2. one new column per enriched field the CRM has no column for (in append
//      mode: every enriched field), named by the field ("linkedin_url"; when
//      the CRM has a column of that name, "enriched_linkedin_url"), in the
//      canonical order of schema::all_roles();
//   3. with --provenance, "<field>_source" for every enriched field, same order;
//   4. unless --no-meta: _match_status, _match_keys, _match_sources.
//
// With --safe-csv, the cells crmerge writes (the appended columns, header
// included, and the CRM cells the mode changes) go through
// csv::append_guarded_field; with --safe-csv=all the CRM's own cells too.
//
// An enriched field is a role at least one vendor has a column for.
#pragma once

#include <string>
#include <vector>

#include "csv/dialect.h"
#include "merge/input_meta.h"
#include "merge/options.h"
#include "merge/roles_store.h"
#include "schema/roles.h"

namespace crmerge::merge {

struct FieldPlan {
  schema::Role role = schema::Role::kNone;
  int crm_column = -1;  // the CRM column it is written into; -1 when it has a new column
  int new_column = -1;  // index among the appended columns when it has one
};

struct OutputPlan {
  std::vector<FieldPlan> fields;
  std::vector<std::string> appended_headers;  // everything after the CRM's columns, in order
  size_t new_field_columns = 0;
  bool provenance = false;
  bool meta = true;
  csv::Dialect dialect;      // the output's: the CRM's, with --delimiter applied
  bool bom = false;          // write a BOM
  bool reserialize = false;  // the delimiter changed: every record is written anew from its values
  SafeCsv safe_csv = SafeCsv::kOff;
};

OutputPlan plan_output(const MergeOptions& options, const InputMeta& crm,
                       const std::vector<std::vector<StoredRole>>& roles);

}  // namespace crmerge::merge
