#include "base/beneath.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include "support/test_env.h"

namespace crmerge {
namespace {

class Beneath : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = tmp_.file("root");
    ASSERT_EQ(::mkdir(root_.c_str(), 0700), 0);
    ASSERT_EQ(::mkdir((root_ + "/sub").c_str(), 0700), 0);
    ASSERT_EQ(::mkdir(tmp_.file("outside").c_str(), 0700), 0);
    test::write_file(root_ + "/sub/in.csv", "Email\na@b.co\n");
    test::write_file(tmp_.file("outside/secret.csv"), "secret\n");
  }
  test::TempDir tmp_;
  std::string root_;
};

TEST_F(Beneath, OpensARegularFileBeneathTheRootAndTellsItsIdentity) {
  BeneathOpen o = open_beneath(root_, root_ + "/sub/in.csv");
  ASSERT_EQ(o.result, BeneathResult::kOpened);
  EXPECT_EQ(o.identity.size, 13u);
  struct stat st;
  ASSERT_EQ(::stat((root_ + "/sub/in.csv").c_str(), &st), 0);
  EXPECT_EQ(o.identity.inode, static_cast<uint64_t>(st.st_ino));
  EXPECT_EQ(test::read_file(o.file.reopen_path()), "Email\na@b.co\n");
}

TEST_F(Beneath, Issue22RefusesPathsOutsideTheRootWithoutLookingAtThem) {
  EXPECT_EQ(open_beneath(root_, tmp_.file("outside/secret.csv")).result, BeneathResult::kRefused);
  EXPECT_EQ(open_beneath(root_, tmp_.file("outside/none.csv")).result, BeneathResult::kRefused);
  EXPECT_EQ(open_beneath(root_, root_ + "/../outside/secret.csv").result, BeneathResult::kRefused);
  EXPECT_EQ(open_beneath(root_, root_ + "/./sub/in.csv").result, BeneathResult::kRefused);
  EXPECT_EQ(open_beneath(root_, "sub/in.csv").result, BeneathResult::kRefused) << "relative";
  EXPECT_EQ(open_beneath(root_, root_ + "x/in.csv").result, BeneathResult::kRefused) << "a sibling sharing a prefix";
}

TEST_F(Beneath, Issue22FollowsNoSymlinkOnTheWay) {
  ASSERT_EQ(::symlink(tmp_.file("outside/secret.csv").c_str(), (root_ + "/link.csv").c_str()), 0);
  ASSERT_EQ(::symlink(tmp_.file("outside").c_str(), (root_ + "/dir").c_str()), 0);
  ASSERT_EQ(::symlink("sub/in.csv", (root_ + "/inner.csv").c_str()), 0);
  EXPECT_EQ(open_beneath(root_, root_ + "/link.csv").result, BeneathResult::kRefused);
  EXPECT_EQ(open_beneath(root_, root_ + "/dir/secret.csv").result, BeneathResult::kRefused);
  EXPECT_EQ(open_beneath(root_, root_ + "/inner.csv").result, BeneathResult::kRefused) << "even one inside";
}

TEST_F(Beneath, TellsMissingAndNonRegularFilesBeneathTheRoot) {
  EXPECT_EQ(open_beneath(root_, root_ + "/sub/none.csv").result, BeneathResult::kMissing);
  EXPECT_EQ(open_beneath(root_, root_ + "/sub").result, BeneathResult::kNotAFile);
  ASSERT_EQ(::mkfifo((root_ + "/fifo").c_str(), 0600), 0);
  EXPECT_EQ(open_beneath(root_, root_ + "/fifo").result, BeneathResult::kNotAFile) << "and does not block";
}

TEST_F(Beneath, TheReopenPathReachesTheOpenedFileAfterItsNameIsReplaced) {
  BeneathOpen o = open_beneath(root_, root_ + "/sub/in.csv");
  ASSERT_EQ(o.result, BeneathResult::kOpened);
  ASSERT_EQ(::unlink((root_ + "/sub/in.csv").c_str()), 0);
  ASSERT_EQ(::symlink(tmp_.file("outside/secret.csv").c_str(), (root_ + "/sub/in.csv").c_str()), 0);
  EXPECT_EQ(test::read_file(o.file.reopen_path()), "Email\na@b.co\n");
}

TEST(LexicallyBeneath, ComparesWholeComponents) {
  EXPECT_TRUE(lexically_beneath("/a/b", "/a/b/c"));
  EXPECT_TRUE(lexically_beneath("/a/b", "/a//b/c/d"));
  EXPECT_FALSE(lexically_beneath("/a/b", "/a/b"));
  EXPECT_FALSE(lexically_beneath("/a/b", "/a/bc/d"));
  EXPECT_FALSE(lexically_beneath("/a/b", "/a/b/../c"));
  EXPECT_FALSE(lexically_beneath("/a/b", "a/b/c"));
}

}  // namespace
}  // namespace crmerge
