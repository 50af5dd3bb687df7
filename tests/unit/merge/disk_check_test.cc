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
  EXPECT_EQ(n.database, 17 * kGB / 100 * 35);  // measured at 50M rows: 0.25x the inputs
}

// On one disk the folder's peak (the match) and the output (the export, beside
// the database alone) come one after the other: the larger of the two counts.
TEST(DiskCheck, OneDiskHoldsBoth) {
  DiskNeed n{10 * kGB, 5 * kGB, 3 * kGB};
  EXPECT_EQ(disk_warning(n, "/w", {11 * kGB, 1}, "/o", {11 * kGB, 1}), "");
  std::string w = disk_warning(n, "/w", {9 * kGB, 1}, "/o", {9 * kGB, 1});
  EXPECT_NE(w.find("/w has"), std::string::npos) << w;
  EXPECT_NE(w.find("the job folder and the output"), std::string::npos) << w;
  EXPECT_NE(w.find("need about 9.3 GiB"), std::string::npos) << w;
  EXPECT_NE(w.find("--work-dir"), std::string::npos) << w;
  DiskNeed big_output{10 * kGB, 9 * kGB, 3 * kGB};  // the export needs more than the peak
  EXPECT_EQ(disk_warning(big_output, "/w", {13 * kGB, 1}, "/o", {13 * kGB, 1}), "");
  w = disk_warning(big_output, "/w", {11 * kGB, 1}, "/o", {11 * kGB, 1});
  EXPECT_NE(w.find("need about 11.2 GiB"), std::string::npos) << w;
}

TEST(DiskCheck, TwoDisksAreJudgedApart) {
  DiskNeed n{10 * kGB, 5 * kGB, 3 * kGB};
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
