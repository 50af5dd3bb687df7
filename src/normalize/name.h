// Person names, folded for comparison: lower case, Latin accents removed
// (Müller -> muller, Łukasz -> lukasz, ß -> ss), punctuation and spaces dropped.
// Other scripts are kept as they are.
#pragma once

#include <string>
#include <string_view>

namespace crmerge::normalize {

std::string name_key(std::string_view raw);

// Splits "Jane Q. Doe" / "Doe, Jane" into first and last name keys.
void split_full_name(std::string_view full, std::string& first_key, std::string& last_key);


}  // namespace crmerge::normalize
