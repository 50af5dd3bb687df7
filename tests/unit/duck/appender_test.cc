#include "duck/appender.h"

#include <gtest/gtest.h>

#include "duck/database.h"
#include "duck/result.h"

namespace crmerge::duck {
namespace {

class AppenderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = Database::open({});
    ASSERT_TRUE(db.is_ok());
    db_ = std::make_unique<Database>(std::move(db).value());
  }
  Connection& c() { return db_->connection(); }
  int64_t count(const std::string& sql) { return *single_int64(*c().query(sql)); }
  std::unique_ptr<Database> db_;
};

// More rows than one chunk (2048), every type the appender writes, and NULLs
// only in the first chunk: a reset chunk must not keep them.
TEST_F(AppenderTest, EveryTypeAcrossSeveralChunks) {
  ASSERT_TRUE(c().execute("CREATE TABLE t (b BOOLEAN, i8 TINYINT, i16 SMALLINT, i32 INTEGER, i64 BIGINT, u8 UTINYINT, "
                          "u16 USMALLINT, u32 UINTEGER, u64 UBIGINT, f FLOAT, d DOUBLE, s VARCHAR)")
                  .is_ok());
  auto app = Appender::open(c(), "t");
  ASSERT_TRUE(app.is_ok()) << app.status().message();
  constexpr int64_t kRows = 5000;
  for (int64_t i = 0; i < kRows; ++i) {
    ASSERT_TRUE(app->append_bool(i % 3 == 0).is_ok());
    ASSERT_TRUE(app->append(int32_t(i % 100 - 50)).is_ok());
    ASSERT_TRUE(app->append(int64_t{-i}).is_ok());
    if (i % 7 == 0 && i < 2048) ASSERT_TRUE(app->append_null().is_ok());
    else ASSERT_TRUE(app->append(int32_t(i)).is_ok());
    ASSERT_TRUE(app->append(int64_t{i} * int64_t{1000000000000}).is_ok());
    ASSERT_TRUE(app->append(uint64_t(i % 256)).is_ok());
    ASSERT_TRUE(app->append(uint64_t(i)).is_ok());
    ASSERT_TRUE(app->append(int64_t{i} * 100000).is_ok());
    ASSERT_TRUE(app->append(uint64_t{18446744073709551615ULL} - uint64_t(i)).is_ok());
    ASSERT_TRUE(app->append_double(0.5).is_ok());
    ASSERT_TRUE(app->append_double(i * 0.25).is_ok());
    ASSERT_TRUE(app->append(std::string_view(i % 2 ? "Zoë, \"quoted\"" : "a string longer than twelve bytes")).is_ok());
    ASSERT_TRUE(app->end_row().is_ok());
  }
  ASSERT_TRUE(app->close().is_ok());
  EXPECT_EQ(count("SELECT count(*) FROM t"), kRows);
  EXPECT_EQ(count("SELECT count(*) FROM t WHERE b"), (kRows + 2) / 3);
  EXPECT_EQ(count("SELECT sum(i8) FROM t"), 50 * -50);  // 50 cycles of -50..49
  EXPECT_EQ(count("SELECT sum(i16) FROM t"), -(kRows * (kRows - 1) / 2));
  EXPECT_EQ(count("SELECT count(*) FROM t WHERE i32 IS NULL"), (2047 / 7) + 1);
  EXPECT_EQ(count("SELECT count(*) FROM t WHERE i32 IS NOT NULL AND i32 <> rowid"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM t WHERE i64 <> rowid * 1000000000000"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM t WHERE u8 <> rowid % 256 OR u16 <> rowid OR u32 <> rowid * 100000"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM t WHERE u64 <> 18446744073709551615::UBIGINT - rowid::UBIGINT"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM t WHERE f <> 0.5 OR d <> rowid * 0.25"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM t WHERE s = 'Zoë, \"quoted\"'"), kRows / 2);
}

TEST_F(AppenderTest, AValueThatDoesNotFitItsColumnIsAnError) {
  ASSERT_TRUE(c().execute("CREATE TABLE t (k UTINYINT, n UBIGINT, s VARCHAR, b BOOLEAN)").is_ok());
  auto app = Appender::open(c(), "t");
  ASSERT_TRUE(app.is_ok());
  Status s = app->append(int32_t{300});
  ASSERT_FALSE(s.is_ok());
  EXPECT_NE(s.message().find("column 1 is UTINYINT, given the integer 300"), std::string::npos) << s.message();
  EXPECT_FALSE(app->append(std::string_view("x")).is_ok());
  EXPECT_FALSE(app->append_bool(true).is_ok());
  ASSERT_TRUE(app->append(int32_t{255}).is_ok());
  EXPECT_FALSE(app->append(int64_t{-1}).is_ok());  // UBIGINT
  ASSERT_TRUE(app->append(uint64_t{7}).is_ok());
  EXPECT_FALSE(app->append(int32_t{1}).is_ok());  // VARCHAR
  ASSERT_TRUE(app->append(std::string_view("x")).is_ok());
  s = app->end_row();  // 3 values of 4
  ASSERT_FALSE(s.is_ok());
  EXPECT_NE(s.message().find("a row of 3 values, the table has 4 columns"), std::string::npos) << s.message();
  ASSERT_TRUE(app->append_bool(false).is_ok());
  EXPECT_FALSE(app->append_bool(false).is_ok());  // a fifth value
  ASSERT_TRUE(app->end_row().is_ok());
  ASSERT_TRUE(app->close().is_ok());
  EXPECT_EQ(count("SELECT count(*) FROM t WHERE k = 255 AND n = 7 AND s = 'x' AND NOT b"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM t"), 1);
}

TEST_F(AppenderTest, FlushAndTheDestructorWriteTheCompleteRows) {
  ASSERT_TRUE(c().execute("CREATE TABLE t (n BIGINT)").is_ok());
  {
    auto app = Appender::open(c(), "t");
    ASSERT_TRUE(app.is_ok());
    for (int64_t i = 0; i < 10; ++i) {
      ASSERT_TRUE(app->append(i).is_ok());
      ASSERT_TRUE(app->end_row().is_ok());
    }
    ASSERT_TRUE(app->flush().is_ok());
    EXPECT_EQ(count("SELECT count(*) FROM t"), 10);
    for (int64_t i = 0; i < 3; ++i) {
      ASSERT_TRUE(app->append(i).is_ok());
      ASSERT_TRUE(app->end_row().is_ok());
    }
  }
  EXPECT_EQ(count("SELECT count(*) FROM t"), 13);
}

// With rows_per_flush, the rows reach the table each time that many have
// been appended (whole chunks), not only when DuckDB's appender decides
// (204,800 rows) or at the end; the moved appender keeps counting.
TEST_F(AppenderTest, RowsPerFlushHandsTheRowsToTheTableAsTheyCome) {
  ASSERT_TRUE(c().execute("CREATE TABLE t (n BIGINT)").is_ok());
  auto opened = Appender::open(c(), "t", 2 * 2048);
  ASSERT_TRUE(opened.is_ok());
  Appender app = std::move(opened).value();
  auto append = [&](int64_t rows) {
    for (int64_t i = 0; i < rows; ++i) {
      ASSERT_TRUE(app.append(i).is_ok());
      ASSERT_TRUE(app.end_row().is_ok());
    }
  };
  append(3 * 2048);
  EXPECT_EQ(count("SELECT count(*) FROM t"), 2 * 2048);  // the third chunk waits for the fourth
  Appender moved = std::move(app);
  for (int64_t i = 0; i < 2048 + 10; ++i) {
    ASSERT_TRUE(moved.append(i).is_ok());
    ASSERT_TRUE(moved.end_row().is_ok());
  }
  EXPECT_EQ(count("SELECT count(*) FROM t"), 4 * 2048);
  ASSERT_TRUE(moved.close().is_ok());
  EXPECT_EQ(count("SELECT count(*) FROM t"), 4 * 2048 + 10);

  // Without it, DuckDB's appender keeps them until its own threshold.
  auto plain = Appender::open(c(), "t");
  ASSERT_TRUE(plain.is_ok());
  for (int64_t i = 0; i < 5 * 2048; ++i) {
    ASSERT_TRUE(plain->append(i).is_ok());
    ASSERT_TRUE(plain->end_row().is_ok());
  }
  EXPECT_EQ(count("SELECT count(*) FROM t"), 4 * 2048 + 10);
  ASSERT_TRUE(plain->close().is_ok());
  EXPECT_EQ(count("SELECT count(*) FROM t"), 9 * 2048 + 10);
}

}  // namespace
}  // namespace crmerge::duck
