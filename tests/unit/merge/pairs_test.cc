// The pairs of the links, the rule that rejects a pair, and the decision per
// CRM row and vendor (merge/pairs.h).
#include "merge/pairs.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/files.h"
#include "duck/appender.h"
#include "duck/database.h"
#include "duck/result.h"
#include "support/test_env.h"

namespace crmerge::merge {
namespace {

using test::TempDir;

LinkRecord link(uint64_t crm, int32_t src, uint64_t vendor, uint8_t kind, bool names_differ = false) {
  LinkRecord l;
  l.crm_row = crm;
  l.src = src;
  l.vendor_row = vendor;
  l.kind = kind;
  l.names_differ = names_differ;
  return l;
}

// The links of one pair, in any run, come together and are summed up.
TEST(PairReader, SumsUpTheLinksOfEachPair) {
  TempDir dir;
  {
    RunWriter<LinkRecord> a(dir.path(), "a", 2), b(dir.path(), "b", 2);
    ASSERT_TRUE(a.add(link(5, 1, 9, 3, true)).is_ok());
    ASSERT_TRUE(b.add(link(5, 1, 9, 1, true)).is_ok());
    ASSERT_TRUE(a.add(link(5, 1, 9, 1, true)).is_ok());  // a second e-mail
    ASSERT_TRUE(b.add(link(5, 2, 9, 2)).is_ok());
    ASSERT_TRUE(a.add(link(4, 2, 1, 3)).is_ok());
    ASSERT_TRUE(a.close().is_ok());
    ASSERT_TRUE(b.close().is_ok());
  }
  auto links = RunMerger<LinkRecord>::open(dir.path());
  ASSERT_TRUE(links.is_ok());
  PairReader pairs(std::move(links).value());
  std::vector<std::string> got;
  Pair p;
  while (*pairs.next(p))
    got.push_back(std::to_string(p.crm_row) + "," + std::to_string(p.src) + "," + std::to_string(p.vendor_row) + ":" +
                  std::to_string(p.best_kind) + "," + std::to_string(p.kinds) + "," + std::to_string(p.shared) + "," +
                  std::to_string(p.names_differ) + "," + std::to_string(p.names_matter()));
  EXPECT_EQ(got, std::vector<std::string>({"4,2,1:3,8,1,0,0", "5,1,9:1,10,3,1,0", "5,2,9:2,4,1,0,0"}));
}

TEST(Rejection, NamesOnlyCountWhenOneKindOfKeyLinksThePair) {
  Pair phone{1, 1, 1, 3, 1 << 3, 1, true};
  Pair email{1, 1, 1, 1, 1 << 1, 1, true};
  Pair both{1, 1, 1, 1, (1 << 1) | (1 << 3), 2, true};
  const NameConflicts last{true, false, false}, first{false, true, false}, scripts{false, false, true};
  EXPECT_EQ(rejection(phone, std::nullopt), std::nullopt);
  EXPECT_EQ(rejection(phone, last), 0);
  EXPECT_EQ(rejection(phone, first), 0);
  EXPECT_EQ(rejection(phone, scripts), 1);
  EXPECT_EQ(rejection(email, last), std::nullopt) << "a last name alone may change with marriage";
  EXPECT_EQ(rejection(email, first), 2);
  EXPECT_EQ(rejection(email, scripts), std::nullopt);
  EXPECT_EQ(rejection(both, first), std::nullopt) << "two kinds of strong key outweigh the names";
  EXPECT_EQ(rejection_text(2), "first names disagree (a recycled address?)");
}

class PairDeciderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = duck::Database::open({});
    ASSERT_TRUE(db.is_ok());
    db_ = std::make_unique<duck::Database>(std::move(db).value());
    ASSERT_TRUE(c().execute("CREATE TABLE match_candidates (crm_row UBIGINT, src INTEGER, vendor_row UBIGINT, "
                            "best_kind UTINYINT, shared UBIGINT, kinds UTINYINT, decision VARCHAR, reason VARCHAR)")
                    .is_ok());
    ASSERT_TRUE(c().execute("CREATE TABLE match_pairs (crm_row UBIGINT, src INTEGER, vendor_row UBIGINT, "
                            "best_kind UTINYINT, shared UBIGINT, kinds UTINYINT, ambiguous BOOLEAN, accepted UBIGINT)")
                    .is_ok());
  }
  duck::Connection& c() { return db_->connection(); }

  // The pairs decided with `held` of a group in memory; the tables' rows, sorted.
  std::vector<std::string> decide(const std::vector<std::pair<Pair, std::optional<int>>>& pairs, size_t held) {
    EXPECT_TRUE(c().execute("DELETE FROM match_candidates").is_ok());
    EXPECT_TRUE(c().execute("DELETE FROM match_pairs").is_ok());
    {
      auto cands = duck::Appender::open(c(), "match_candidates");
      auto matches = duck::Appender::open(c(), "match_pairs");
      EXPECT_TRUE(cands.is_ok() && matches.is_ok());
      PairDecider d(*cands, *matches, held, dir_.path() + "/spill/pairs-of-one-row.tmp");
      for (const auto& [p, r] : pairs) EXPECT_TRUE(d.add(p, r).is_ok());
      EXPECT_TRUE(d.finish().is_ok());
      EXPECT_TRUE(cands->close().is_ok());
      EXPECT_TRUE(matches->close().is_ok());
    }
    std::vector<std::string> out;
    for (const char* sql : {"SELECT 'c', crm_row, src, vendor_row, decision FROM match_candidates ORDER BY ALL",
                            "SELECT 'p', crm_row, src, vendor_row, ambiguous::VARCHAR || ' ' || accepted FROM match_pairs "
                            "ORDER BY ALL"}) {
      auto q = c().query(sql);
      EXPECT_TRUE(q.is_ok());
      duck::DataChunk chunk;
      while (*q->next(chunk))
        for (size_t r = 0; r < chunk.size(); ++r)
          out.push_back(std::string(chunk.varchar(0, r)) + " " + std::to_string(chunk.int64(1, r)) + " " +
                        std::to_string(chunk.int64(2, r)) + " " + std::to_string(chunk.int64(3, r)) + " " +
                        std::string(chunk.varchar(4, r)));
    }
    return out;
  }
  TempDir dir_;
  std::unique_ptr<duck::Database> db_;
};

Pair pair(uint64_t crm, int32_t src, uint64_t vendor, uint64_t best_kind, uint64_t shared) {
  return Pair{crm, src, vendor, best_kind, uint64_t{1} << best_kind, shared, false};
}

// The match: the strongest kind, then the most keys, then the earliest row; the
// same kind and count lost a tie; the rest were outranked; rejected pairs
// never match. The same whether a group's pairs are held in memory or in a file.
TEST_F(PairDeciderTest, DecidesEachCrmRowAndVendorTheSameFromMemoryOrAFile) {
  const std::vector<std::pair<Pair, std::optional<int>>> pairs = {
      {pair(1, 1, 3, 3, 1), std::nullopt},  // outranked (a phone)
      {pair(1, 1, 4, 1, 1), 2},             // rejected (first names)
      {pair(1, 1, 5, 1, 2), std::nullopt},  // the match (an e-mail, two keys)
      {pair(1, 1, 6, 1, 2), std::nullopt},  // tie lost
      {pair(1, 1, 7, 1, 1), std::nullopt},  // outranked (fewer keys)
      {pair(1, 2, 1, 2, 1), std::nullopt},  // another vendor: its own match
      {pair(2, 1, 1, 1, 1), 0},             // rejected only: no match
  };
  const std::vector<std::string> want = {
      "c 1 1 3 outranked", "c 1 1 4 rejected", "c 1 1 6 tie_lost", "c 1 1 7 outranked", "c 2 1 1 rejected",
      "p 1 1 5 true 4",    "p 1 2 1 false 1"};
  EXPECT_EQ(decide(pairs, 1000), want);
  EXPECT_EQ(decide(pairs, 2), want);
  EXPECT_FALSE(path_exists(dir_.path() + "/spill/pairs-of-one-row.tmp"));
}

}  // namespace
}  // namespace crmerge::merge
