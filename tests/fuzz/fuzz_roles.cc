// fuzz_roles: the column-role detector (schema/roles.h) on a header and sample
// rows made from the input: its lines are the header and the rows, their
// tab-separated cells the columns (samples hold each column's non-empty
// cells). An input that starts with '{' is read as a mapping file instead
// (schema/mapping.h).
//
// Checked:
//   - one role per header; a role has evidence and a confidence in (0, 1], no
//     role has neither;
//   - a header's role depends only on its letters and digits, whatever their
//     case (role_from_header squashes it first);
//   - a role found in the content is what at least 80% of at least 5 values
//     look like (profile_values), and the profile's counts add up;
//   - role names round-trip; revenue multipliers are 1, 1000 or 1e6;
//   - a mapping parses or fails with a message naming the source, and maps
//     only to known roles.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "schema/mapping.h"
#include "schema/roles.h"

namespace crmerge::fuzz {
namespace {

using schema::ColumnRole;
using schema::Evidence;
using schema::Role;

std::vector<std::string> split(std::string_view s, char sep, size_t max_parts) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (parts.size() < max_parts) {
    size_t end = s.find(sep, start);
    parts.emplace_back(s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

std::string letters_and_digits(std::string_view s) {
  std::string out;
  for (char c : s)
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
  return out;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

bool same_role(const ColumnRole& a, const ColumnRole& b) {
  return a.role == b.role && a.confidence == b.confidence && a.evidence == b.evidence;
}

void check_role(const ColumnRole& r) {
  const bool none = r.role == Role::kNone;
  FUZZ_CHECK(none == (r.evidence == Evidence::kNone), "a role without evidence, or evidence without a role");
  FUZZ_CHECK(none ? r.confidence == 0 : r.confidence > 0 && r.confidence <= 1,
             "confidence " + std::to_string(r.confidence) + " for role " + schema::role_name(r.role));
  auto named = schema::role_from_name(schema::role_name(r.role));
  FUZZ_CHECK(named && *named == r.role, "a role name that does not round-trip");
}

void check_columns(std::string_view input) {
  std::vector<std::string> lines = split(input, '\n', 400);
  std::vector<std::string> headers = split(lines[0], '\t', 64);
  std::vector<std::vector<std::string>> samples(headers.size());
  for (size_t i = 1; i < lines.size(); ++i) {
    std::vector<std::string> cells = split(lines[i], '\t', headers.size());
    for (size_t c = 0; c < cells.size(); ++c)
      if (!cells[c].empty()) samples[c].push_back(cells[c]);
  }
  const std::vector<ColumnRole> roles = schema::detect_roles(headers, samples);
  FUZZ_CHECK(roles.size() == headers.size(), "not one role per header");
  for (size_t i = 0; i < headers.size(); ++i) {
    check_role(roles[i]);
    const ColumnRole h = schema::role_from_header(headers[i]);
    check_role(h);
    FUZZ_CHECK(h.evidence == Evidence::kNone || h.evidence == Evidence::kHeader,
               "header evidence that is not the header");
    FUZZ_CHECK(same_role(h, schema::role_from_header(letters_and_digits(headers[i]))) &&
                   same_role(h, schema::role_from_header(upper(headers[i]))),
               "a header's role depends on its punctuation or case: " + headers[i]);
    const double m = schema::revenue_multiplier(headers[i]);
    FUZZ_CHECK(m == 1 || m == 1000 || m == 1e6, "revenue multiplier " + std::to_string(m));

    const schema::ContentProfile p = schema::profile_values(samples[i]);
    FUZZ_CHECK(p.values == samples[i].size(), "the profile does not count every non-empty value");
    FUZZ_CHECK(p.emails + p.linkedin + p.phones + p.urls <= p.values, "a value counted twice");
    if (roles[i].evidence == Evidence::kContent || roles[i].evidence == Evidence::kHeaderAndContent) {
      size_t n = 0;
      switch (roles[i].role) {
        case Role::kEmail: n = p.emails; break;
        case Role::kLinkedin: n = p.linkedin; break;
        case Role::kWebsite: n = p.urls; break;
        default: n = schema::is_phone(roles[i].role) ? p.phones : 0; break;
      }
      FUZZ_CHECK(p.values >= 5 && n * 10 >= p.values * 8,
                 std::string("a content role ") + schema::role_name(roles[i].role) + " that most values do not show");
    }
  }
}

void check_mapping(const std::string& input) {
  auto m = schema::parse_mapping(input, "fuzz-mapping.json");
  if (!m.is_ok()) {
    FUZZ_CHECK(m.status().message().find("fuzz-mapping.json") != std::string::npos,
               "a mapping error that does not name the file: " + m.status().message());
    return;
  }
  for (const auto& [label, columns] : *m)
    for (const auto& [header, role] : columns)
      FUZZ_CHECK(schema::role_from_name(schema::role_name(role)) == role, "a mapping to an unknown role");
}

}  // namespace
}  // namespace crmerge::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  if (!input.empty() && input[0] == '{') crmerge::fuzz::check_mapping(input);
  else crmerge::fuzz::check_columns(input);
  return 0;
}
