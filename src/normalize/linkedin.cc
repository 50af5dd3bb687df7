#include "normalize/linkedin.h"

#include "base/strings.h"
#include "base/utf8.h"

namespace crmerge::normalize {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Appends `s` to `out` with its %XX escapes decoded.
void append_percent_decoded(std::string_view s, std::string& out) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      int hi = hex_value(s[i + 1]);
      int lo = hex_value(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += s[i];
  }
}

}  // namespace

std::optional<std::string> linkedin_key(std::string_view raw) {
  // Views into one lower-cased copy; the key is the only other string.
  const std::string lowered = to_lower_ascii(trim_ascii(raw));
  std::string_view s = lowered;
  size_t scheme = s.find("://");
  if (scheme != std::string_view::npos) s.remove_prefix(scheme + 3);
  size_t slash = s.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const std::string_view host = s.substr(0, slash);
  std::string_view path = s.substr(slash);
  path = path.substr(0, path.find_first_of("?#"));
  // linkedin.com, www.linkedin.com, uk.linkedin.com, de.linkedin.com ...
  if (host != "linkedin.com" && (host.size() <= 13 || host.substr(host.size() - 13) != ".linkedin.com"))
    return std::nullopt;
  if (!path.starts_with("/in/")) return std::nullopt;
  std::string_view rest = path.substr(4);
  constexpr std::string_view kPrefix = "linkedin.com/in/";
  std::string key(kPrefix);
  append_percent_decoded(rest.substr(0, rest.find('/')), key);
  // The handle, decoded, then trimmed and lower-cased (escapes may hide spaces
  // and capitals), in place.
  const std::string_view handle = trim_ascii(std::string_view(key).substr(kPrefix.size()));
  // A handle is letters, digits and '-' (non-ASCII letters escaped in the URL):
  // one whose escapes hide a space or URL syntax (/ ? # %) is no handle, and
  // would not be its own key.
  if (handle.empty() || !is_valid_utf8(handle) || handle.find_first_of(" /?#%") != std::string_view::npos)
    return std::nullopt;
  const size_t from = static_cast<size_t>(handle.data() - key.data());
  key.erase(from + handle.size());
  key.erase(kPrefix.size(), from - kPrefix.size());
  lower_ascii_in_place(key, kPrefix.size());
  return key;
}

}  // namespace crmerge::normalize
