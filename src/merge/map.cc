// The map phase: the role of every column of every input, from header
// synonyms and a sample of the content, overridden by --map.
#include <map>

#include "duck/appender.h"
#include "base/files.h"
#include "merge/input_meta.h"
#include "merge/phases.h"
#include "merge/roles_store.h"
#include "merge/sql_files.h"
#include "schema/mapping.h"

namespace crmerge::merge {

namespace {

constexpr size_t kSampleRows = 1000;
constexpr size_t kSampleValues = 300;  // non-empty values per column

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
  schema::Mapping mapping;
  const MergeOptions& o = job.options();
  const std::string mapping_name = o.mapping_display.empty() ? o.mapping_path : o.mapping_display;
  if (!o.mapping_path.empty()) {
    CRM_ASSIGN_OR_RETURN(std::string text, read_small_file(o.mapping_path, 16 << 20));
    CRM_ASSIGN_OR_RETURN(mapping, schema::parse_mapping(text, mapping_name));
  }
  // Every label and column the mapping names must exist: a typo must not pass silently.
  for (const auto& [label, columns] : mapping) {
    const InputMeta* input = nullptr;
    for (const auto& m : metas)
      if (m.label == label) input = &m;
    if (!input) {
      std::string labels;
      for (const auto& m : metas) labels += (labels.empty() ? "" : ", ") + m.label;
      return Status::invalid_input(mapping_name + ": no input is labelled '" + label +
                                   "' (labels: " + labels + ")");
    }
    for (const auto& [header, role] : columns) {
      if (std::find(input->columns.begin(), input->columns.end(), header) == input->columns.end())
        return Status::invalid_input(mapping_name + ": " + input->display_name() +
                                     " has no column '" + header + "' (its columns: " + column_list(input->columns) +
                                     ")");
    }
  }

  CRM_ASSIGN_OR_RETURN(auto app, duck::Appender::open(job.conn(), "map_roles"));
  for (const auto& m : metas) {
    CRM_RETURN_IF_ERROR(job.cancel().check());
    CRM_ASSIGN_OR_RETURN(auto samples, sample_columns(m, kSampleRows, kSampleValues));
    auto roles = schema::detect_roles(m.columns, samples);
    auto overrides = mapping.find(m.label);
    if (overrides != mapping.end()) {
      for (size_t c = 0; c < m.columns.size(); ++c) {
        auto o = overrides->second.find(m.columns[c]);
        if (o != overrides->second.end()) roles[c] = {o->second, 1.0, schema::Evidence::kMapping};
      }
    }
    bool has_key = false;
    for (size_t c = 0; c < roles.size(); ++c) {
      schema::Role r = roles[c].role;
      has_key = has_key || r == schema::Role::kEmail || r == schema::Role::kLinkedin ||
                (schema::is_phone(r) && r != schema::Role::kCompanyPhone);
      if (r == schema::Role::kNone) continue;
      CRM_RETURN_IF_ERROR(app.append(static_cast<int32_t>(m.src)));
      CRM_RETURN_IF_ERROR(app.append(static_cast<int32_t>(c)));
      CRM_RETURN_IF_ERROR(app.append(std::string_view(schema::role_name(r))));
      CRM_RETURN_IF_ERROR(app.append_double(roles[c].confidence));
      CRM_RETURN_IF_ERROR(app.append(std::string_view(schema::evidence_name(roles[c].evidence))));
      CRM_RETURN_IF_ERROR(app.end_row());
    }
    if (!has_key && m.src > 0)
      return Status::invalid_input(m.display_name() + " has no column that holds e-mail addresses, LinkedIn profiles " +
                                   "or personal phone numbers, so none of its rows can match (its columns: " +
                                   column_list(m.columns) + "); name them with --map");
    if (!has_key)
      job.progress().note(m.display_name() + " has no e-mail, LinkedIn or personal phone column: no CRM row can " +
                          "match (its columns: " + column_list(m.columns) + "); name them with --map");
  }
  return app.close();
}

}  // namespace crmerge::merge
