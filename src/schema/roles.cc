#include "schema/roles.h"

#include <array>

namespace crmerge::schema {

const char* role_name(Role r) {
  switch (r) {
    case Role::kNone: return "";
    case Role::kEmail: return "email";
  }
  return "";
}

namespace {

// Lower-case letters and digits only: "E-mail Address" -> "emailaddress".
std::string squash(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
  }
  return out;
}

bool contains(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

}  // namespace

Role role_from_header(std::string_view header) {
  std::string h = squash(header);
  if (!contains(h, "email") && h != "mail" && h != "emailaddress") return Role::kNone;
  // Words that make it a property *of* an address rather than the address.
  static constexpr std::array<std::string_view, 16> kNotAnAddress = {
      "opt", "status", "domain", "verified", "verification", "bounce", "valid", "type",
      "count", "date", "sent", "open", "click", "unsubscribe", "confidence", "score"};
  for (auto word : kNotAnAddress)
    if (contains(h, word)) return Role::kNone;
  return Role::kEmail;
}

std::vector<Role> detect_roles(const std::vector<std::string>& headers) {
  std::vector<Role> roles;
  roles.reserve(headers.size());
  for (const auto& h : headers) roles.push_back(role_from_header(h));
  return roles;
}

}  // namespace crmerge::schema
