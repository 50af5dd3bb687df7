#include "base/file_limit.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

namespace crmerge {
namespace {

// Lowered first (always allowed), the soft limit comes back up to the hard
// one; the limits are restored after.
TEST(FileLimit, RaisesTheSoftLimitToTheHardOne) {
  rlimit before{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &before), 0);
  if (before.rlim_max <= 64) GTEST_FAIL() << "a hard limit of " << before.rlim_max << " open files leaves nothing to test";
  rlimit lowered = before;
  lowered.rlim_cur = 64;
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &lowered), 0);

  const uint64_t now = raise_open_file_limit();
  rlimit after{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &after), 0);
  EXPECT_GT(after.rlim_cur, rlim_t{64});
  EXPECT_EQ(now, after.rlim_cur == RLIM_INFINITY ? UINT64_MAX : static_cast<uint64_t>(after.rlim_cur));
  if (before.rlim_max != RLIM_INFINITY) {
    EXPECT_EQ(after.rlim_cur, before.rlim_max);
  }
  EXPECT_EQ(after.rlim_max, before.rlim_max);  // the hard limit untouched

  // Already at the hard limit: nothing changes.
  EXPECT_EQ(raise_open_file_limit(), now);
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &before), 0);
}

}  // namespace
}  // namespace crmerge
