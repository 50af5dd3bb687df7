// The keys as sorted runs, merged into one stream (merge/key_runs.h), and the
// match's pass over that stream (merge/key_groups.h).
#include "merge/key_runs.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <tuple>

#include "base/files.h"
#include "duck/appender.h"
#include "duck/database.h"
#include "duck/result.h"
#include "merge/key_groups.h"
#include "support/test_env.h"

namespace crmerge::merge {
namespace {

using test::TempDir;

TEST(KeyRecord, PacksKindSourceRowAndRoleMailbox) {
  const KeyRecord r = KeyRecord::make(1, 2, 3, 70000, KeyRecord::kMaxRow, 9, true);
  EXPECT_EQ(r.kind(), 3);
  EXPECT_EQ(r.src(), 70000);
  EXPECT_EQ(r.row(), KeyRecord::kMaxRow);
  EXPECT_TRUE(r.role_mailbox());
  const KeyRecord s = KeyRecord::make(1, 2, 1, 0, 0, 0, false);
  EXPECT_EQ(s.kind(), 1);
  EXPECT_EQ(s.src(), 0);
  EXPECT_EQ(s.row(), 0u);
  EXPECT_FALSE(s.role_mailbox());
}

// The stream's order: by key, then input, then person, then row; the kind
// before the input although the row sits below both in the packed bits.
TEST(KeyRecord, OrdersByKeyThenInputThenPersonThenRow) {
  std::vector<KeyRecord> in = {
      KeyRecord::make(5, 1, 1, 2, 1, 1, false), KeyRecord::make(5, 1, 1, 0, 9, 7, false),
      KeyRecord::make(5, 1, 1, 0, 3, 7, false), KeyRecord::make(5, 1, 1, 0, 100, 2, false),
      KeyRecord::make(5, 0, 3, 0, 1, 1, false), KeyRecord::make(4, 9, 3, 1, 1, 1, false),
      KeyRecord::make(5, 1, 2, 0, 0, 0, false)};
  std::sort(in.begin(), in.end(), KeyRecord::less);
  std::vector<std::tuple<uint64_t, uint64_t, int, int, uint64_t, uint64_t>> got;
  for (const auto& r : in) got.emplace_back(r.h1, r.h2, r.kind(), r.src(), r.person, r.row());
  const decltype(got) want = {{4, 9, 3, 1, 1, 1},   {5, 0, 3, 0, 1, 1},  {5, 1, 1, 0, 2, 100}, {5, 1, 1, 0, 7, 3},
                              {5, 1, 1, 0, 7, 9},   {5, 1, 1, 2, 1, 1},  {5, 1, 2, 0, 0, 0}};
  EXPECT_EQ(got, want);
}

// Every record the merger gives, in its order (a read error fails the test).
std::vector<KeyRecord> read_all(RunMerger<KeyRecord>& merged) {
  std::vector<KeyRecord> out;
  KeyRecord r;
  for (;;) {
    auto more = merged.next(r);
    if (!more.is_ok()) {
      ADD_FAILURE() << more.status().message();
      return {};
    }
    if (!*more) return out;
    out.push_back(r);
  }
}

// Two writers, runs of 137 records, keys that repeat: merged through the
// smallest buffers (64 records, fewer than a run), every record comes out
// once, in order.
TEST(KeyRuns, ManyRunsMergeIntoOneSortedStream) {
  TempDir dir;
  std::mt19937_64 rng(7);
  std::vector<KeyRecord> all;
  RunWriter<KeyRecord> a(dir.path(), "a", 137), b(dir.path(), "b", 137);
  for (int i = 0; i < 20000; ++i) {
    KeyRecord r = KeyRecord::make(rng() % 500, rng() % 3, 1 + static_cast<int>(rng() % 3), static_cast<int>(rng() % 4),
                                  static_cast<uint64_t>(i), rng() % 5, rng() % 7 == 0);
    all.push_back(r);
    ASSERT_TRUE((i % 3 ? a : b).add(r).is_ok());
  }
  ASSERT_TRUE(a.close().is_ok());
  ASSERT_TRUE(b.close().is_ok());
  auto merged = RunMerger<KeyRecord>::open(dir.path(), 1);
  ASSERT_TRUE(merged.is_ok()) << merged.status().message();
  EXPECT_EQ(merged->records(), all.size());
  std::vector<KeyRecord> out = read_all(*merged);
  ASSERT_EQ(out.size(), all.size());
  EXPECT_TRUE(std::is_sorted(out.begin(), out.end(), KeyRecord::less));
  auto as_tuple = [](const KeyRecord& k) { return std::make_tuple(k.h1, k.h2, k.person, k.bits); };
  std::multiset<std::tuple<uint64_t, uint64_t, uint64_t, uint64_t>> want, got;
  for (const auto& k : all) want.insert(as_tuple(k));
  for (const auto& k : out) got.insert(as_tuple(k));
  EXPECT_TRUE(want == got);
}

// The merge (a tree of losers) at every shape of tree: no run, one, counts
// that are not powers of two, empty runs among them, runs of one record.
TEST(KeyRuns, MergesAnyNumberOfRunsEmptyOnesAmongThem) {
  for (int runs : {0, 1, 2, 3, 5, 8, 17}) {
    TempDir dir;
    std::mt19937_64 rng(static_cast<uint64_t>(runs));
    std::vector<KeyRecord> all;
    for (int k = 0; k < runs; ++k) {
      const int size = k % 4 == 1 ? 0 : k % 4 == 2 ? 1 : 50 + static_cast<int>(rng() % 200);
      RunWriter<KeyRecord> w(dir.path(), "r" + std::to_string(k), 1000);
      for (int i = 0; i < size; ++i) {
        KeyRecord r = KeyRecord::make(rng() % 64, 0, 1, 0, rng() % 1000, 0, false);
        all.push_back(r);
        ASSERT_TRUE(w.add(r).is_ok());
      }
      ASSERT_TRUE(w.close().is_ok());
      if (size == 0) {
        ASSERT_TRUE(write_file_atomically(dir.file("r" + std::to_string(k) + "-0.run"), "").is_ok());
      }
    }
    auto merged = RunMerger<KeyRecord>::open(dir.path(), 1);
    ASSERT_TRUE(merged.is_ok()) << merged.status().message();
    std::vector<KeyRecord> out = read_all(*merged);
    KeyRecord r;
    auto more = merged->next(r);  // asked again at the end: still the end
    ASSERT_TRUE(more.is_ok());
    EXPECT_FALSE(*more);
    std::sort(all.begin(), all.end(), KeyRecord::less);
    ASSERT_EQ(out.size(), all.size()) << runs << " runs";
    for (size_t i = 0; i < out.size(); ++i) {
      ASSERT_TRUE(!KeyRecord::less(out[i], all[i]) && !KeyRecord::less(all[i], out[i])) << runs << " runs, record " << i;
    }
  }
}

// A merge cut into parts by bounds (as the match cuts its passes among its
// workers): each part gives, in order, exactly the records between its bounds;
// the parts together give every record once, whatever the count of parts, with
// bounds among equal records, before the first and beyond the last.
TEST(KeyRuns, PartsOfTheMergeBetweenBoundsGiveEveryRecordOnce) {
  TempDir dir;
  std::mt19937_64 rng(11);
  std::vector<KeyRecord> all;
  for (int k = 0; k < 5; ++k) {
    RunWriter<KeyRecord> w(dir.path(), "r" + std::to_string(k), 333);
    for (int i = 0; i < 700 * k; ++i) {  // (run 0 is empty)
      KeyRecord r = KeyRecord::make(10 + rng() % 40, rng() % 2, 1, 0, rng() % 1000, 0, false);
      all.push_back(r);
      ASSERT_TRUE(w.add(r).is_ok());
    }
    ASSERT_TRUE(w.close().is_ok());
  }
  ASSERT_TRUE(write_file_atomically(dir.file("r0-0.run"), "").is_ok());
  std::sort(all.begin(), all.end(), KeyRecord::less);
  auto bound = [](uint64_t h1) {
    KeyRecord b;
    b.h1 = h1;
    return b;
  };
  const std::vector<std::vector<uint64_t>> cuts = {{}, {30}, {0, 10, 29, 49, 50, 1000}, {10, 11, 12, 13, 14, 15, 40}};
  for (const auto& c : cuts) {
    std::vector<KeyRecord> joined;
    for (size_t k = 0; k <= c.size(); ++k) {
      const KeyRecord from = bound(k > 0 ? c[k - 1] : 0), to = bound(k < c.size() ? c[k] : 0);
      auto part = RunMerger<KeyRecord>::open(dir.path(), 1, k > 0 ? &from : nullptr, k < c.size() ? &to : nullptr);
      ASSERT_TRUE(part.is_ok()) << part.status().message();
      std::vector<KeyRecord> out = read_all(*part);
      EXPECT_EQ(part->records(), out.size());
      EXPECT_TRUE(std::is_sorted(out.begin(), out.end(), KeyRecord::less));
      for (const auto& r : out) {
        EXPECT_TRUE(k == 0 || r.h1 >= c[k - 1]) << r.h1 << " in part " << k;
        EXPECT_TRUE(k == c.size() || r.h1 < c[k]) << r.h1 << " in part " << k;
      }
      joined.insert(joined.end(), out.begin(), out.end());
    }
    ASSERT_EQ(joined.size(), all.size()) << c.size() << " cuts";
    for (size_t i = 0; i < joined.size(); ++i) {
      ASSERT_TRUE(!KeyRecord::less(joined[i], all[i]) && !KeyRecord::less(all[i], joined[i])) << c.size() << " cuts, record " << i;
    }
  }
}

TEST(KeyRuns, AShortenedRunIsAnErrorNamingIt) {
  TempDir dir;
  RunWriter<KeyRecord> w(dir.path(), "k", 100);
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(w.add(KeyRecord::make(i, 0, 1, 0, i, 0, false)).is_ok());
  ASSERT_TRUE(w.close().is_ok());
  const std::string run = dir.file("k-0.run");
  ASSERT_TRUE(path_exists(run));
  auto text = read_small_file(run);
  ASSERT_TRUE(text.is_ok());
  ASSERT_TRUE(write_file_atomically(run, text->substr(0, text->size() - 5)).is_ok());
  auto merged = RunMerger<KeyRecord>::open(dir.path());
  ASSERT_FALSE(merged.is_ok());
  EXPECT_NE(merged.status().message().find("k-0.run"), std::string::npos) << merged.status().message();
}

class KeyGroupsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = duck::Database::open({});
    ASSERT_TRUE(db.is_ok());
    db_ = std::make_unique<duck::Database>(std::move(db).value());
    ASSERT_TRUE(c().execute("CREATE TABLE match_weak (src INTEGER, kind UTINYINT, h1 UBIGINT, h2 UBIGINT, rows UBIGINT, "
                            "people UBIGINT, holder_row UBIGINT)")
                    .is_ok());
  }
  duck::Connection& c() { return db_->connection(); }

  // Runs the records (in any order: sorted here) through KeyGroups.
  KeyGroups::RoleMailboxes run(std::vector<KeyRecord> records, uint64_t crm_rows_per_key = 65536, int32_t src = 1) {
    std::sort(records.begin(), records.end(), KeyRecord::less);
    auto weak = duck::Appender::open(c(), "match_weak");
    EXPECT_TRUE(weak.is_ok());
    links_dir_ = dir_.file("links-" + std::to_string(runs_++));  // a folder of its own for each run
    EXPECT_TRUE(make_directories(links_dir_).is_ok());
    RunWriter<LinkRecord> links(links_dir_, "links", 5);
    KeyGroups g(*weak, links, crm_rows_per_key, dir_.path() + "/spill/crm-rows-of-one-key.tmp");
    for (const auto& r : records) EXPECT_TRUE(g.add(r).is_ok());
    EXPECT_TRUE(g.finish().is_ok());
    EXPECT_TRUE(weak->close().is_ok());
    EXPECT_TRUE(links.close().is_ok());
    return g.role_mailboxes().size() > static_cast<size_t>(src) ? g.role_mailboxes()[static_cast<size_t>(src)]
                                                                : KeyGroups::RoleMailboxes{};
  }
  std::vector<std::string> rows(const std::string& sql) {
    std::vector<std::string> out;
    auto q = c().query(sql);
    EXPECT_TRUE(q.is_ok()) << q.status().message();
    duck::DataChunk chunk;
    const size_t cols = q->column_count();
    while (*q->next(chunk))
      for (size_t r = 0; r < chunk.size(); ++r) {
        std::string line;
        for (size_t col = 0; col < cols; ++col)
          line += (col ? "," : "") + std::to_string(chunk.int64(col, r));
        out.push_back(line);
      }
    return out;
  }
  // The links written, in order: "crm_row,src,vendor_row,kind,names_differ".
  std::vector<std::string> links() {
    std::vector<std::string> out;
    auto merged = RunMerger<LinkRecord>::open(links_dir_);
    EXPECT_TRUE(merged.is_ok());
    LinkRecord l;
    while (*merged->next(l))
      out.push_back(std::to_string(l.crm_row) + "," + std::to_string(l.src) + "," + std::to_string(l.vendor_row) + "," +
                    std::to_string(l.kind) + "," + std::to_string(l.names_differ));
    return out;
  }
  TempDir dir_;
  std::string links_dir_;  // the last run's links
  int runs_ = 0;
  std::unique_ptr<duck::Database> db_;
};

KeyRecord email(uint64_t key, int32_t src, uint64_t row, uint64_t person, bool role = false) {
  return KeyRecord::make(key, 0, 1, src, row, person, role);
}

// A key on rows with two names in one input is weak there: none of that
// input's rows link; another input where it is not weak still links.
TEST_F(KeyGroupsTest, AKeyOfTwoPeopleInOneInputLinksFromNoneOfItsRows) {
  run({email(1, 0, 10, 100), email(1, 1, 5, 100), email(1, 1, 6, 200), email(1, 2, 7, 100)});
  EXPECT_EQ(rows("SELECT src, kind, h1, rows, people, holder_row FROM match_weak"),
            std::vector<std::string>({"1,1,1,2,2,5"}));
  EXPECT_EQ(links(), std::vector<std::string>({"10,2,7,1,0"}));
}

// Ten rows of one input, one name: weak by its rows alone.
TEST_F(KeyGroupsTest, TenRowsMakeAKeyWeak) {
  std::vector<KeyRecord> r = {email(2, 0, 1, 5)};
  for (uint64_t i = 0; i < 10; ++i) r.push_back(email(2, 1, 100 + i, 5));
  for (uint64_t i = 0; i < 9; ++i) r.push_back(email(2, 2, 200 + i, 5));
  run(r);
  EXPECT_EQ(rows("SELECT src, rows, people, holder_row FROM match_weak"), std::vector<std::string>({"1,10,1,100"}));
  const auto l = links();
  EXPECT_EQ(l.size(), 9u);
  for (const auto& link : l) EXPECT_EQ(link.substr(0, 4), "1,2,") << link;  // CRM row 1, vendor 2
}

// A row holding the key twice (one number in two columns) holds it once, and
// a role mailbox counts toward weakness but never links.
TEST_F(KeyGroupsTest, ARowHoldingAKeyTwiceAndRoleMailboxes) {
  auto roles = run({email(3, 0, 1, 0), email(3, 0, 1, 0), email(3, 1, 4, 0), email(3, 1, 4, 0),
                    email(9, 0, 2, 0, true), email(9, 1, 8, 0, true), email(9, 1, 9, 0, true)});
  EXPECT_EQ(links(), std::vector<std::string>({"1,1,4,1,0"}));
  EXPECT_EQ(roles.rows, 2u);
  EXPECT_EQ(roles.keys, 1u);
  EXPECT_TRUE(rows("SELECT * FROM match_weak").empty());
}

// A LinkedIn profile is never weak; its CRM rows beyond what is held in memory
// go to a file and link the same.
TEST_F(KeyGroupsTest, ALinkedinProfileOnManyCrmRowsLinksTheSameFromAFile) {
  std::vector<KeyRecord> r;
  for (uint64_t i = 0; i < 50; ++i) r.push_back(KeyRecord::make(4, 4, 2, 0, i, i % 3, false));
  for (uint64_t i = 0; i < 3; ++i) r.push_back(KeyRecord::make(4, 4, 2, 1, 1000 + i, 1, false));
  r.push_back(KeyRecord::make(5, 5, 2, 0, 77, 0, false));
  r.push_back(KeyRecord::make(5, 5, 2, 1, 78, 0, false));
  run(r);
  const auto in_memory = links();
  run(r, 7);
  EXPECT_EQ(links(), in_memory);
  EXPECT_EQ(in_memory.size(), 151u);
  EXPECT_TRUE(rows("SELECT * FROM match_weak").empty());
  EXPECT_FALSE(path_exists(dir_.path() + "/spill/crm-rows-of-one-key.tmp"));
}

}  // namespace
}  // namespace crmerge::merge
