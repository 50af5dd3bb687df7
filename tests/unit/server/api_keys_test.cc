#include "server/api_keys.h"

#include <gtest/gtest.h>

#include <vector>

#include "support/test_env.h"

namespace crmerge::server {
namespace {

const std::string kAcme1 = "acme-key-0123456789abcdef";
const std::string kAcme2 = "acme-key-second-ZYXWVUTSRQ";
const std::string kGlobex = "globex!key#with$punct%0123";

ApiKeys parse_ok(std::string_view text) {
  Result<ApiKeys> keys = ApiKeys::parse(text, "keys.txt");
  EXPECT_TRUE(keys.is_ok()) << keys.status().to_string();
  return keys.is_ok() ? *keys : ApiKeys{};
}

Status parse_error(std::string_view text) {
  Result<ApiKeys> keys = ApiKeys::parse(text, "keys.txt");
  EXPECT_FALSE(keys.is_ok()) << "parsed although it should not have";
  return keys.status();
}

TEST(ApiKeys, ParsesCommentsBlankLinesAndTabs) {
  // Lines joined with '\n' and none after the last: a file need not end in a newline.
  std::vector<std::string> lines = {"# tenants of the staging server",
                                    "",
                                    "acme " + kAcme1,
                                    "   ",
                                    "  # an indented comment",
                                    "globex.eu\t" + kGlobex + "\r",
                                    "acme \t  " + kAcme2};
  std::string text;
  for (const std::string& line : lines) text += (text.empty() ? "" : "\n") + line;
  ApiKeys keys = parse_ok(text);
  EXPECT_EQ(keys.size(), 3u);
  EXPECT_EQ(keys.tenant_of(kAcme1), "acme");
  EXPECT_EQ(keys.tenant_of(kAcme2), "acme") << "a tenant may have several keys";
  EXPECT_EQ(keys.tenant_of(kGlobex), "globex.eu");
}

TEST(ApiKeys, EmptyTextHasNoKeys) {
  ApiKeys keys = parse_ok("# nothing yet\n\n");
  EXPECT_TRUE(keys.empty());
  EXPECT_EQ(keys.tenant_of(kAcme1), std::nullopt);
}

TEST(ApiKeys, UnknownEmptyAndPartialKeysHaveNoTenant) {
  ApiKeys keys = parse_ok("acme " + kAcme1 + "\nglobex " + kGlobex + "\n");
  EXPECT_EQ(keys.tenant_of("acme-key-0123456789abcdeX"), std::nullopt) << "last character differs";
  EXPECT_EQ(keys.tenant_of("Xcme-key-0123456789abcdef"), std::nullopt) << "first character differs";
  EXPECT_EQ(keys.tenant_of(""), std::nullopt);
  EXPECT_EQ(keys.tenant_of(kAcme1.substr(0, kAcme1.size() - 1)), std::nullopt) << "a prefix of a key";
  EXPECT_EQ(keys.tenant_of(kAcme1 + "0"), std::nullopt) << "a key with more after it";
  EXPECT_EQ(keys.tenant_of(kAcme1 + std::string(1, '\0')), std::nullopt) << "a trailing NUL is not padding";
  EXPECT_EQ(keys.tenant_of(kGlobex), "globex");
}

TEST(ApiKeys, DuplicateKeyNamesBothLinesWithoutTheKey) {
  Status s = parse_error("acme " + kAcme1 + "\n# c\nglobex " + kGlobex + "\nother " + kAcme1 + "\n");
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_NE(s.message().find("keys.txt:4:"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("line 1"), std::string::npos) << s.message();
  EXPECT_EQ(s.message().find(kAcme1), std::string::npos) << s.message();
  EXPECT_EQ(s.message().find("0123456789"), std::string::npos) << "not even part of the key: " << s.message();
}

TEST(ApiKeys, BadTenantNameIsRejectedWithoutEchoingTheLine) {
  Status s = parse_error("acme " + kAcme1 + "\nac/me " + kAcme2 + "\n");
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(s.message().rfind("keys.txt:2: ", 0), 0u) << s.message();
  EXPECT_NE(s.message().find("tenant"), std::string::npos) << s.message();
  EXPECT_EQ(s.message().find(kAcme2), std::string::npos) << s.message();

  // Columns swapped: the "tenant" is a key, so it must not be echoed either.
  // kAcme1 is also a valid tenant name, so this fails on the key's length.
  Status swapped = parse_error(kAcme1 + " acme\n");
  EXPECT_EQ(swapped.message().rfind("keys.txt:1: ", 0), 0u) << swapped.message();
  EXPECT_EQ(swapped.message().find(kAcme1), std::string::npos) << swapped.message();

  Status too_long = parse_error(std::string(65, 't') + " " + kAcme1 + "\n");
  EXPECT_EQ(too_long.message().rfind("keys.txt:1: ", 0), 0u) << too_long.message();
}

TEST(ApiKeys, KeyLengthAndCharactersAreChecked) {
  Status short_key = parse_error("\n\nacme short-key-15chr\n");
  EXPECT_EQ(short_key.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(short_key.message().rfind("keys.txt:3: ", 0), 0u) << short_key.message();
  EXPECT_NE(short_key.message().find("16-256"), std::string::npos) << short_key.message();
  EXPECT_EQ(short_key.message().find("short-key"), std::string::npos) << short_key.message();

  EXPECT_TRUE(ApiKeys::parse("acme " + std::string(16, 'k'), "keys.txt").is_ok()) << "16 is enough";
  EXPECT_TRUE(ApiKeys::parse("acme " + std::string(256, 'k'), "keys.txt").is_ok()) << "256 is the most";
  Status long_key = parse_error("acme " + std::string(257, 'k'));
  EXPECT_EQ(long_key.message().find(std::string(16, 'k')), std::string::npos) << long_key.message();

  Status non_ascii = parse_error("acme key-with-\xc3\xa9-0123456789\n");
  EXPECT_EQ(non_ascii.message().rfind("keys.txt:1: ", 0), 0u) << non_ascii.message();
  EXPECT_EQ(non_ascii.message().find("key-with"), std::string::npos) << non_ascii.message();

  Status three_fields = parse_error("acme " + kAcme1 + " extra\n");
  EXPECT_EQ(three_fields.message().rfind("keys.txt:1: ", 0), 0u) << three_fields.message();
  EXPECT_EQ(three_fields.message().find(kAcme1), std::string::npos) << three_fields.message();
  Status one_field = parse_error(kAcme1 + "\n");
  EXPECT_EQ(one_field.message().find(kAcme1), std::string::npos) << one_field.message();
}

TEST(ApiKeys, LoadReadsTheFile) {
  test::TempDir dir;
  std::string path = dir.file("keys.txt");
  test::write_file(path, "acme " + kAcme1 + "\n");
  Result<ApiKeys> keys = ApiKeys::load(path);
  ASSERT_TRUE(keys.is_ok()) << keys.status().to_string();
  EXPECT_EQ(keys->tenant_of(kAcme1), "acme");

  test::write_file(path, "acme " + kAcme1 + "\nacme tooshort\n");
  Result<ApiKeys> bad = ApiKeys::load(path);
  ASSERT_FALSE(bad.is_ok());
  EXPECT_NE(bad.status().message().find(path + ":2: "), std::string::npos) << bad.status().message();
}

TEST(ApiKeys, MissingFileErrorNamesThePath) {
  test::TempDir dir;
  std::string path = dir.file("no-such-keys.txt");
  Result<ApiKeys> keys = ApiKeys::load(path);
  ASSERT_FALSE(keys.is_ok());
  EXPECT_EQ(keys.status().code(), StatusCode::kIoError);
  EXPECT_NE(keys.status().message().find(path), std::string::npos) << keys.status().message();
  EXPECT_NE(keys.status().message().find("API keys"), std::string::npos) << keys.status().message();
}

TEST(KeyFromHeaders, BearerTokenWithAnyCaseOfTheScheme) {
  EXPECT_EQ(key_from_headers("Bearer " + kAcme1, ""), kAcme1);
  EXPECT_EQ(key_from_headers("bearer " + kAcme1, ""), kAcme1);
  EXPECT_EQ(key_from_headers("  BEARER \t " + kAcme1 + "  ", ""), kAcme1);
}

TEST(KeyFromHeaders, XApiKeyIsTrimmed) { EXPECT_EQ(key_from_headers("", "  " + kAcme1 + "\t"), kAcme1); }

TEST(KeyFromHeaders, BearerWinsOverXApiKey) { EXPECT_EQ(key_from_headers("Bearer " + kAcme1, kAcme2), kAcme1); }

TEST(KeyFromHeaders, OtherSchemesFallBackToXApiKey) {
  EXPECT_EQ(key_from_headers("Basic dXNlcjpwYXNz", kAcme2), kAcme2);
  EXPECT_EQ(key_from_headers("Bearer", kAcme2), kAcme2) << "a scheme without a token";
  EXPECT_EQ(key_from_headers("Bearerxyz0123456789abcdef", ""), "") << "the scheme needs a space after it";
}

TEST(KeyFromHeaders, NeitherHeaderGivesEmpty) {
  EXPECT_EQ(key_from_headers("", ""), "");
  EXPECT_EQ(key_from_headers("  ", " "), "");
}

}  // namespace
}  // namespace crmerge::server
