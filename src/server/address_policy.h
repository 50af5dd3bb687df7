// Where the server's outbound requests (completion webhooks) may go: public
// addresses only, unless the operator allows a host (DESIGN.md, Security).
// A host is judged by every address it resolves to, and the caller connects to
// the one address the check returns, never resolving the name again: a name
// that answers a public address to the check and a private one to the connect
// (DNS rebinding) reaches nothing private.
#pragma once

#include <netinet/in.h>

#include <functional>
#include <string>
#include <vector>

#include "base/status.h"

namespace crmerge::server {

// True only for addresses that IANA's special-purpose address registries
// (iana-ipv4-special-registry, iana-ipv6-special-registry) leave globally
// reachable. Refused IPv4: 0/8, 10/8, 100.64/10, 127/8, 169.254/16 (cloud
// metadata), 172.16/12, all of 192.0.0/24 (its two anycast /32s marked global
// are no webhook receivers), 192.0.2/24, 192.88.99/24, 192.168/16, 198.18/15,
// 198.51.100/24, 203.0.113/24, 224/4 multicast, 240/4 and 255.255.255.255.
// IPv6 is global only inside 2000::/3 (global unicast), minus all of 2001::/23
// (Teredo and IETF protocol assignments; its few global anycast entries are
// refused too), 2001:db8::/32 and 3fff::/20 (documentation); 2002::/16 (6to4)
// is judged by the IPv4 address in bits 16..47. Outside 2000::/3 only
// ::ffff:0:0/96 (v4-mapped) and 64:ff9b::/96 (NAT64) can be global, judged
// by their embedded IPv4 address; so ::, ::1, ::/96 (IPv4-compatible),
// 64:ff9b:1::/48, 100::/64, 5f00::/16, fc00::/7, fe80::/10 and ff00::/8 are not.
bool is_globally_reachable(const in_addr& addr);
bool is_globally_reachable(const in6_addr& addr);

// A webhook URL taken apart: "http" or "https", the host (lower case; an IPv6
// literal without its brackets), the port (the scheme's default when none is
// written) and the request target (path and query, from "/"; a fragment is
// never sent). No user info ("user@host") is accepted.
struct WebhookUrl {
  std::string scheme, host;
  int port = 0;
  std::string target;
};
Result<WebhookUrl> parse_webhook_url(const std::string& url);

// Every address `host` resolves to (getaddrinfo, IPv4 and IPv6), in numeric
// form, best first. An io_error when it resolves to nothing.
using Resolver = std::function<Result<std::vector<std::string>>(const std::string& host)>;
Result<std::vector<std::string>> resolve_host(const std::string& host);

// The webhook targets a server accepts. Copyable; check() is const and safe
// to call from any thread (given a resolver that is: getaddrinfo is).
class WebhookPolicy {
 public:
  // Public addresses only, resolved by getaddrinfo.
  WebhookPolicy();
  // `allow`: the operator's exceptions (`--webhook-allow`), each "HOST" (any
  // port) or "HOST:PORT", an IPv6 literal in brackets ("[fd00::1]:8080").
  // They match the host as the URL writes it (case-insensitively; "localhost"
  // does not allow "127.0.0.1"). An entry that is not of that form is an
  // invalid_input error naming it. `resolve` replaces getaddrinfo (tests).
  static Result<WebhookPolicy> create(const std::vector<std::string>& allow, Resolver resolve = resolve_host);

  // The numeric address to connect to for `url`. An IP literal is judged as it
  // is; a name is resolved, and accepted only when every address it resolves
  // to is globally reachable (its first address is returned). A host on the
  // allow list is accepted whatever it resolves to (its first address). Errors
  // name the host, never the addresses: invalid_input for a malformed URL or a
  // refused target, io_error when the name does not resolve (may be transient).
  Result<std::string> check(const std::string& url) const;

 private:
  struct Allowed {
    std::string host;
    int port = 0;  // 0: any
  };
  std::vector<Allowed> allow_;
  Resolver resolve_;
};

}  // namespace crmerge::server
