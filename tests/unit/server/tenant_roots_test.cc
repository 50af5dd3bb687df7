#include "server/tenant_roots.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "support/test_env.h"

namespace crmerge::server {
namespace {

class TenantRoots : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* d : {"a", "b", "a/inner", "default"}) ASSERT_EQ(::mkdir(tmp_.file(d).c_str(), 0700), 0);
  }
  test::TempDir tmp_;
};

TEST_F(TenantRoots, ParsesEachTenantsRootAsItsRealPath) {
  auto roots = parse_tenant_roots("# roots\nacme " + tmp_.file("a") + "\n\nglobex\t" + tmp_.file("b") + "/\n", "r.txt", "");
  ASSERT_TRUE(roots.is_ok()) << roots.status().message();
  EXPECT_EQ(roots->size(), 2u);
  EXPECT_EQ(roots->at("globex"), tmp_.file("b"));
}

TEST_F(TenantRoots, Issue22RefusesRootsThatLetOneTenantNameAnothersFiles) {
  auto same = parse_tenant_roots("acme " + tmp_.file("a") + "\nglobex " + tmp_.file("a") + "\n", "r.txt", "");
  ASSERT_FALSE(same.is_ok());
  EXPECT_NE(same.status().message().find("r.txt:2: "), std::string::npos) << same.status().message();
  EXPECT_FALSE(parse_tenant_roots("acme " + tmp_.file("a") + "\nglobex " + tmp_.file("a/inner") + "\n", "r", "").is_ok());
  EXPECT_FALSE(parse_tenant_roots("acme " + tmp_.file("a/inner") + "\n", "r", tmp_.file("a")).is_ok())
      << "inside the default root, which every other tenant reads";
  EXPECT_TRUE(parse_tenant_roots("acme " + tmp_.file("a") + "\n", "r", tmp_.file("default")).is_ok());
}

TEST_F(TenantRoots, NamesTheLineOfABadEntry) {
  auto relative = parse_tenant_roots("acme relative/dir\n", "r.txt", "");
  ASSERT_FALSE(relative.is_ok());
  EXPECT_NE(relative.status().message().find("r.txt:1: "), std::string::npos);
  EXPECT_FALSE(parse_tenant_roots("acme\n", "r", "").is_ok());
  EXPECT_FALSE(parse_tenant_roots("acme " + tmp_.file("none") + "\n", "r", "").is_ok());
  EXPECT_FALSE(parse_tenant_roots("acme " + tmp_.file("a") + "\nacme " + tmp_.file("b") + "\n", "r", "").is_ok());
}

}  // namespace
}  // namespace crmerge::server
