// E-mail addresses as match keys. This first version trims and lower-cases;
// an address without exactly one '@' with text on both sides is not a key.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace crmerge::normalize {

std::optional<std::string> email_key(std::string_view raw);

}  // namespace crmerge::normalize
