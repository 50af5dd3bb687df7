#include "normalize/domain.h"

#include <libpsl.h>

#include "base/strings.h"

namespace crmerge::normalize {

namespace {

// A host name's labels: each 1-63 characters, none starting or ending with '-'.
bool labels_ok(std::string_view host) {
  for (size_t start = 0;;) {
    size_t dot = host.find('.', start);
    std::string_view label = host.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

}  // namespace

std::optional<std::string> domain_key(std::string_view raw) {
  std::string s = to_lower_ascii(trim_ascii(raw));
  size_t scheme = s.find("://");
  if (scheme != std::string::npos) s.erase(0, scheme + 3);
  size_t at = s.find('@');  // an e-mail address or user@host: its domain
  if (at != std::string::npos) s.erase(0, at + 1);
  size_t end = s.find_first_of("/?#:");
  if (end != std::string::npos) s.resize(end);
  while (!s.empty() && s.back() == '.') s.pop_back();
  if (s.find('.') == std::string::npos || !labels_ok(s)) return std::nullopt;
  for (unsigned char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c >= 0x80)) return std::nullopt;
  const char* reg = psl_registrable_domain(psl_builtin(), s.c_str());
  if (!reg) return std::nullopt;  // a bare public suffix (co.uk) or not a domain
  // www.co.uk, www.com: a web server's name on a bare public suffix, not a
  // company's domain. Judged on the result, so that a key is its own key.
  if (std::string_view(reg).substr(0, 4) == "www.") return std::nullopt;
  return std::string(reg);
}

}  // namespace crmerge::normalize
