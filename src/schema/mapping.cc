#include "schema/mapping.h"

#include <nlohmann/json.hpp>

#include "base/files.h"

namespace crmerge::schema {

Result<Mapping> parse_mapping(const std::string& text, const std::string& source) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {  // parse_error, and out_of_range for a number like 1e999
    return Status::invalid_input(source + ": not valid JSON (" + e.what() + ")");
  }
  if (!doc.is_object()) return Status::invalid_input(source + ": expected an object keyed by input label");
  Mapping mapping;
  for (auto& [label, columns] : doc.items()) {
    if (!columns.is_object())
      return Status::invalid_input(source + ": \"" + label + "\" must map column headers to roles");
    ColumnMapping& m = mapping[label];
    for (auto& [header, role] : columns.items()) {
      std::string name = role.is_null() ? "none" : role.is_string() ? role.get<std::string>() : "";
      auto r = role_from_name(name);
      if (!r) {
        std::string known;
        for (Role k : all_roles()) known += std::string(known.empty() ? "" : ", ") + role_name(k);
        return Status::invalid_input(source + ": \"" + label + "\" / \"" + header + "\": unknown role '" + name +
                                     "' (roles: " + known + ", none)");
      }
      m[header] = *r;
    }
  }
  return mapping;
}

Result<Mapping> load_mapping(const std::string& path) {
  auto text = read_small_file(path, 16 << 20);
  if (!text.is_ok()) return text.status();
  return parse_mapping(*text, path);
}

}  // namespace crmerge::schema
