// The external sort of fixed-size records (merge/sorted_runs.h) around the page
// cache and through it: runs of records whose size does not divide a disk block
// (24 bytes, as the match's links), so that reads start and end inside records
// and blocks alike.
#include "merge/sorted_runs.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <random>
#include <vector>

#include "base/files.h"
#include "support/test_env.h"

namespace crmerge::merge {
namespace {

using test::TempDir;

struct Rec24 {
  uint64_t key = 0, id = 0;
  int32_t a = 0;
  uint32_t b = 0;
  static bool less(const Rec24& x, const Rec24& y) { return x.key != y.key ? x.key < y.key : x.id < y.id; }
};
static_assert(sizeof(Rec24) == 24);

std::vector<Rec24> read_all(RunMerger<Rec24>& m) {
  std::vector<Rec24> out;
  Rec24 r;
  for (;;) {
    auto more = m.next(r);
    if (!more.is_ok()) {
      ADD_FAILURE() << more.status().message();
      return out;
    }
    if (!*more) return out;
    out.push_back(r);
  }
}

// Six runs (one empty) of up to 3000 records written and merged whole and in
// parts between bounds, through the smallest buffers (64 records: a read every
// 1536 bytes) and larger ones: every record comes out once, in order, the same
// with CRMERGE_NO_DIRECT_IO; each run file holds exactly its records.
TEST(SortedRuns, RecordsAcrossDiskBlocksMergeTheSameAroundThePageCacheAndThroughIt) {
  for (bool forbidden : {false, true}) {
    if (forbidden) setenv("CRMERGE_NO_DIRECT_IO", "1", 1);
    TempDir dir;
    std::mt19937_64 rng(forbidden ? 5 : 7);
    std::vector<Rec24> all;
    std::vector<size_t> sizes = {0, 1, 171, 1000, 2731, 3000};
    for (size_t k = 0; k < sizes.size(); ++k) {
      RunWriter<Rec24> w(dir.path(), "r" + std::to_string(k), 5000);
      for (size_t i = 0; i < sizes[k]; ++i) {
        Rec24 r{rng() % 5000, all.size(), static_cast<int32_t>(k), static_cast<uint32_t>(i)};
        all.push_back(r);
        ASSERT_TRUE(w.add(r).is_ok());
      }
      ASSERT_TRUE(w.close().is_ok());
      if (sizes[k] > 0) {
        auto info = stat_path(dir.file("r" + std::to_string(k) + "-0.run"));
        ASSERT_TRUE(info.is_ok());
        EXPECT_EQ(info->size, sizes[k] * sizeof(Rec24)) << "run " << k;
      }
    }
    std::sort(all.begin(), all.end(), Rec24::less);
    for (size_t buffer_bytes : {size_t{1}, size_t{100000}, size_t{32} << 20}) {
      auto whole = RunMerger<Rec24>::open(dir.path(), buffer_bytes);
      ASSERT_TRUE(whole.is_ok()) << whole.status().message();
      std::vector<Rec24> out = read_all(*whole);
      ASSERT_EQ(out.size(), all.size());
      for (size_t i = 0; i < out.size(); ++i) ASSERT_EQ(out[i].id, all[i].id) << "record " << i;

      std::vector<Rec24> joined;
      const std::vector<uint64_t> cuts = {0, 777, 778, 2500, 4999, 6000};
      for (size_t k = 0; k <= cuts.size(); ++k) {
        const Rec24 from{k > 0 ? cuts[k - 1] : 0, 0, 0, 0}, to{k < cuts.size() ? cuts[k] : 0, 0, 0, 0};
        auto part = RunMerger<Rec24>::open(dir.path(), buffer_bytes, k > 0 ? &from : nullptr,
                                           k < cuts.size() ? &to : nullptr);
        ASSERT_TRUE(part.is_ok()) << part.status().message();
        std::vector<Rec24> got = read_all(*part);
        EXPECT_EQ(part->records(), got.size());
        joined.insert(joined.end(), got.begin(), got.end());
      }
      ASSERT_EQ(joined.size(), all.size()) << buffer_bytes << " bytes of buffers";
      for (size_t i = 0; i < joined.size(); ++i) ASSERT_EQ(joined[i].id, all[i].id) << "record " << i;
    }
    if (forbidden) unsetenv("CRMERGE_NO_DIRECT_IO");
  }
}

}  // namespace
}  // namespace crmerge::merge
