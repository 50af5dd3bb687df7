#include <gtest/gtest.h>

#include "normalize/domain.h"
#include "normalize/linkedin.h"
#include "normalize/name.h"

namespace crmerge::normalize {
namespace {

TEST(Linkedin, CanonicalProfileFromAnyForm) {
  for (const char* raw : {"https://www.linkedin.com/in/jane-doe", "http://linkedin.com/in/jane-doe/",
                          "linkedin.com/in/Jane-Doe", "www.linkedin.com/in/jane-doe?trk=public_profile",
                          "https://uk.linkedin.com/in/jane-doe/details/experience/", "HTTPS://WWW.LINKEDIN.COM/IN/JANE-DOE",
                          " https://www.linkedin.com/in/jane-doe#about "})
    EXPECT_EQ(linkedin_key(raw), "linkedin.com/in/jane-doe") << raw;
  EXPECT_EQ(linkedin_key("https://www.linkedin.com/in/j%C3%BCrgen-m"), "linkedin.com/in/jürgen-m");
  // Escapes are decoded first, then the handle is trimmed and lower-cased.
  EXPECT_EQ(linkedin_key("https://www.linkedin.com/in/%4Aane-Doe"), "linkedin.com/in/jane-doe");
  EXPECT_EQ(linkedin_key("https://www.linkedin.com/in/%20jane-doe%20/"), "linkedin.com/in/jane-doe");
}

TEST(Linkedin, NotAProfile) {
  for (const char* raw : {"https://www.linkedin.com/company/acme", "https://www.linkedin.com/in/", "linkedin.com",
                          "https://notlinkedin.com/in/jane", "https://linkedin.com.evil.io/in/jane", "jane-doe", "",
                          "https://www.linkedin.com/in/%20%20", "https://www.linkedin.com/in/jane%20doe",
                          "https://www.linkedin.com/in/%FF"})
    EXPECT_FALSE(linkedin_key(raw)) << raw;
}

// Found by fuzz_normalize: escapes decoded to '/' (or '%', '?', '#') made a
// key whose own key was another ("linkedin.com/in/ion\xc5\x810/0" -> ".../ion\xc5\x810").
TEST(Linkedin, FuzzRegressionEscapedUrlSyntaxInHandle) {
  for (const char* raw : {"linkedin.com/in/ion%C5%810%2F0", "linkedin.com/in/jane%2fdoe", "linkedin.com/in/jane%3Fx",
                          "linkedin.com/in/jane%23x", "linkedin.com/in/%2541"})
    EXPECT_FALSE(linkedin_key(raw)) << raw;
  EXPECT_EQ(linkedin_key("https://www.linkedin.com/in/J%C3%BCrgen-M/"), "linkedin.com/in/j\xc3\xbcrgen-m");
}

TEST(Domain, RegistrableDomain) {
  EXPECT_EQ(domain_key("https://www.shop.acme.co.uk/about?x=1"), "acme.co.uk");
  EXPECT_EQ(domain_key("WWW.Globex.io"), "globex.io");
  EXPECT_EQ(domain_key("globex.io:8080/path"), "globex.io");
  EXPECT_EQ(domain_key("http://acme.com."), "acme.com");
  EXPECT_EQ(domain_key("jane@mail.acme.com"), "acme.com");
  EXPECT_FALSE(domain_key("localhost"));
  EXPECT_FALSE(domain_key("co.uk"));
  EXPECT_FALSE(domain_key("not a domain.com"));
  EXPECT_FALSE(domain_key(""));
}

// Found by fuzz_normalize: "..jeff" and "y..com" came out as keys, and
// www.www.com gave the key www.com, whose own key was nothing.
TEST(Domain, FuzzRegressionMalformedHostsAndIdempotence) {
  for (const char* raw : {"00\xc5" "9..............jeff......", "x.y..com", "a..com", ".acme.com", "-acme.com",
                          "acme-.com", "www.www.com", "www.co.uk", "https://www.com/"})
    EXPECT_FALSE(domain_key(raw)) << raw;
  EXPECT_EQ(domain_key("https://www.www.acme.com"), "acme.com");
  EXPECT_EQ(domain_key("xn--mnchen-3ya.de"), "xn--mnchen-3ya.de");
  EXPECT_EQ(domain_key("shop.my-company.co.uk"), "my-company.co.uk");
  for (const char* raw : {"acme.co.uk", "www.acme.com", "globex.io:8080/path", "WWW.Globex.io"}) {
    auto key = domain_key(raw);
    ASSERT_TRUE(key) << raw;
    EXPECT_EQ(domain_key(*key), key) << raw;
  }
}

TEST(Names, FoldedForComparison) {
  EXPECT_EQ(name_key("Müller"), "muller");
  EXPECT_EQ(name_key("Noel"), "nol") << "ae/oe/ue fold like umlauts, on both sides alike";
  EXPECT_EQ(name_key("González-Pérez"), "gonzalezperez");
  EXPECT_EQ(name_key("Łukasz"), "lukasz");
  EXPECT_EQ(name_key("Strauß"), "strauss");
  EXPECT_EQ(name_key("O'Brien"), "obrien");
  EXPECT_EQ(name_key("Zoë"), name_key("Zoe"));
  EXPECT_EQ(name_key("山田"), "山田");
  EXPECT_EQ(name_key("Günther"), name_key("Guenther"));
  EXPECT_EQ(name_key("Müller"), name_key("Mueller"));
  EXPECT_TRUE(is_latin_key(name_key("Łukasz O'Brien")));
  EXPECT_FALSE(is_latin_key(name_key("松本")));
  EXPECT_FALSE(is_latin_key(name_key("Δημητρίου")));
  std::string first, last;
  split_full_name("Jane Q. Smith", first, last);
  EXPECT_EQ(first, "jane");
  EXPECT_EQ(last, "smith");
  split_full_name("Smith, Jane", first, last);
  EXPECT_EQ(first, "jane");
  EXPECT_EQ(last, "smith");
  split_full_name("Cher", first, last);
  EXPECT_EQ(first, "cher");
  EXPECT_EQ(last, "");
}

}  // namespace
}  // namespace crmerge::normalize
