#include "normalize/email.h"

#include <algorithm>
#include <array>

#include "base/strings.h"

namespace crmerge::normalize {

namespace {

bool local_char_ok(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
  if (c >= 0x80) return true;  // internationalized addresses (RFC 6531)
  static constexpr std::string_view kSpecial = "!#$%&'*+/=?^_`{|}~.-";
  return kSpecial.find(static_cast<char>(c)) != std::string_view::npos;
}

bool domain_ok(std::string_view d) {
  if (d.empty() || d.size() > 253) return false;
  size_t labels = 0;
  size_t start = 0;
  for (;;) {
    size_t dot = d.find('.', start);
    std::string_view label = d.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (unsigned char c : label)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c >= 0x80)) return false;
    ++labels;
    if (dot == std::string_view::npos) {
      // The top-level domain: letters (or an IDN "xn--" label), two or more.
      bool letters = label.size() >= 2 && std::all_of(label.begin(), label.end(), [](unsigned char c) {
                       return (c >= 'a' && c <= 'z') || c >= 0x80;
                     });
      return labels >= 2 && (letters || label.rfind("xn--", 0) == 0);
    }
    start = dot + 1;
  }
}

}  // namespace

std::optional<std::string> email_key(std::string_view raw, const EmailOptions& options) {
  std::string_view t = trim_ascii(raw);
  // "Jane Doe <jane@x.com>"
  size_t lt = t.rfind('<');
  if (lt != std::string_view::npos && !t.empty() && t.back() == '>') t = trim_ascii(t.substr(lt + 1, t.size() - lt - 2));
  // The key is built in `s` in place (one string per address: this runs for
  // every e-mail cell of every input).
  std::string s = to_lower_ascii(t);
  if (s.rfind("mailto:", 0) == 0) s.erase(0, 7);
  size_t q = s.find('?');  // mailto:a@b.com?subject=...
  if (q != std::string::npos) s.resize(q);
  size_t at = s.find('@');
  if (at == std::string::npos || at == 0 || at > 64 || s.find('@', at + 1) != std::string::npos) return std::nullopt;
  if (s.back() == '.') s.pop_back();  // a trailing dot ends the domain
  const std::string_view local(s.data(), at);
  const std::string_view domain = std::string_view(s).substr(at + 1);
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) return std::nullopt;
  if (!std::all_of(local.begin(), local.end(), [](char c) { return local_char_ok(static_cast<unsigned char>(c)); }))
    return std::nullopt;
  if (!domain_ok(domain)) return std::nullopt;
  if (options.gmail_canonical && (domain == "gmail.com" || domain == "googlemail.com")) {
    std::string user(local.substr(0, local.find('+')));
    user.erase(std::remove(user.begin(), user.end(), '.'), user.end());
    if (user.empty()) return std::nullopt;
    return user + "@gmail.com";
  }
  return s;
}

std::vector<std::string> email_keys(std::string_view cell, const EmailOptions& options) {
  std::vector<std::string> keys;
  auto add = [&](std::string_view part) {
    auto k = email_key(part, options);
    if (k && std::find(keys.begin(), keys.end(), *k) == keys.end()) keys.push_back(*k);
  };
  if (cell.find('@') == std::string_view::npos) return keys;
  size_t start = 0;
  while (start <= cell.size()) {
    size_t end = cell.find_first_of(";,|\n\r", start);
    std::string_view part = cell.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (auto whole = email_key(part, options)) {
      if (std::find(keys.begin(), keys.end(), *whole) == keys.end()) keys.push_back(std::move(*whole));
    } else {  // "a@x.com b@y.com": split on spaces
      size_t s = 0;
      while (s < part.size()) {
        size_t e = part.find_first_of(" \t", s);
        add(part.substr(s, e == std::string_view::npos ? std::string_view::npos : e - s));
        if (e == std::string_view::npos) break;
        s = e + 1;
      }
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return keys;
}

bool is_role_mailbox(std::string_view key) {
  size_t at = key.find('@');
  std::string_view local = key.substr(0, at);
  static constexpr std::array<std::string_view, 40> kRoles = {
      "info",      "sales",     "support",  "admin",    "contact",   "hello",     "office",   "noreply",
      "no-reply",  "donotreply","marketing","billing",  "hr",        "jobs",      "careers",  "team",
      "enquiries", "inquiries", "enquiry",  "inquiry",  "help",      "service",   "accounts", "webmaster",
      "postmaster","press",     "media",    "reception","mail",      "general",   "finance",  "orders",
      "customerservice", "feedback", "privacy", "legal", "abuse", "hostmaster", "security", "newsletter"};
  return std::find(kRoles.begin(), kRoles.end(), local) != kRoles.end();
}

std::string_view email_domain(std::string_view key) {
  size_t at = key.find('@');
  return at == std::string_view::npos ? std::string_view() : key.substr(at + 1);
}

}  // namespace crmerge::normalize
