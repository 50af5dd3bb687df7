#include "server/address_policy.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

// Nothing here connects anywhere: addresses are only judged, and names are
// resolved by a fake resolver (or, for "localhost", from /etc/hosts).

namespace crmerge::server {
namespace {

bool global(const std::string& address) {
  in_addr a4;
  in6_addr a6;
  if (inet_pton(AF_INET, address.c_str(), &a4) == 1) return is_globally_reachable(a4);
  if (inet_pton(AF_INET6, address.c_str(), &a6) == 1) return is_globally_reachable(a6);
  ADD_FAILURE() << "not an address: " << address;
  return false;
}

void expect_all(const std::vector<std::pair<const char*, bool>>& cases) {
  for (const auto& [address, want] : cases) EXPECT_EQ(global(address), want) << address;
}

// Each special IPv4 block: the addresses just outside it on both sides are
// global (unless a neighbouring block takes them), its first and last are not.
TEST(IsGloballyReachable, Ipv4SpecialBlocksAndBothSidesOfEachBoundary) {
  expect_all({
      // 0.0.0.0/8
      {"0.0.0.0", false}, {"0.255.255.255", false}, {"1.0.0.0", true},
      // 10.0.0.0/8
      {"9.255.255.255", true}, {"10.0.0.0", false}, {"10.255.255.255", false}, {"11.0.0.0", true},
      // 100.64.0.0/10
      {"100.63.255.255", true}, {"100.64.0.0", false}, {"100.127.255.255", false}, {"100.128.0.0", true},
      // 127.0.0.0/8
      {"126.255.255.255", true}, {"127.0.0.0", false}, {"127.0.0.1", false}, {"127.255.255.255", false},
      {"128.0.0.0", true},
      // 169.254.0.0/16
      {"169.253.255.255", true}, {"169.254.0.0", false}, {"169.254.169.254", false}, {"169.254.255.255", false},
      {"169.255.0.0", true},
      // 172.16.0.0/12
      {"172.15.255.255", true}, {"172.16.0.0", false}, {"172.31.255.255", false}, {"172.32.0.0", true},
      // 192.0.0.0/24, all of it (also its anycast /32s 192.0.0.9 and .10)
      {"191.255.255.255", true}, {"192.0.0.0", false}, {"192.0.0.9", false}, {"192.0.0.10", false},
      {"192.0.0.255", false}, {"192.0.1.0", true},
      // 192.0.2.0/24
      {"192.0.1.255", true}, {"192.0.2.0", false}, {"192.0.2.255", false}, {"192.0.3.0", true},
      // 192.88.99.0/24
      {"192.88.98.255", true}, {"192.88.99.0", false}, {"192.88.99.255", false}, {"192.88.100.0", true},
      // 192.168.0.0/16
      {"192.167.255.255", true}, {"192.168.0.0", false}, {"192.168.255.255", false}, {"192.169.0.0", true},
      // 198.18.0.0/15
      {"198.17.255.255", true}, {"198.18.0.0", false}, {"198.19.255.255", false}, {"198.20.0.0", true},
      // 198.51.100.0/24
      {"198.51.99.255", true}, {"198.51.100.0", false}, {"198.51.100.255", false}, {"198.51.101.0", true},
      // 203.0.113.0/24
      {"203.0.112.255", true}, {"203.0.113.0", false}, {"203.0.113.255", false}, {"203.0.114.0", true},
      // 224.0.0.0/4 multicast, then 240.0.0.0/4 and the broadcast address: nothing global from here up
      {"223.255.255.255", true}, {"224.0.0.0", false}, {"239.255.255.255", false}, {"240.0.0.0", false},
      {"255.255.255.254", false}, {"255.255.255.255", false},
      // ordinary public addresses
      {"8.8.8.8", true}, {"1.1.1.1", true}, {"93.184.216.34", true},
  });
}

TEST(IsGloballyReachable, Ipv6SpecialBlocksAndBothSidesOfEachBoundary) {
  expect_all({
      // ::, ::1 and ::/96 (IPv4-compatible, deprecated), whatever they embed
      {"::", false}, {"::1", false}, {"::2", false}, {"::8.8.8.8", false}, {"::ffff:ffff", false},
      // 100::/64 discard-only
      {"100::", false}, {"100::ffff:ffff:ffff:ffff", false}, {"100:0:0:1::", false},
      // 2000::/3 is where global unicast starts and ends
      {"1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", false}, {"2000::", true},
      {"3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true}, {"4000::", false},
      // 2001::/23, all of it (Teredo 2001::/32 and the anycast 2001:1::1 too)
      {"2000:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true}, {"2001::", false}, {"2001:0:4136:e378::1", false},
      {"2001:1::1", false}, {"2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff", false}, {"2001:200::", true},
      // 2001:db8::/32 documentation
      {"2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", true}, {"2001:db8::", false},
      {"2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", false}, {"2001:db9::", true},
      // 3fff::/20 documentation
      {"3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true}, {"3fff::", false},
      {"3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff", false}, {"3fff:1000::", true},
      // 5f00::/16 SRv6 SIDs
      {"5eff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", false}, {"5f00::", false}, {"5f00:ffff::1", false},
      // fc00::/7 unique local
      {"fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", false}, {"fc00::", false}, {"fd00::1", false},
      {"fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", false},
      // fe80::/10 link-local, fec0::/10 (old site-local)
      {"fe80::", false}, {"fe80::1", false}, {"febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", false}, {"fec0::1", false},
      // ff00::/8 multicast
      {"ff00::", false}, {"ff02::1", false}, {"ff0e::1", false}, {"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", false},
      // ordinary public addresses
      {"2606:4700:4700::1111", true}, {"2a00:1450:4001:800::200e", true}, {"2001:4860:4860::8888", true},
  });
}

TEST(IsGloballyReachable, EmbeddedIpv4IsJudgedInMappedNat64And6to4Addresses) {
  expect_all({
      // ::ffff:0:0/96, v4-mapped
      {"::ffff:8.8.8.8", true}, {"::ffff:127.0.0.1", false}, {"::ffff:10.0.0.1", false},
      {"::ffff:169.254.169.254", false}, {"::ffff:0.0.0.0", false}, {"::ffff:255.255.255.255", false},
      {"::fffe:ffff:ffff", false}, {"::1:0:0:0", false},
      // 64:ff9b::/96, NAT64 well-known prefix
      {"64:ff9b::8.8.8.8", true}, {"64:ff9b::127.0.0.1", false}, {"64:ff9b::10.1.2.3", false},
      {"64:ff9b::169.254.169.254", false}, {"64:ff9b::192.168.0.1", false},
      {"64:ff9b::1:808:808", false},  // outside the /96
      // 64:ff9b:1::/48, local-use NAT64: never global, whatever it embeds
      {"64:ff9b:1::8.8.8.8", false}, {"64:ff9b:1:ffff:ffff:ffff:ffff:ffff", false}, {"64:ff9b:2::808:808", false},
      // 2002::/16, 6to4: the IPv4 address in bits 16..47
      {"2002:808:808::", true}, {"2002:808:808:ffff::1", true}, {"2002:7f00:1::", false}, {"2002:a00:1::", false},
      {"2002:a9fe:a9fe::1", false}, {"2002:c0a8:101::", false}, {"2002::", false}, {"2002:e000::", false},
      {"2001:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true}, {"2003::", true},
  });
}

// A resolver from a table; a name not in it fails as an unknown name does.
Resolver fake_dns(std::map<std::string, std::vector<std::string>> table, int* calls = nullptr) {
  return [table = std::move(table), calls](const std::string& host) -> Result<std::vector<std::string>> {
    if (calls) ++*calls;
    auto it = table.find(host);
    if (it == table.end()) return Status::io_error("cannot resolve " + host);
    return it->second;
  };
}

WebhookPolicy policy(const std::vector<std::string>& allow, Resolver resolve) {
  auto p = WebhookPolicy::create(allow, std::move(resolve));
  EXPECT_TRUE(p.is_ok()) << p.status().message();
  return p.is_ok() ? *p : WebhookPolicy();
}

void expect_refused(const WebhookPolicy& p, const std::string& url) {
  auto r = p.check(url);
  ASSERT_FALSE(r.is_ok()) << url << " was accepted as " << *r;
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput) << url << ": " << r.status().message();
}

TEST(WebhookPolicy, Issue22RefusesCloudMetadataAddress) {
  WebhookPolicy p;
  auto r = p.check("http://169.254.169.254/latest/meta-data/iam/security-credentials/");
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(r.status().message().find("169.254.169.254 is not a public address"), std::string::npos)
      << r.status().message();
  EXPECT_NE(r.status().message().find("--webhook-allow"), std::string::npos);
}

TEST(WebhookPolicy, Issue22RefusesPrivateAndLoopbackLiterals) {
  WebhookPolicy p;
  for (const char* url : {"http://10.0.0.1/", "http://192.168.1.1:8080/hook", "http://172.16.0.1/",
                          "http://127.0.0.1:9/", "http://0.0.0.0/", "http://100.64.0.1/", "https://10.0.0.1/",
                          "http://[::1]:8080/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/",
                          "http://[fe80::1]/", "http://[fd00::1]/", "http://[64:ff9b::a9fe:a9fe]/",
                          "http://[2002:a9fe:a9fe::]/", "http://[::]/"})
    expect_refused(p, url);
}

// inet_aton reads all of these as IPv4 (and so would a client): they are
// judged as the address they stand for, never handed to the resolver.
TEST(WebhookPolicy, Issue22RefusesOtherSpellingsOfLoopbackAndMetadata) {
  int calls = 0;
  WebhookPolicy p = policy({}, fake_dns({}, &calls));
  for (const char* url : {"http://2130706433/", "http://0x7f000001/", "http://017700000001/", "http://127.1/",
                          "http://0/", "http://0x7f.0.0.1/", "http://2852039166/", "http://0xa9fea9fe/"})
    expect_refused(p, url);
  EXPECT_EQ(calls, 0);
}

TEST(WebhookPolicy, Issue22RefusesLocalhostUnlessAllowed) {
  expect_refused(WebhookPolicy(), "http://localhost:8080/hook");
  expect_refused(WebhookPolicy(), "http://LocalHost/");
  auto allowed = policy({"localhost:8080"}, resolve_host).check("http://localhost:8080/hook");
  ASSERT_TRUE(allowed.is_ok()) << allowed.status().message();
  EXPECT_TRUE(*allowed == "127.0.0.1" || *allowed == "::1") << *allowed;
}

TEST(WebhookPolicy, AcceptsPublicLiteralsAndReturnsThem) {
  int calls = 0;
  WebhookPolicy p = policy({}, fake_dns({}, &calls));
  auto v4 = p.check("http://8.8.8.8/hooks?token=1");
  ASSERT_TRUE(v4.is_ok()) << v4.status().message();
  EXPECT_EQ(*v4, "8.8.8.8");
  auto v6 = p.check("https://[2606:4700:4700:0:0:0:0:1111]:8443/x");
  ASSERT_TRUE(v6.is_ok()) << v6.status().message();
  EXPECT_EQ(*v6, "2606:4700:4700::1111");
  auto mapped = p.check("http://[::ffff:8.8.4.4]/");
  ASSERT_TRUE(mapped.is_ok()) << mapped.status().message();
  EXPECT_EQ(*mapped, "::ffff:8.8.4.4");
  EXPECT_EQ(calls, 0);
}

TEST(WebhookPolicy, ANameIsAcceptedOnlyWhenEveryAddressIsPublic) {
  WebhookPolicy p = policy({}, fake_dns({{"hooks.example.com", {"93.184.216.34", "2606:2800:220:1::1"}},
                                         {"mixed.example.com", {"93.184.216.34", "10.0.0.7"}},
                                         {"rebound.example.com", {"2606:2800:220:1::1", "::ffff:169.254.169.254"}},
                                         {"metadata.example.com", {"169.254.169.254"}}}));
  auto ok = p.check("https://hooks.example.com/crm");
  ASSERT_TRUE(ok.is_ok()) << ok.status().message();
  EXPECT_EQ(*ok, "93.184.216.34");
  for (const char* url : {"http://mixed.example.com/", "http://rebound.example.com/", "http://metadata.example.com/"}) {
    auto r = p.check(url);
    ASSERT_FALSE(r.is_ok()) << url;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput);
    EXPECT_NE(r.status().message().find("resolves to an address that is not public"), std::string::npos);
    // The host is named; the addresses are not.
    EXPECT_EQ(r.status().message().find("10.0.0.7"), std::string::npos) << r.status().message();
    EXPECT_EQ(r.status().message().find("169.254"), std::string::npos) << r.status().message();
  }
}

TEST(WebhookPolicy, ANameThatDoesNotResolveIsAnIoError) {
  auto r = policy({}, fake_dns({})).check("http://nowhere.example/");
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), StatusCode::kIoError);
}

TEST(WebhookPolicy, AnAllowedHostIsAcceptedWhateverItResolvesTo) {
  WebhookPolicy p = policy({"hooks.internal", "127.0.0.1:8080", "[::1]:9000", "Sink.Internal:80"},
                           fake_dns({{"hooks.internal", {"10.1.2.3", "10.1.2.4"}}, {"sink.internal", {"10.9.9.9"}}}));
  auto name = p.check("http://hooks.internal:81/x");
  ASSERT_TRUE(name.is_ok()) << name.status().message();
  EXPECT_EQ(*name, "10.1.2.3");  // the first address
  auto upper = p.check("http://HOOKS.internal/");
  ASSERT_TRUE(upper.is_ok()) << "host names match case-insensitively";
  auto port = p.check("http://127.0.0.1:8080/hook");
  ASSERT_TRUE(port.is_ok()) << port.status().message();
  EXPECT_EQ(*port, "127.0.0.1");
  expect_refused(p, "http://127.0.0.1:8081/hook");  // another port
  expect_refused(p, "http://127.0.0.1/hook");       // port 80
  auto v6 = p.check("http://[0:0::1]:9000/");
  ASSERT_TRUE(v6.is_ok()) << v6.status().message();
  EXPECT_EQ(*v6, "::1");
  expect_refused(p, "http://[::1]:9001/");
  auto default_port = p.check("http://sink.internal/");  // :80 allowed, and http's default port is 80
  ASSERT_TRUE(default_port.is_ok()) << default_port.status().message();
  EXPECT_EQ(*default_port, "10.9.9.9");
  expect_refused(p, "https://sink.internal/");  // port 443
  // An entry allows the host as written, not other names or spellings of its address.
  expect_refused(p, "http://127.1:8080/hook");
  expect_refused(p, "http://[::ffff:127.0.0.1]:8080/hook");
}

TEST(WebhookPolicy, MalformedAllowEntriesAreRefusedByName) {
  for (const char* entry : {"", ":80", "host:", "host:0", "host:65536", "host:http", "[::1", "[::1]x", "[127.0.0.1]",
                            "http://host", "host/path", "user@host", "::1"}) {
    auto p = WebhookPolicy::create({"ok.example", entry});
    ASSERT_FALSE(p.is_ok()) << "'" << entry << "' was accepted";
    EXPECT_EQ(p.status().code(), StatusCode::kInvalidInput);
    EXPECT_NE(p.status().message().find(std::string("'") + entry + "'"), std::string::npos) << p.status().message();
  }
  EXPECT_TRUE(WebhookPolicy::create({"a.example", "b.example:8443", "[fd00::1]", "[fd00::1]:1", "10.0.0.1:65535"}).is_ok());
}

TEST(WebhookPolicy, MalformedUrlsAreRefused) {
  WebhookPolicy p = policy({"127.0.0.1", "localhost", "[::1]"}, fake_dns({{"localhost", {"127.0.0.1"}}}));
  for (const char* url : {"ftp://8.8.8.8/", "HTTP://8.8.8.8/", "//8.8.8.8/", "http://", "http:///x", "http://:80/",
                          "http://8.8.8.8:/", "http://8.8.8.8:0/", "http://8.8.8.8:65536/", "http://8.8.8.8:8o/",
                          "http://[::1/", "http://[::1]x/", "http://[8.8.8.8]/", "http://::1/",
                          "http://[fe80::1%25lo]/", "http://8.8.8.8@127.0.0.1/", "http://user:pw@8.8.8.8/",
                          "http://8.8.8.8/a b", "http://8.8.8.8/\r\nX-Injected: 1", "http://h%6fst/",
                          "http://exa\xc3\xa9mple.com/"})
    expect_refused(p, url);
}

TEST(ParseWebhookUrl, TakesTheUrlApart) {
  struct Case {
    const char* url;
    const char* scheme;
    const char* host;
    int port;
    const char* target;
  };
  for (const Case& c : std::vector<Case>{
           {"http://Hooks.Example.com/a/b?x=1", "http", "hooks.example.com", 80, "/a/b?x=1"},
           {"https://hooks.example.com", "https", "hooks.example.com", 443, "/"},
           {"http://hooks.example.com:8080?token=a%20b", "http", "hooks.example.com", 8080, "/?token=a%20b"},
           {"http://hooks.example.com/h#fragment", "http", "hooks.example.com", 80, "/h"},
           {"http://[2001:DB8:0::1]:81/v6", "http", "2001:db8::1", 81, "/v6"},
           {"http://[::ffff:127.0.0.1]/", "http", "::ffff:127.0.0.1", 80, "/"},
       }) {
    auto u = parse_webhook_url(c.url);
    ASSERT_TRUE(u.is_ok()) << c.url << ": " << u.status().message();
    EXPECT_EQ(u->scheme, c.scheme) << c.url;
    EXPECT_EQ(u->host, c.host) << c.url;
    EXPECT_EQ(u->port, c.port) << c.url;
    EXPECT_EQ(u->target, c.target) << c.url;
  }
}

}  // namespace
}  // namespace crmerge::server
