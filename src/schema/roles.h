// Column roles: which columns of an input hold what. This first version knows
// e-mail columns by their header names; the map phase stores what it finds.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace crmerge::schema {

enum class Role { kNone, kEmail };

const char* role_name(Role r);

// The role a header name suggests: "Email", "E-mail Address", "work_email",
// "Email 1", "Person Email" are e-mail columns; "Email Opt Out" or
// "Email Domain" are not (they describe the address, they do not hold one).
Role role_from_header(std::string_view header);

// Roles of all columns of one input.
std::vector<Role> detect_roles(const std::vector<std::string>& headers);

}  // namespace crmerge::schema
