// Every statement of every embedded SQL file prepares against the job schema.
#include <gtest/gtest.h>

#include "duck/connection.h"
#include "duck/database.h"
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
    Status s = c.prepare_script(text);
    EXPECT_TRUE(s.is_ok()) << name << ": " << s.message();
  }
}

TEST(EmbeddedSql, NoJoinConditionUsesOr) {
  // DESIGN.md invariant 6: an OR in a join condition is a nested-loop join.
  for (const auto& [name, text] : sql::all_sql()) {
    std::string upper;
    for (char ch : text) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    for (size_t on = upper.find(" ON "); on != std::string::npos; on = upper.find(" ON ", on + 1)) {
      size_t end = upper.find_first_of(";", on);
      for (const char* stop : {" WHERE ", " GROUP ", " JOIN ", " ORDER ", " SELECT ", ")", " UNION "})
        end = std::min(end, upper.find(stop, on + 4));
      EXPECT_EQ(upper.substr(on, end - on).find(" OR "), std::string::npos) << name << ": OR in a join condition";
    }
  }
}

}  // namespace
}  // namespace crmerge::merge
