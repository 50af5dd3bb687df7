#include "base/folder_lock.h"

#include <gtest/gtest.h>

#include "support/test_env.h"

namespace crmerge {
namespace {

using test::TempDir;

// flock locks belong to an open file description: a second try_lock in the
// same process conflicts as another process's would.
TEST(FolderLock, IsHeldByOneAtATimeAndReleasedWhenItGoes) {
  TempDir dir;
  {
    auto first = FolderLock::try_lock(dir.path());
    ASSERT_TRUE(first.is_ok()) << first.status().message();
    auto second = FolderLock::try_lock(dir.path());
    ASSERT_FALSE(second.is_ok());
    EXPECT_EQ(second.status().code(), StatusCode::kInvalidInput);
    EXPECT_NE(second.status().message().find("in use"), std::string::npos) << second.status().message();
    FolderLock moved = std::move(first).value();  // a moved lock is still held
    EXPECT_FALSE(FolderLock::try_lock(dir.path()).is_ok());
  }
  EXPECT_TRUE(FolderLock::try_lock(dir.path()).is_ok()) << "released when the lock went";
}

TEST(FolderLock, AMissingFolderIsAnIoError) {
  TempDir dir;
  auto lock = FolderLock::try_lock(dir.file("missing"));
  ASSERT_FALSE(lock.is_ok());
  EXPECT_EQ(lock.status().code(), StatusCode::kIoError);
  EXPECT_NE(lock.status().message().find("missing"), std::string::npos);
}

}  // namespace
}  // namespace crmerge
