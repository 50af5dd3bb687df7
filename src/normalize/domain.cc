#include "normalize/domain.h"

#include <libpsl.h>

#include "base/strings.h"

namespace crmerge::normalize {

std::optional<std::string> domain_key(std::string_view raw) {
  std::string s = to_lower_ascii(trim_ascii(raw));
  size_t scheme = s.find("://");
  if (scheme != std::string::npos) s.erase(0, scheme + 3);
  size_t at = s.find('@');  // an e-mail address or user@host: its domain
  if (at != std::string::npos) s.erase(0, at + 1);
  size_t end = s.find_first_of("/?#:");
  if (end != std::string::npos) s.resize(end);
  while (!s.empty() && s.back() == '.') s.pop_back();
  if (s.rfind("www.", 0) == 0) s.erase(0, 4);
  if (s.find('.') == std::string::npos || s.find(' ') != std::string::npos) return std::nullopt;
  for (unsigned char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c >= 0x80)) return std::nullopt;
  const char* reg = psl_registrable_domain(psl_builtin(), s.c_str());
  if (!reg) return std::nullopt;  // a bare public suffix (co.uk) or not a domain
  return std::string(reg);
}

}  // namespace crmerge::normalize
