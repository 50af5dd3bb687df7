#include "schema/roles.h"

#include <gtest/gtest.h>

#include "normalize/email.h"

namespace crmerge {
namespace {

TEST(Roles, EmailHeadersOfRealExports) {
  for (const char* h : {"Email", "E-mail Address", "work_email", "Email 1", "Person Email", "EMAIL", "Email Address",
                        "email_address", "Business Email", "mail"})
    EXPECT_EQ(schema::role_from_header(h), schema::Role::kEmail) << h;
  for (const char* h : {"Email Opt Out", "Email Domain", "Email Status", "Email Verified", "Email Confidence",
                        "Last Email Sent Date", "Phone", "Name", "Marketing emails opened"})
    EXPECT_EQ(schema::role_from_header(h), schema::Role::kNone) << h;
}

TEST(EmailKey, TrimsAndLowerCases) {
  EXPECT_EQ(normalize::email_key(" John@X.com "), "john@x.com");
  EXPECT_FALSE(normalize::email_key("no at sign"));
  EXPECT_FALSE(normalize::email_key("@x.com"));
  EXPECT_FALSE(normalize::email_key("a@"));
  EXPECT_FALSE(normalize::email_key("a@b@c"));
  EXPECT_FALSE(normalize::email_key(""));
}

}  // namespace
}  // namespace crmerge
