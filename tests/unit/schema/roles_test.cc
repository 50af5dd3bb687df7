#include "schema/roles.h"

#include <gtest/gtest.h>

#include "schema/mapping.h"

namespace crmerge::schema {
namespace {

Role header(const char* h) { return role_from_header(h).role; }

TEST(Roles, HeadersOfRealExports) {
  struct Case {
    const char* header;
    Role role;
  };
  const Case cases[] = {
      // HubSpot / Salesforce / Pipedrive
      {"Email", Role::kEmail}, {"Phone Number", Role::kPhone}, {"Mobile Phone Number", Role::kMobilePhone},
      {"First Name", Role::kFirstName}, {"Last Name", Role::kLastName}, {"Company Name", Role::kCompany},
      {"Job Title", Role::kTitle}, {"Website URL", Role::kWebsite}, {"Postal Code", Role::kPostalCode},
      {"State/Region", Role::kState}, {"Country/Region", Role::kCountry}, {"Number of Employees", Role::kEmployees},
      {"Annual Revenue", Role::kRevenue}, {"Mailing City", Role::kCity}, {"Account Name", Role::kCompany},
      {"Name", Role::kFullName}, {"Organization", Role::kCompany},
      // Apollo
      {"Person Linkedin Url", Role::kLinkedin}, {"Work Direct Phone", Role::kDirectPhone},
      {"Mobile Phone", Role::kMobilePhone}, {"Corporate Phone", Role::kCompanyPhone}, {"Home Phone", Role::kPhone},
      {"Other Phone", Role::kPhone}, {"Secondary Email", Role::kEmail}, {"Tertiary Email", Role::kEmail},
      {"# Employees", Role::kEmployees}, {"Seniority", Role::kSeniority}, {"Departments", Role::kDepartment},
      // ZoomInfo
      {"Email Address", Role::kEmail}, {"Direct Phone Number", Role::kDirectPhone}, {"Mobile phone", Role::kMobilePhone},
      {"LinkedIn Contact Profile URL", Role::kLinkedin}, {"Company HQ Phone", Role::kCompanyPhone},
      {"Revenue (in 000s USD)", Role::kRevenue}, {"Person City", Role::kCity}, {"Management Level", Role::kSeniority},
      {"Job Function", Role::kDepartment}, {"Person Zip Code", Role::kPostalCode},
      // Clearbit / Lusha / Cognism / generic
      {"work_email", Role::kEmail}, {"Email 1", Role::kEmail}, {"E-mail Address", Role::kEmail},
      {"Direct Dial", Role::kDirectPhone}, {"Mobile", Role::kMobilePhone}, {"Direct", Role::kDirectPhone},
      {"Company Phone", Role::kCompanyPhone}, {"LinkedIn URL", Role::kLinkedin}, {"Company Website", Role::kWebsite},
      {"Company Size", Role::kEmployees}, {"Last Updated", Role::kUpdatedAt}, {"Cell", Role::kMobilePhone},
      {"Business E-Mail", Role::kEmail}, {"Telephone", Role::kPhone},
  };
  for (const auto& c : cases) EXPECT_EQ(header(c.header), c.role) << c.header;
}

TEST(Roles, HeadersThatDescribeRatherThanHold) {
  for (const char* h : {"Email Opt Out", "Email Domain", "Email Status", "Email Verified", "Email Confidence",
                        "Last Email Sent Date", "Marketing emails opened", "Phone Type", "DNC Mobile", "Company City",
                        "Company Linkedin Url", "Record ID", "Lifecycle Stage", "Notes", ""})
    EXPECT_EQ(header(h), Role::kNone) << h;
}

TEST(Roles, ContentDecidesWhenTheHeaderSaysNothing) {
  std::vector<std::string> headers = {"col1", "col2", "col3", "col4", "Create Date"};
  std::vector<std::vector<std::string>> samples = {
      {"a@x.com", "B@y.org", "c@z.io", "d@w.de", "e@v.co.uk", "f@u.com"},
      {"https://www.linkedin.com/in/a", "linkedin.com/in/b", "http://uk.linkedin.com/in/c/", "linkedin.com/in/d",
       "linkedin.com/in/e"},
      {"+1 (415) 555-0134", "212.200.1234", "+44 20 7946 0018", "(650) 555-0182", "415-555-0199"},
      {"hello", "world", "foo", "bar", "baz"},
      {"2024-03-05", "2024-03-06 10:00", "03/07/2024", "2024-03-08", "05.03.2024"},
  };
  auto roles = detect_roles(headers, samples);
  EXPECT_EQ(roles[0].role, Role::kEmail);
  EXPECT_EQ(roles[0].evidence, Evidence::kContent);
  EXPECT_EQ(roles[1].role, Role::kLinkedin);
  EXPECT_EQ(roles[2].role, Role::kPhone);
  EXPECT_EQ(roles[3].role, Role::kNone);
  EXPECT_EQ(roles[4].role, Role::kNone) << "dates are not phone numbers";
  EXPECT_GT(roles[0].confidence, 0.5);
}

TEST(Roles, ContentConfirmsOrCorrectsAHeader) {
  auto roles = detect_roles({"Email", "Phone"}, {{"a@x.com", "b@y.com", "c@z.com", "d@w.com", "e@v.com"},
                                                 {"a@x.com", "b@y.com", "c@z.com", "d@w.com", "e@v.com"}});
  EXPECT_EQ(roles[0].role, Role::kEmail);
  EXPECT_EQ(roles[0].evidence, Evidence::kHeaderAndContent);
  EXPECT_GT(roles[0].confidence, 0.9);
  EXPECT_EQ(roles[1].role, Role::kEmail) << "a 'Phone' column full of e-mail addresses holds e-mail addresses";
}

TEST(Roles, NamesRoundTrip) {
  for (Role r : all_roles()) EXPECT_EQ(role_from_name(role_name(r)), r);
  EXPECT_EQ(role_from_name("none"), Role::kNone);
  EXPECT_FALSE(role_from_name("shoe_size"));
  EXPECT_EQ(revenue_multiplier("Revenue (in 000s USD)"), 1000);
  EXPECT_EQ(revenue_multiplier("Annual Revenue"), 1);
}

TEST(Mapping, ParsesLabelsColumnsAndRoles) {
  auto m = parse_mapping(R"({"crm": {"Phone Number": "mobile_phone", "Notes": null},
                             "apollo": {"Home Phone": "none"}})", "map.json");
  ASSERT_TRUE(m.is_ok()) << m.status().message();
  EXPECT_EQ(m->at("crm").at("Phone Number"), Role::kMobilePhone);
  EXPECT_EQ(m->at("crm").at("Notes"), Role::kNone);
  EXPECT_EQ(m->at("apollo").at("Home Phone"), Role::kNone);
}

TEST(Mapping, ErrorsNameTheFileAndTheProblem) {
  auto bad_role = parse_mapping(R"({"crm": {"Phone": "fax"}})", "map.json");
  ASSERT_FALSE(bad_role.is_ok());
  EXPECT_NE(bad_role.status().message().find("map.json"), std::string::npos);
  EXPECT_NE(bad_role.status().message().find("fax"), std::string::npos);
  EXPECT_FALSE(parse_mapping("{not json", "map.json").is_ok());
  EXPECT_FALSE(parse_mapping("[1, 2]", "map.json").is_ok());
  EXPECT_FALSE(parse_mapping(R"({"crm": "email"})", "map.json").is_ok());
}

// Found by fuzz_roles: a number too large for a double threw out_of_range out
// of parse_mapping (only parse_error was caught), ending `crmerge merge --map`.
TEST(Mapping, FuzzRegressionNumberOverflowIsAnError) {
  for (const char* text : {R"({"crm":4100e0005516150000000})", R"({"crm": {"Phone": 1e999}})"}) {
    auto m = parse_mapping(text, "map.json");
    ASSERT_FALSE(m.is_ok()) << text;
    EXPECT_NE(m.status().message().find("map.json"), std::string::npos);
  }
}

}  // namespace
}  // namespace crmerge::schema
