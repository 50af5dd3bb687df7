#include "merge/functions.h"

#include "duck/scalar.h"
#include "normalize/phone.h"

namespace crmerge::merge {

Status register_functions(duck::Connection& conn, const MergeOptions& options) {
  std::string region = options.region;
  return duck::register_string_function(conn, "crm_phone", [region](std::string_view raw) {
    normalize::Phone p = normalize::parse_phone(raw, region);
    return std::optional<std::string>(std::string(normalize::phone_status_name(p.status)) + "|" + p.e164 + "|" +
                                      normalize::phone_display(p));
  });
}

}  // namespace crmerge::merge
