#include "merge/options.h"

#include <gtest/gtest.h>

#include "support/test_env.h"

namespace crmerge::merge {
namespace {

using test::TempDir;

TEST(Options, VendorArguments) {
  auto a = parse_vendor_argument("apollo=data/apollo export.csv");
  EXPECT_EQ(a.label, "apollo");
  EXPECT_EQ(a.path, "data/apollo export.csv");
  auto b = parse_vendor_argument("data/ZoomInfo-2024.csv");
  EXPECT_EQ(b.label, "ZoomInfo-2024");
  EXPECT_EQ(b.path, "data/ZoomInfo-2024.csv");
  auto c = parse_vendor_argument("my file (1).csv");
  EXPECT_EQ(c.label, "my_file__1_");
  auto d = parse_vendor_argument("not a label=x.csv");  // not a valid label: all of it is the path
  EXPECT_EQ(d.path, "not a label=x.csv");
}

TEST(Options, ExistingFileNamesWithEqualsSignsStayFileNames) {
  TempDir dir;
  std::string odd = dir.file("a=b.csv");
  test::write_file(odd, "x\n");
  // "…/a=b.csv" is an existing file, so no label is split off.
  auto v = parse_vendor_argument(odd);
  EXPECT_EQ(v.path, odd);
}

class Validate : public ::testing::Test {
 protected:
  void SetUp() override {
    test::write_file(dir.file("crm.csv"), "email\nx@y.com\n");
    test::write_file(dir.file("v.csv"), "email\nx@y.com\n");
    o.crm_path = dir.file("crm.csv");
    o.vendors = {{"v", dir.file("v.csv")}};
    o.out_path = dir.file("out.csv");
  }
  TempDir dir;
  MergeOptions o;
};

TEST_F(Validate, AcceptsAGoodSet) { EXPECT_TRUE(validate_options(o).is_ok()); }

TEST_F(Validate, RefusesAnOutputThatIsAnInput) {
  o.out_path = dir.file("crm.csv");
  Status s = validate_options(o);
  EXPECT_FALSE(s.is_ok());
  EXPECT_NE(s.message().find("CRM input"), std::string::npos);
  o.out_path = dir.path() + "/./v.csv";
  EXPECT_FALSE(validate_options(o).is_ok());
}

TEST_F(Validate, RefusesMissingFilesAndBadValues) {
  MergeOptions bad = o;
  bad.crm_path = dir.file("nope.csv");
  EXPECT_NE(validate_options(bad).message().find("nope.csv"), std::string::npos);
  bad = o;
  bad.vendors.push_back({"V", dir.file("v.csv")});
  EXPECT_NE(validate_options(bad).message().find("label"), std::string::npos);
  bad = o;
  bad.vendors[0].label = "bad label";
  EXPECT_FALSE(validate_options(bad).is_ok());
  bad = o;
  bad.memory_limit = "1MB";
  EXPECT_FALSE(validate_options(bad).is_ok());
  bad = o;
  bad.out_path = dir.file("no/such/folder/out.csv");
  EXPECT_FALSE(validate_options(bad).is_ok());
  bad = o;
  bad.crm_path = dir.path();
  EXPECT_FALSE(validate_options(bad).is_ok());
}

TEST_F(Validate, FingerprintFollowsWhatChangesTheOutput) {
  std::string base = options_fingerprint(o);
  MergeOptions same = o;
  same.threads = 3;
  same.memory_limit = "2GB";
  same.out_path = dir.file("elsewhere.csv");
  EXPECT_EQ(options_fingerprint(same), base);
  MergeOptions other = o;
  other.vendors[0].label = "w";
  EXPECT_NE(options_fingerprint(other), base);
  other = o;
  other.on_malformed = OnMalformed::kPass;
  EXPECT_NE(options_fingerprint(other), base);
}

// Issue 22: --safe-csv changes the output's bytes, so a job folder made at
// another level is not resumed.
TEST_F(Validate, Issue22SafeCsvIsPartOfTheFingerprint) {
  std::string off = options_fingerprint(o);
  o.safe_csv = SafeCsv::kNew;
  std::string fresh = options_fingerprint(o);
  o.safe_csv = SafeCsv::kAll;
  std::string all = options_fingerprint(o);
  EXPECT_NE(off, fresh);
  EXPECT_NE(off, all);
  EXPECT_NE(fresh, all);
}

}  // namespace
}  // namespace crmerge::merge
