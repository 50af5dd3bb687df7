// Column roles: which column of an input holds what. Detected from header
// synonyms of real exports (HubSpot, Salesforce, Pipedrive, Apollo, ZoomInfo,
// Clearbit, Lusha, Cognism and generic variants) and from the content of a
// sample; a mapping file (schema/mapping.h) overrides any of it.
//
// A role is also the name of the output field it fills ("mobile_phone").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crmerge::schema {

enum class Role {
  kNone,
  kEmail,
  kPhone,         // a phone of unknown kind (personal unless shared: see weak keys)
  kMobilePhone,
  kDirectPhone,
  kCompanyPhone,  // HQ / switchboard: never a match key
  kLinkedin,
  kWebsite,
  kFirstName,
  kLastName,
  kFullName,
  kCompany,
  kTitle,
  kSeniority,
  kDepartment,
  kIndustry,
  kEmployees,
  kRevenue,
  kCity,
  kState,
  kCountry,
  kPostalCode,
  kUpdatedAt,  // when the vendor last verified the record (the "newest" policy)
};

// Every role but kNone, in the canonical output order.
const std::vector<Role>& all_roles();
const char* role_name(Role r);  // "email", "mobile_phone", ... ("none" for kNone)
std::optional<Role> role_from_name(std::string_view name);  // accepts "none"
bool is_phone(Role r);
// Roles that become output fields (all but kUpdatedAt and kNone).
bool is_output_field(Role r);

enum class Evidence { kNone, kHeader, kContent, kHeaderAndContent, kMapping };
const char* evidence_name(Evidence e);

struct ColumnRole {
  Role role = Role::kNone;
  double confidence = 0;  // 0..1
  Evidence evidence = Evidence::kNone;
};

// The role a header suggests, with its confidence (0 when none).
ColumnRole role_from_header(std::string_view header);

// What a sample of one column's non-empty values looks like.
struct ContentProfile {
  size_t values = 0;
  size_t emails = 0;
  size_t linkedin = 0;
  size_t phones = 0;
  size_t urls = 0;
};
ContentProfile profile_values(const std::vector<std::string>& values);

// Roles of all columns of one input: header evidence, confirmed or supplied by
// content (a column of e-mail-shaped values is an e-mail column whatever its
// name). `samples[i]` holds up to a few hundred non-empty values of column i.
std::vector<ColumnRole> detect_roles(const std::vector<std::string>& headers,
                                     const std::vector<std::vector<std::string>>& samples);

// Revenue headers that give the unit: "Revenue (in 000s USD)" -> 1000.
double revenue_multiplier(std::string_view header);

}  // namespace crmerge::schema
