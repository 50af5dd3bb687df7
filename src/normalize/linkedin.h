// LinkedIn profile URLs as match keys.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace crmerge::normalize {

// "linkedin.com/in/<handle>" from any way of writing a profile URL: any scheme
// or none, www. or a country subdomain (uk.linkedin.com), any case, a trailing
// slash, a path after the handle (/details/...), a query or fragment. The handle
// is percent-decoded and lower-cased. Company pages and anything that is not a
// /in/ profile give nullopt.
std::optional<std::string> linkedin_key(std::string_view raw);

}  // namespace crmerge::normalize
