#include "merge/functions.h"

#include "base/hash.h"
#include "duck/scalar.h"
#include "normalize/domain.h"
#include "normalize/email.h"
#include "normalize/linkedin.h"
#include "normalize/name.h"
#include "normalize/phone.h"

namespace crmerge::merge {

Status register_functions(duck::Connection& conn, const MergeOptions& options) {
  std::string region = options.region;
  CRM_RETURN_IF_ERROR(duck::register_string_function(conn, "crm_phone", [region](std::string_view raw) {
    normalize::Phone p = normalize::parse_phone(raw, region);
    // The key is the number without its extension: one person's line is written
    // with and without it. (A switchboard many people share is a weak key, and a
    // lone candidate on it must have the right name.)
    const std::string& key = p.e164;
    Hash128 h = key.empty() ? Hash128{} : hash128(key);
    return std::optional<std::string>(std::string(normalize::phone_status_name(p.status)) + "|" + key + "|" +
                                      normalize::phone_display(p) + "|" + std::to_string(h.hi) + "|" +
                                      std::to_string(h.lo));
  }));
  normalize::EmailOptions email_options{options.gmail_canonical};
  CRM_RETURN_IF_ERROR(duck::register_string_function(conn, "crm_email", [email_options](std::string_view raw) {
    auto keys = normalize::email_keys(raw, email_options);
    return keys.empty() ? std::nullopt : std::optional<std::string>(keys.front());
  }));
  CRM_RETURN_IF_ERROR(duck::register_string_function(conn, "crm_linkedin", normalize::linkedin_key));
  CRM_RETURN_IF_ERROR(duck::register_string_function(conn, "crm_domain", normalize::domain_key));
  return duck::register_string_function(conn, "crm_name", [](std::string_view raw) {
    return std::optional<std::string>(normalize::name_key(raw));
  });
}

}  // namespace crmerge::merge
