#include "server/address_policy.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>

namespace crmerge::server {

namespace {

struct Block4 {
  uint32_t base;
  int bits;
};

// The IPv4 blocks that are not globally reachable (IANA IPv4 special-purpose
// registry, plus multicast, which has a registry of its own).
constexpr Block4 kNotGlobal4[] = {
    {0x00000000, 8},   // 0.0.0.0/8 "this network"
    {0x0A000000, 8},   // 10.0.0.0/8 private use
    {0x64400000, 10},  // 100.64.0.0/10 shared address space (carrier-grade NAT)
    {0x7F000000, 8},   // 127.0.0.0/8 loopback
    {0xA9FE0000, 16},  // 169.254.0.0/16 link-local, where cloud metadata services answer
    {0xAC100000, 12},  // 172.16.0.0/12 private use
    {0xC0000000, 24},  // 192.0.0.0/24 IETF protocol assignments, all of it
    {0xC0000200, 24},  // 192.0.2.0/24 documentation (TEST-NET-1)
    {0xC0586300, 24},  // 192.88.99.0/24 6to4 relay anycast, deprecated
    {0xC0A80000, 16},  // 192.168.0.0/16 private use
    {0xC6120000, 15},  // 198.18.0.0/15 benchmarking
    {0xC6336400, 24},  // 198.51.100.0/24 documentation (TEST-NET-2)
    {0xCB007100, 24},  // 203.0.113.0/24 documentation (TEST-NET-3)
    {0xE0000000, 4},   // 224.0.0.0/4 multicast
    {0xF0000000, 4},   // 240.0.0.0/4 reserved, and 255.255.255.255 limited broadcast
};

bool global4(const uint8_t* b) {
  uint32_t a = uint32_t{b[0]} << 24 | uint32_t{b[1]} << 16 | uint32_t{b[2]} << 8 | b[3];
  return std::none_of(std::begin(kNotGlobal4), std::end(kNotGlobal4),
                      [a](const Block4& n) { return (a >> (32 - n.bits)) == (n.base >> (32 - n.bits)); });
}

bool starts_with(const in6_addr& addr, const uint8_t (&prefix)[12]) {
  return std::memcmp(addr.s6_addr, prefix, sizeof prefix) == 0;
}

bool is_numeric_global(const std::string& address) {
  in_addr a4;
  in6_addr a6;
  if (inet_pton(AF_INET, address.c_str(), &a4) == 1) return is_globally_reachable(a4);
  if (inet_pton(AF_INET6, address.c_str(), &a6) == 1) return is_globally_reachable(a6);
  return false;
}

std::string numeric(int family, const void* addr) {
  char text[INET6_ADDRSTRLEN];
  return inet_ntop(family, addr, text, sizeof text) ? text : "";
}

// "HOST" or "HOST:PORT", an IPv6 literal in brackets. The host comes out in
// lower case (an IPv6 literal in its canonical form, without brackets), the
// port as 0 when there is none. False when either is malformed.
bool split_host_port(const std::string& text, std::string& host, int& port) {
  std::string rest;
  if (!text.empty() && text[0] == '[') {
    size_t close = text.find(']');
    if (close == std::string::npos) return false;
    in6_addr a6;
    // A zone ("%25eth0") does not parse: link-local targets are not global anyway.
    if (inet_pton(AF_INET6, text.substr(1, close - 1).c_str(), &a6) != 1) return false;
    host = numeric(AF_INET6, &a6);
    rest = text.substr(close + 1);
  } else {
    size_t colon = text.find(':');
    host = text.substr(0, colon);
    if (colon != std::string::npos) rest = text.substr(colon);
    if (host.empty()) return false;
    // Letters, digits, '-', '.', '_': what a DNS name or an IPv4 literal holds
    // (an international name comes in its xn-- form).
    for (char& c : host) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.' && c != '_') return false;
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  port = 0;
  if (rest.empty()) return true;
  if (rest[0] != ':' || rest.size() < 2 || rest.size() > 6) return false;
  if (!std::all_of(rest.begin() + 1, rest.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
  port = std::stoi(rest.substr(1));
  return port >= 1 && port <= 65535;
}

// The host as an address when it is an IP literal: an IPv6 literal, or any
// form inet_aton reads as IPv4 ("127.1" and "2130706433" are 127.0.0.1), so
// that no such host ever reaches the resolver.
std::string literal_address(const std::string& host) {
  in_addr a4;
  in6_addr a6;
  if (inet_pton(AF_INET6, host.c_str(), &a6) == 1) return numeric(AF_INET6, &a6);
  if (inet_aton(host.c_str(), &a4) != 0) return numeric(AF_INET, &a4);
  return "";
}

}  // namespace

bool is_globally_reachable(const in_addr& addr) { return global4(reinterpret_cast<const uint8_t*>(&addr.s_addr)); }

bool is_globally_reachable(const in6_addr& addr) {
  static constexpr uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};  // ::ffff:0:0/96
  static constexpr uint8_t kNat64[12] = {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};  // 64:ff9b::/96
  const uint8_t* b = addr.s6_addr;
  if (starts_with(addr, kMapped) || starts_with(addr, kNat64)) return global4(b + 12);
  if ((b[0] & 0xe0) != 0x20) return false;                                         // outside 2000::/3
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] < 0x02) return false;                   // 2001::/23
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) return false;  // 2001:db8::/32
  if (b[0] == 0x20 && b[1] == 0x02) return global4(b + 2);                         // 2002::/16, 6to4
  if (b[0] == 0x3f && b[1] == 0xff && (b[2] & 0xf0) == 0) return false;            // 3fff::/20
  return true;
}

Result<WebhookUrl> parse_webhook_url(const std::string& url) {
  WebhookUrl u;
  size_t start;
  if (url.rfind("http://", 0) == 0) {
    u = {"http", "", 80, ""};
    start = 7;
  } else if (url.rfind("https://", 0) == 0) {
    u = {"https", "", 443, ""};
    start = 8;
  } else {
    return Status::invalid_input("a webhook URL starts with http:// or https://");
  }
  // Spaces and control characters would end up in the request line.
  if (std::any_of(url.begin(), url.end(), [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f; }))
    return Status::invalid_input("the webhook URL holds spaces or control characters");
  size_t end = url.find_first_of("/?#", start);
  std::string authority = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  // "http://public.example@10.0.0.1/" reads as one host to a person, another to a client.
  if (authority.find('@') != std::string::npos)
    return Status::invalid_input("a webhook URL may not carry a user name or password");
  int port = 0;
  if (!split_host_port(authority, u.host, port))
    return Status::invalid_input("the webhook URL's host or port is malformed");
  if (port != 0) u.port = port;
  u.target = end == std::string::npos ? "" : url.substr(end);
  u.target = u.target.substr(0, u.target.find('#'));
  if (u.target.empty() || u.target[0] != '/') u.target = "/" + u.target;
  return u;
}

Result<std::vector<std::string>> resolve_host(const std::string& host) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  int rc = getaddrinfo(host.c_str(), nullptr, &hints, &found);
  if (rc != 0) return Status::io_error("cannot resolve " + host + ": " + gai_strerror(rc));
  std::vector<std::string> addresses;
  for (const addrinfo* a = found; a; a = a->ai_next) {
    std::string text;
    if (a->ai_family == AF_INET) text = numeric(AF_INET, &reinterpret_cast<const sockaddr_in*>(a->ai_addr)->sin_addr);
    if (a->ai_family == AF_INET6)
      text = numeric(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(a->ai_addr)->sin6_addr);
    if (!text.empty() && std::find(addresses.begin(), addresses.end(), text) == addresses.end())
      addresses.push_back(text);
  }
  freeaddrinfo(found);
  if (addresses.empty()) return Status::io_error("cannot resolve " + host + ": no IPv4 or IPv6 address");
  return addresses;
}

WebhookPolicy::WebhookPolicy() : resolve_(resolve_host) {}

Result<WebhookPolicy> WebhookPolicy::create(const std::vector<std::string>& allow, Resolver resolve) {
  WebhookPolicy policy;
  policy.resolve_ = std::move(resolve);
  for (const std::string& entry : allow) {
    Allowed a;
    if (!split_host_port(entry, a.host, a.port))
      return Status::invalid_input("'" + entry + "' is not HOST or HOST:PORT (an IPv6 address in brackets)");
    policy.allow_.push_back(a);
  }
  return policy;
}

Result<std::string> WebhookPolicy::check(const std::string& url) const {
  CRM_ASSIGN_OR_RETURN(WebhookUrl u, parse_webhook_url(url));
  bool allowed = std::any_of(allow_.begin(), allow_.end(),
                             [&u](const Allowed& a) { return a.host == u.host && (a.port == 0 || a.port == u.port); });
  std::string literal = literal_address(u.host);
  std::vector<std::string> addresses{literal};
  if (literal.empty()) {
    CRM_ASSIGN_OR_RETURN(addresses, resolve_(u.host));
    if (addresses.empty()) return Status::io_error("cannot resolve " + u.host);
  }
  if (allowed) return addresses[0];
  if (!std::all_of(addresses.begin(), addresses.end(), is_numeric_global)) {
    std::string what = literal.empty() ? " resolves to an address that is not public" : " is not a public address";
    return Status::invalid_input(u.host + what +
                                 " (private, loopback, link-local, reserved or multicast): webhooks go only to "
                                 "public addresses unless the server's operator allows the host (--webhook-allow)");
  }
  return addresses[0];
}

}  // namespace crmerge::server
