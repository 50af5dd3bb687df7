#include "normalize/email.h"

#include "base/strings.h"

namespace crmerge::normalize {

std::optional<std::string> email_key(std::string_view raw) {
  std::string_view t = trim_ascii(raw);
  size_t at = t.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == t.size() || t.find('@', at + 1) != std::string_view::npos)
    return std::nullopt;
  return to_lower_ascii(t);
}

}  // namespace crmerge::normalize
