// Every statement of every embedded SQL file prepares against the job schema.
#include <gtest/gtest.h>

#include "duck/connection.h"
#include "base/hash.h"
#include "duck/database.h"
#include "duck/result.h"
#include "merge/functions.h"
#include "merge/sql_files.h"

namespace crmerge::merge {
namespace {

TEST(EmbeddedSql, EveryStatementPrepares) {
  auto db = duck::Database::open({});
  ASSERT_TRUE(db.is_ok());
  auto& c = db->connection();
  ASSERT_TRUE(register_functions(c, MergeOptions{}).is_ok());
  ASSERT_TRUE(c.execute_script(sql::schema).is_ok());
  ASSERT_TRUE(c.execute_script(sql::schema).is_ok()) << "the schema must be safe to run at every open";
  ASSERT_GE(sql::all_sql().size(), 8u);
  for (const auto& [name, text] : sql::all_sql()) {
    // A script that makes tables for its later statements is run whole (on
    // the empty schema): its statements bind only once those exist.
    const bool makes_tables = text.find("CREATE OR REPLACE TABLE") != std::string_view::npos;
    Status s = makes_tables ? c.execute_script(text) : c.prepare_script(text);
    EXPECT_TRUE(s.is_ok()) << name << ": " << s.message();
  }
}

TEST(ScalarFunctions, NormalizersAreCallableFromSql) {
  auto db = duck::Database::open({});
  ASSERT_TRUE(db.is_ok());
  auto& c = db->connection();
  MergeOptions o;
  o.region = "GB";
  ASSERT_TRUE(register_functions(c, o).is_ok());
  auto row = c.query(
      "SELECT crm_email(' Jane <J@X.com>'), crm_linkedin('http://uk.linkedin.com/in/Jane/'), "
      "crm_domain('https://www.shop.acme.co.uk/x'), crm_name('Müller'), crm_phone('020 7946 0018'), "
      "crm_phone('DNC'), crm_email('nope'), crm_email(NULL)");
  ASSERT_TRUE(row.is_ok()) << row.status().message();
  duck::DataChunk chunk;
  ASSERT_TRUE(*row->next(chunk));
  EXPECT_EQ(chunk.varchar(0, 0), "j@x.com");
  EXPECT_EQ(chunk.varchar(1, 0), "linkedin.com/in/jane");
  EXPECT_EQ(chunk.varchar(2, 0), "acme.co.uk");
  EXPECT_EQ(chunk.varchar(3, 0), "muller");
  Hash128 h = hash128("+442079460018");
  EXPECT_EQ(chunk.varchar(4, 0), "valid|+442079460018|+442079460018|" + std::to_string(h.hi) + "|" + std::to_string(h.lo))
      << "the key hash must be the one keys.cc gives an e-mail or LinkedIn value";
  EXPECT_EQ(chunk.varchar(5, 0), "do-not-call||DNC|0|0");
  EXPECT_TRUE(chunk.is_null(6, 0));
  EXPECT_TRUE(chunk.is_null(7, 0));
  auto ext = c.query("SELECT crm_phone('020 7946 0018 ext. 12')");
  ASSERT_TRUE(ext.is_ok());
  duck::DataChunk ext_chunk;
  ASSERT_TRUE(*ext->next(ext_chunk));
  EXPECT_EQ(ext_chunk.varchar(0, 0), "valid|+442079460018|+442079460018 ext. 12|" + std::to_string(h.hi) + "|" +
                                         std::to_string(h.lo))
      << "the key is the number without its extension; the display keeps it";
}

// A script without its comments, upper-cased, on one line.
std::string upper_without_comments(std::string_view text) {
  std::string upper;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "--") == 0) {
      while (i < text.size() && text[i] != '\n') ++i;
      upper += ' ';
      continue;
    }
    char ch = text[i] == '\n' ? ' ' : text[i];
    upper += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  return upper;
}

TEST(EmbeddedSql, NoJoinConditionUsesOr) {
  // DESIGN.md invariant 6: an OR in a join condition is a nested-loop join.
  // Each JOIN's ON clause (comments removed) runs to the next clause keyword.
  int joins = 0;
  for (const auto& [name, text] : sql::all_sql()) {
    const std::string upper = upper_without_comments(text);
    for (size_t join = upper.find(" JOIN "); join != std::string::npos; join = upper.find(" JOIN ", join + 1)) {
      size_t on = upper.find(" ON ", join);
      if (on == std::string::npos) continue;
      ++joins;
      size_t end = upper.find(';', on);
      for (const char* stop : {" WHERE ", " GROUP ", " JOIN ", " ORDER ", " SELECT ", ")", " UNION ", " ANTI "})
        end = std::min(end, upper.find(stop, on + 4));
      EXPECT_EQ(upper.substr(on, end - on).find(" OR "), std::string::npos)
          << name << ": OR in a join condition: " << upper.substr(on, end - on);
    }
  }
  // (4: the joins the embedded SQL holds, since the match's weak keys, shared
  // keys and pairs are found in C++, merge/key_groups.h and merge/pairs.h (10
  // before), and where rows are comes from the row index, merge/row_index.h,
  // not a join with keys_rows (7 before).)
  EXPECT_GE(joins, 4) << "the check found too few joins to be checking anything";
}

// One memory-hungry operator per statement that writes a table: a join and a
// sort in one INSERT ran out of memory (the resolve phase's at 10M CRM rows
// with 256MB; the match's join and aggregate at 50M with 512MB), where each
// alone spills. (Queries the export streams sort one window of rows.)
TEST(EmbeddedSql, NoInsertBothJoinsAndSorts) {
  int inserts = 0;
  for (const auto& [name, text] : sql::all_sql()) {
    const std::string upper = upper_without_comments(text);
    for (size_t begin = 0; begin < upper.size();) {
      size_t end = std::min(upper.find(';', begin), upper.size());
      std::string_view statement = std::string_view(upper).substr(begin, end - begin);
      if (statement.find("INSERT ") != std::string_view::npos) {
        ++inserts;
        EXPECT_FALSE(statement.find(" JOIN ") != std::string_view::npos &&
                     statement.find(" ORDER BY ") != std::string_view::npos)
            << name << ": an INSERT that joins and sorts: " << statement;
      }
      begin = end + 1;
    }
  }
  // (6: the INSERTs the embedded SQL holds, since the match's weak keys, shared
  // keys and pairs are found in C++, merge/key_groups.h and merge/pairs.h, and
  // the phone keys libphonenumber reads join the runs of keys (10 before), and
  // the export reads the matches themselves, the match its pairs' names by the
  // row index (6 before).)
  EXPECT_GE(inserts, 4) << "the check found too few INSERTs to be checking anything";
}

}  // namespace
}  // namespace crmerge::merge
