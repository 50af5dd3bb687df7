// The map phase: which columns are keys. This version: e-mail columns by header.
#include "base/strings.h"
#include "duck/appender.h"
#include "merge/input_meta.h"
#include "merge/phases.h"
#include "merge/sql_files.h"
#include "schema/roles.h"

namespace crmerge::merge {

namespace {

std::string column_list(const std::vector<std::string>& columns) {
  std::string s;
  for (size_t i = 0; i < columns.size() && i < 12; ++i) s += (i ? ", " : "") + ("'" + columns[i] + "'");
  if (columns.size() > 12) s += ", ...";
  return s;
}

}  // namespace

Status map_columns(Job& job) {
  CRM_RETURN_IF_ERROR(job.sql(sql::clear_map));
  CRM_ASSIGN_OR_RETURN(auto metas, load_input_meta(job));
  job.progress().begin("map", metas.size(), ProgressUnit::kBytes);
  CRM_ASSIGN_OR_RETURN(auto app, duck::Appender::open(job.conn(), "map_roles"));
  for (const auto& m : metas) {
    auto roles = schema::detect_roles(m.columns);
    size_t keys = 0;
    for (size_t c = 0; c < roles.size(); ++c) {
      if (roles[c] == schema::Role::kNone) continue;
      ++keys;
      CRM_RETURN_IF_ERROR(app.append(static_cast<int32_t>(m.src)));
      CRM_RETURN_IF_ERROR(app.append(static_cast<int32_t>(c)));
      CRM_RETURN_IF_ERROR(app.append(std::string_view(schema::role_name(roles[c]))));
      CRM_RETURN_IF_ERROR(app.end_row());
    }
    if (keys == 0 && m.src > 0)
      return Status::invalid_input(m.display_name() + " has no column that holds e-mail addresses, so none of its " +
                                   "rows can match (its columns: " + column_list(m.columns) + ")");
    if (keys == 0)
      job.progress().note(m.display_name() + " has no e-mail column: no CRM row can match, and the vendor columns " +
                          "will be empty (its columns: " + column_list(m.columns) + ")");
  }
  return app.close();
}

}  // namespace crmerge::merge
