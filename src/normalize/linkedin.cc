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

std::string percent_decode(std::string_view s) {
  std::string out;
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
  return out;
}

}  // namespace

std::optional<std::string> linkedin_key(std::string_view raw) {
  std::string s = to_lower_ascii(trim_ascii(raw));
  size_t scheme = s.find("://");
  if (scheme != std::string::npos) s.erase(0, scheme + 3);
  size_t slash = s.find('/');
  if (slash == std::string::npos) return std::nullopt;
  std::string host = s.substr(0, slash);
  std::string path = s.substr(slash);
  size_t cut = path.find_first_of("?#");
  if (cut != std::string::npos) path.resize(cut);
  // linkedin.com, www.linkedin.com, uk.linkedin.com, de.linkedin.com ...
  if (host != "linkedin.com" && (host.size() <= 13 || host.compare(host.size() - 13, 13, ".linkedin.com") != 0))
    return std::nullopt;
  if (path.rfind("/in/", 0) != 0) return std::nullopt;
  std::string_view rest = std::string_view(path).substr(4);
  size_t end = rest.find('/');
  std::string handle = percent_decode(rest.substr(0, end));
  handle = to_lower_ascii(trim_ascii(handle));
  if (handle.empty() || !is_valid_utf8(handle) || handle.find(' ') != std::string::npos) return std::nullopt;
  return "linkedin.com/in/" + handle;
}

}  // namespace crmerge::normalize
