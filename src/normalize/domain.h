// Websites as company keys: the registrable domain (acme.co.uk from
// https://www.shop.acme.co.uk/about), through the public suffix list (libpsl).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace crmerge::normalize {

std::optional<std::string> domain_key(std::string_view raw);

}  // namespace crmerge::normalize
