// API keys and their tenants (--api-keys-file). Each key names one tenant;
// every job belongs to the tenant of the key that submitted it. With no file,
// the server is single-user (tenant "local") and binds loopback only.
//
// File format: one key per line, "<tenant> <key>" separated by spaces or a
// tab; blank lines and lines starting with '#' are ignored. A tenant is 1-64
// of [A-Za-z0-9_.-]; a key is 16-256 printable ASCII characters without
// spaces. A key may appear once; a tenant may have several keys.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace crmerge::server {

class ApiKeys {
 public:
  ApiKeys() = default;  // no keys
  // Parses `text` as read from `path` (path only for messages, which name the
  // file and line and never echo a key).
  static Result<ApiKeys> parse(std::string_view text, const std::string& path);
  static Result<ApiKeys> load(const std::string& path);

  bool empty() const { return entries_.empty(); }
  size_t size() const { return entries_.size(); }
  // The tenant of `key`; nullopt when it is not a known key. Compares in time
  // independent of where a wrong key first differs.
  std::optional<std::string> tenant_of(std::string_view key) const;

 private:
  struct Entry {
    std::string tenant, key;
  };
  std::vector<Entry> entries_;
};

// The key an HTTP request carries: "Authorization: Bearer <key>" or
// "X-API-Key: <key>" (header values as given; "" when neither).
std::string key_from_headers(std::string_view authorization, std::string_view x_api_key);

}  // namespace crmerge::server
