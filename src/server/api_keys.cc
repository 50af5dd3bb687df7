#include "server/api_keys.h"

#include <algorithm>
#include <unordered_map>

#include "base/files.h"
#include "base/strings.h"

namespace crmerge::server {
namespace {

constexpr size_t kMinKey = 16, kMaxKey = 256, kMaxTenant = 64;
// Far more than any real keys file; keeps a wrong path (a log, a dump) from being read whole.
constexpr size_t kMaxFileBytes = 16 << 20;

bool is_tenant_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

bool valid_tenant(std::string_view t) {
  if (t.empty() || t.size() > kMaxTenant) return false;
  for (char c : t)
    if (!is_tenant_char(c)) return false;
  return true;
}

bool valid_key_chars(std::string_view k) {
  for (char c : k)
    if (c <= ' ' || c > '~') return false;  // printable ASCII without the space
  return true;
}

// The space- or tab-separated fields of a line.
std::vector<std::string_view> fields_of(std::string_view line) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
  return out;
}

}  // namespace

Result<ApiKeys> ApiKeys::parse(std::string_view text, const std::string& path) {
  ApiKeys keys;
  std::unordered_map<std::string, size_t> line_of_key;
  for (const auto& [line_no, line] : config_lines(text)) {

    // Messages quote nothing from the line, not even the tenant: with the
    // columns swapped, the tenant field holds a key (and may look like a tenant).
    auto where = path + ":" + std::to_string(line_no) + ": ";
    std::vector<std::string_view> fields = fields_of(line);
    if (fields.size() != 2) {
      return Status::invalid_input(where + "expected \"<tenant> <key>\" separated by a space or a tab, found " +
                                   std::to_string(fields.size()) + " fields");
    }
    std::string_view tenant = fields[0], key = fields[1];
    if (!valid_tenant(tenant)) {
      return Status::invalid_input(where + "invalid tenant name: a tenant is 1-64 of [A-Za-z0-9_.-]");
    }
    if (key.size() < kMinKey || key.size() > kMaxKey) {
      return Status::invalid_input(where + "the key has " + std::to_string(key.size()) +
                                   " characters; a key has 16-256");
    }
    if (!valid_key_chars(key)) {
      return Status::invalid_input(where + "the key has a character that is not printable ASCII or is a space");
    }
    auto [it, inserted] = line_of_key.emplace(std::string(key), line_no);
    if (!inserted) {
      return Status::invalid_input(where + "duplicate key (also on line " + std::to_string(it->second) +
                                   "); a key may appear once");
    }
    keys.entries_.push_back(Entry{std::string(tenant), std::string(key)});
  }
  return keys;
}

Result<ApiKeys> ApiKeys::load(const std::string& path) {
  Result<std::string> text = read_small_file(path, kMaxFileBytes);
  if (!text.is_ok()) return text.status().with_context("cannot load the API keys file (--api-keys-file)");
  return parse(*text, path);
}

std::optional<std::string> ApiKeys::tenant_of(std::string_view key) const {
  if (key.empty()) return std::nullopt;
  // Every entry is compared over its full length and the differences are
  // OR-ed together, so the time depends on the lengths only, never on where a
  // guessed key first goes wrong; the matching entry is picked without a branch.
  size_t found = 0;  // index + 1 of the match; 0 for none
  for (size_t e = 0; e < entries_.size(); ++e) {
    const std::string& known = entries_[e].key;
    size_t n = std::max(known.size(), key.size());
    size_t diff = known.size() ^ key.size();
    for (size_t i = 0; i < n; ++i) {
      unsigned char a = i < known.size() ? static_cast<unsigned char>(known[i]) : 0;
      unsigned char b = i < key.size() ? static_cast<unsigned char>(key[i]) : 0;
      diff |= static_cast<size_t>(a ^ b);
    }
    // all ones when diff == 0, else zero
    size_t match_mask = static_cast<size_t>(0) - static_cast<size_t>(diff == 0);
    found |= match_mask & (e + 1);
  }
  if (found == 0) return std::nullopt;
  return entries_[found - 1].tenant;
}

std::string key_from_headers(std::string_view authorization, std::string_view x_api_key) {
  std::string_view auth = trim_ascii(authorization);
  constexpr std::string_view kBearer = "bearer";
  if (auth.size() > kBearer.size() && equal_ignore_case(auth.substr(0, kBearer.size()), kBearer) &&
      (auth[kBearer.size()] == ' ' || auth[kBearer.size()] == '\t')) {
    // Not empty: `auth` is trimmed, so something follows the blank.
    return std::string(trim_ascii(auth.substr(kBearer.size())));
  }
  return std::string(trim_ascii(x_api_key));
}

}  // namespace crmerge::server
