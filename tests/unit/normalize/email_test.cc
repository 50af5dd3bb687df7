#include "normalize/email.h"

#include <gtest/gtest.h>

namespace crmerge::normalize {
namespace {

TEST(EmailKey, TrimsLowerCasesAndStripsWrappers) {
  EXPECT_EQ(email_key(" John@X.com "), "john@x.com");
  EXPECT_EQ(email_key("mailto:Jane@Example.org"), "jane@example.org");
  EXPECT_EQ(email_key("MAILTO:jane@example.org?subject=Hi"), "jane@example.org");
  EXPECT_EQ(email_key("Jane Doe <Jane.Doe@Example.co.uk>"), "jane.doe@example.co.uk");
  EXPECT_EQ(email_key("<a@b.io>"), "a@b.io");
  EXPECT_EQ(email_key("o'brien+news@north.com"), "o'brien+news@north.com");
  EXPECT_EQ(email_key("a@b.com."), "a@b.com");
}

TEST(EmailKey, RejectsWhatIsNotAnAddress) {
  for (const char* bad : {"", "no at sign", "@x.com", "a@", "a@b@c.com", "a@localhost", "a@b.c", "a..b@x.com",
                          ".a@x.com", "a.@x.com", "a b@x.com", "a@-x.com", "a@x.123", "n/a", "DNC", "a@x..com",
                          "a@.", "a@b.com..", "mailto:", "mailto:?x@y.com"})
    EXPECT_FALSE(email_key(bad)) << bad;
}

TEST(EmailKey, GmailDotsAndTagsOnlyWhenAsked) {
  EXPECT_EQ(email_key("J.Doe+crm@gmail.com"), "j.doe+crm@gmail.com");
  EmailOptions gmail{true};
  EXPECT_EQ(email_key("J.Doe+crm@gmail.com", gmail), "jdoe@gmail.com");
  EXPECT_EQ(email_key("j.doe@googlemail.com", gmail), "jdoe@gmail.com");
  EXPECT_EQ(email_key("j.doe+x@acme.com", gmail), "j.doe+x@acme.com") << "only Gmail ignores dots";
  EXPECT_EQ(email_key("J.Doe+x@GMail.com.", gmail), "jdoe@gmail.com") << "a trailing dot, then Gmail's rules";
  EXPECT_FALSE(email_key("+news@gmail.com", gmail)) << "nothing left of the user";
  EXPECT_FALSE(email_key("...@gmail.com", gmail));
}

TEST(EmailKeys, SeveralAddressesInOneCell) {
  EXPECT_EQ(email_keys("a@x.com; b@y.com"), (std::vector<std::string>{"a@x.com", "b@y.com"}));
  EXPECT_EQ(email_keys("a@x.com,B@Y.com"), (std::vector<std::string>{"a@x.com", "b@y.com"}));
  EXPECT_EQ(email_keys("a@x.com b@y.com"), (std::vector<std::string>{"a@x.com", "b@y.com"}));
  EXPECT_EQ(email_keys("a@x.com | a@x.com"), (std::vector<std::string>{"a@x.com"}));
  EXPECT_EQ(email_keys("Jane <j@x.com>"), (std::vector<std::string>{"j@x.com"}));
  EXPECT_TRUE(email_keys("no address here").empty());
}

TEST(EmailKey, RoleMailboxes) {
  EXPECT_TRUE(is_role_mailbox("info@acme.com"));
  EXPECT_TRUE(is_role_mailbox("noreply@acme.com"));
  EXPECT_TRUE(is_role_mailbox("sales@acme.com"));
  EXPECT_FALSE(is_role_mailbox("jane@acme.com"));
  EXPECT_FALSE(is_role_mailbox("information.officer@acme.com"));
  EXPECT_EQ(email_domain("jane@acme.com"), "acme.com");
}

}  // namespace
}  // namespace crmerge::normalize
