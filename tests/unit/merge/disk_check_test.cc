#include "merge/disk_check.h"

#include <gtest/gtest.h>

#include "support/test_env.h"

namespace crmerge::merge {
namespace {

constexpr uint64_t kGB = 1000ull * 1000 * 1000;

TEST(DiskCheck, EstimatesFromTheInputsAndTheCrm) {
  DiskNeed n = estimate_disk_need(17 * kGB, 3 * kGB);
  EXPECT_EQ(n.job_folder, 17 * kGB);     // measured at 10M rows: 12.7 GiB (13.6 GB) at 512MB
  EXPECT_EQ(n.output, 3 * kGB / 2 * 3);  // measured: 1.37x the CRM
}

TEST(DiskCheck, OneDiskHoldsBoth) {
  DiskNeed n{10 * kGB, 5 * kGB};
  EXPECT_EQ(disk_warning(n, "/w", {16 * kGB, 1}, "/o", {16 * kGB, 1}), "");
  std::string w = disk_warning(n, "/w", {14 * kGB, 1}, "/o", {14 * kGB, 1});
  EXPECT_NE(w.find("/w has"), std::string::npos) << w;
  EXPECT_NE(w.find("the job folder and the output"), std::string::npos) << w;
  EXPECT_NE(w.find("--work-dir"), std::string::npos) << w;
}

TEST(DiskCheck, TwoDisksAreJudgedApart) {
  DiskNeed n{10 * kGB, 5 * kGB};
  EXPECT_EQ(disk_warning(n, "/w", {11 * kGB, 1}, "/o", {6 * kGB, 2}), "");
  std::string w = disk_warning(n, "/w", {9 * kGB, 1}, "/o", {6 * kGB, 2});
  EXPECT_NE(w.find("/w has"), std::string::npos) << w;
  EXPECT_EQ(w.find("/o has"), std::string::npos) << w;
  w = disk_warning(n, "/w", {11 * kGB, 1}, "/o", {4 * kGB, 2});
  EXPECT_EQ(w.find("/w has"), std::string::npos) << w;
  EXPECT_NE(w.find("/o has"), std::string::npos) << w;
}

TEST(DiskCheck, ReadsTheFreeSpaceOfAFolder) {
  test::TempDir dir;
  auto a = disk_space(dir.path());
  ASSERT_TRUE(a);
  EXPECT_GT(a->free, 0u);
  EXPECT_FALSE(disk_space(dir.file("missing")));
}

}  // namespace
}  // namespace crmerge::merge
