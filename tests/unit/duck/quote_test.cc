#include "duck/quote.h"

#include <gtest/gtest.h>

#include "duck/connection.h"
#include "duck/database.h"
#include "duck/result.h"

namespace crmerge::duck {
namespace {

TEST(Quote, Identifiers) {
  EXPECT_EQ(*quote_identifier("plain"), "\"plain\"");
  EXPECT_EQ(*quote_identifier("we\"ird"), "\"we\"\"ird\"");
  EXPECT_EQ(*quote_identifier("Zoë's table"), "\"Zoë's table\"");
  EXPECT_EQ(*quote_identifier(""), "\"\"");
}

TEST(Quote, Literals) {
  EXPECT_EQ(*quote_literal("O'Brien"), "'O''Brien'");
  EXPECT_EQ(*quote_literal("''"), "''''''");
  EXPECT_EQ(*quote_literal("日本"), "'日本'");
}

TEST(Quote, RefusesNulBytesAndInvalidUtf8) {
  EXPECT_FALSE(quote_identifier(std::string_view("a\0b", 3)).is_ok());
  EXPECT_FALSE(quote_literal(std::string_view("a\0b", 3)).is_ok());
  EXPECT_FALSE(quote_literal("caf\xE9").is_ok());
  EXPECT_FALSE(quote_identifier("\xC3").is_ok());
}

// What DuckDB makes of the quoted text is exactly the original.
TEST(Quote, RoundTripsThroughDuckDb) {
  auto db = Database::open({});
  ASSERT_TRUE(db.is_ok());
  auto& c = db->connection();
  for (std::string s : {"O'Brien", "x'); DROP TABLE t; --", "Zoë \"quoted\"", "tab\there", "line\nbreak", "😀"}) {
    auto lit = single_string(*c.query("SELECT " + *quote_literal(s)));
    ASSERT_TRUE(lit.is_ok());
    EXPECT_EQ(*lit, s);
    std::string create = "CREATE TABLE " + *quote_identifier(s) + " (" + *quote_identifier(s + "col") + " INTEGER)";
    ASSERT_TRUE(c.execute(create).is_ok()) << create;
    auto name = single_string(*c.query("SELECT table_name FROM duckdb_tables() WHERE table_name = " + *quote_literal(s)));
    ASSERT_TRUE(name.is_ok()) << s;
    EXPECT_EQ(*name, s);
  }
}

}  // namespace
}  // namespace crmerge::duck
