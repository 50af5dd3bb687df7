#include "merge/output_plan.h"

#include <algorithm>

#include "base/strings.h"

namespace crmerge::merge {

OutputPlan plan_output(const MergeOptions& options, const InputMeta& crm,
                       const std::vector<std::vector<StoredRole>>& roles) {
  OutputPlan plan;
  plan.provenance = options.provenance;
  plan.meta = options.meta;
  plan.dialect = crm.dialect;
  if (options.delimiter != 0 && options.delimiter != crm.dialect.delimiter) {
    plan.dialect.delimiter = options.delimiter;
    plan.reserialize = true;
  }
  plan.bom = crm.dialect.bom || options.bom;
  plan.safe_csv = options.safe_csv;

  std::vector<std::string> taken;  // header names in use, lower-cased
  for (const auto& c : crm.columns) taken.push_back(to_lower_ascii(c));
  auto is_taken = [&](const std::string& n) {
    return std::find(taken.begin(), taken.end(), to_lower_ascii(n)) != taken.end();
  };
  // A name the CRM already uses gets the prefix "enriched_" (then a number, if need be).
  auto unique_name = [&](std::string name) {
    if (is_taken(name)) name = "enriched_" + name;
    std::string candidate = name;
    for (int n = 2; is_taken(candidate); ++n) candidate = name + "_" + std::to_string(n);
    taken.push_back(to_lower_ascii(candidate));
    return candidate;
  };

  for (schema::Role role : schema::all_roles()) {
    if (!schema::is_output_field(role)) continue;
    bool offered = false;
    for (size_t src = 1; src < roles.size(); ++src) offered = offered || !columns_with(roles[src], role).empty();
    if (!offered) continue;
    FieldPlan f;
    f.role = role;
    auto crm_cols = columns_with(roles[0], role);
    if (options.mode != MergeMode::kAppend && !crm_cols.empty()) f.crm_column = crm_cols.front();
    plan.fields.push_back(f);
  }
  for (auto& f : plan.fields) {
    if (f.crm_column >= 0) continue;
    f.new_column = static_cast<int>(plan.appended_headers.size());
    plan.appended_headers.push_back(unique_name(schema::role_name(f.role)));
  }
  plan.new_field_columns = plan.appended_headers.size();
  if (plan.provenance)
    for (const auto& f : plan.fields) plan.appended_headers.push_back(unique_name(std::string(schema::role_name(f.role)) + "_source"));
  if (plan.meta)
    for (const char* m : {"_match_status", "_match_keys", "_match_sources"}) plan.appended_headers.push_back(unique_name(m));
  return plan;
}

}  // namespace crmerge::merge
