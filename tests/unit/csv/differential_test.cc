// The C++ reader against DuckDB's read_csv, as the design requires before the
// scanner may be used: every row boundary and every value the same, on the
// csv-spectrum corpus, the fidelity cases, and generated files many DuckDB
// read buffers long read with 4 threads (so that DuckDB's parallel reader
// splits them, and its row order is what is compared).
#include <gtest/gtest.h>

#include <filesystem>

#include "duck/connection.h"
#include "duck/database.h"
#include "duck/quote.h"
#include "support/csv_gen.h"
#include "support/duck_csv.h"
#include "support/read_csv.h"
#include "support/test_env.h"

namespace crmerge::test {
namespace {

namespace fs = std::filesystem;

class Differential : public ::testing::Test {
 protected:
  void SetUp() override {
    duck::DatabaseOptions o;
    o.threads = 4;
    o.allowed_directories = {dir_.path(), csv_spectrum_dir()};
    auto db = duck::Database::open(o);
    ASSERT_TRUE(db.is_ok()) << db.status().message();
    db_ = std::make_unique<duck::Database>(std::move(db).value());
  }

  void expect_same(const std::string& path, size_t buffer_size = 32 << 20) {
    SCOPED_TRACE(path);
    auto ours = read_csv_file(path);
    ASSERT_TRUE(ours.is_ok()) << ours.status().message();
    Rows mine;
    mine.push_back(ours->header);
    for (auto& r : ours->rows) mine.push_back(r);
    Rows theirs = duckdb_read_all(db_->connection(), path, ours->dialect, ours->header.size(), buffer_size);
    ASSERT_EQ(mine.size(), theirs.size()) << "row counts differ";
    for (size_t i = 0; i < mine.size(); ++i) ASSERT_EQ(mine[i], theirs[i]) << "record " << i << " differs";
    ++files_compared_;
  }

  std::string write_case(const std::string& name, std::string_view text) {
    std::string path = dir_.file(name);
    write_file(path, text);
    return path;
  }

  TempDir dir_;
  std::unique_ptr<duck::Database> db_;
  int files_compared_ = 0;
};

TEST_F(Differential, CsvSpectrum) {
  for (const auto& e : fs::directory_iterator(csv_spectrum_dir() + "/csvs")) expect_same(e.path().string());
  EXPECT_GE(files_compared_, 12);
}

TEST_F(Differential, FidelityCases) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"zips_phones.csv", "zip,phone,n\n02134,+1 (415) 555-0134,4.15555E+09\n00501,'+1 808-664-0310,1e5\n"},
      {"literals.csv", "a,b,c\nTRUE,0001,2024-13-45\nfalse,-0,03/07/2024 25:61\n"},
      {"quotes_newlines.csv", "a,b\n\"say \"\"hi\"\"\",\"line1\nline2\"\n\"\",x\n"},
      {"crlf.csv", "a,b\r\n1,\"x\r\ny\"\r\n3,4\r\n"},
      {"cr_only.csv", "a,b\r1,2\r3,4\r"},
      {"bom.csv", "\xEF\xBB\xBF" "Email,Name\na@x.com,Zoë\n"},
      {"unicode.csv", "名前,Ville,emoji\n山田太郎,Besançon,😀\nΕλένη,Łódź,🇫🇷\n"},
      {"header_names.csv", "First Name,Email,Email,,\"\"\n1,2,3,4,5\n"},
      {"header_only.csv", "a,b,c\n"},
      {"header_only_no_newline.csv", "a,b,c"},
      {"semicolon.csv", "Name;Umsatz;Anteil\nMüller GmbH;1,5;0,3\n\"A;B\";2;1\n"},
      {"tab.csv", "a\tb\n1\t\"x\ty\"\n"},
      {"pipe.csv", "a|b\n1|\"x|y\"\n"},
      {"preamble.csv", "Export from HubSpot\nDate: 2024-03-05\na,b,c\n1,2,3\n4,5,6\n"},
      {"blank_lines.csv", "a,b\n1,2\n\n3,4\n\n\n5,6\n\n"},
      {"blank_lines_crlf.csv", "a,b\r\n1,2\r\n\r\n3,4\r\n"},
      {"quote_all.csv", "\"a\",\"b\"\n\"1\",\"\"\n\"x,y\",\"2\"\n"},
      {"spaces_quotes.csv", "a,b,c\n  \"1\"  , \"2\" ,\"3\"  \n x , y ,z\n"},
      {"empty_fields.csv", "a,b,c\n,,\n\"\",\"\",\"\"\n1,,\n"},
      {"no_trailing_newline.csv", "a,b\n1,2"},
      {"single_column.csv", "email\na@x.com\n\"\"\nb@y.com\n"},
  };
  for (const auto& [name, text] : cases) expect_same(write_case(name, text));
  EXPECT_EQ(files_compared_, static_cast<int>(cases.size()));
}

// Where crmerge is deliberately more lenient than DuckDB's strict mode: a file
// whose lines end differently (an LF header over CRLF rows, as some tools
// append) is read, each record keeping its own line ending. DuckDB refuses it.
TEST_F(Differential, MixedLineEndingsAreReadWhereDuckDbRefuses) {
  std::string path = write_case("mixed.csv", "a,b\n1,2\r\n3,4\n");
  auto ours = read_csv_file(path);
  ASSERT_TRUE(ours.is_ok());
  EXPECT_EQ(ours->rows, (Rows{{"1", "2"}, {"3", "4"}}));
  auto theirs = db_->connection().query("SELECT * FROM read_csv(" + *duck::quote_literal(path) +
                                        ", strict_mode = true, all_varchar = true)");
  bool refused = !theirs.is_ok();
  if (!refused) {
    duck::DataChunk chunk;
    refused = !theirs->next(chunk).is_ok();
  }
  EXPECT_TRUE(refused) << "DuckDB now reads mixed line endings: fold this case into FidelityCases";
}

TEST_F(Differential, GeneratedFilesManyBuffersLongWithFourThreads) {
  struct Variant {
    char delim;
    const char* newline;
  };
  uint64_t seed = 1;
  for (Variant v : {Variant{',', "\n"}, Variant{';', "\r\n"}, Variant{'\t', "\n"}, Variant{'|', "\r"}}) {
    CsvShape shape;
    shape.rows = 60000;  // about 4 MB: 16 DuckDB buffers of 256 KiB, 4 of our 1 MiB
    shape.columns = 8;
    shape.delimiter = v.delim;
    shape.newline = v.newline;
    shape.special_rate = 0.3;
    auto g = generate_csv(seed++, shape);
    std::string path = write_case("gen" + std::to_string(seed) + ".csv", g.text);
    ASSERT_GT(g.text.size(), 8u * 256 * 1024);
    expect_same(path, 256 * 1024);
  }
  EXPECT_EQ(files_compared_, 4);
}

}  // namespace
}  // namespace crmerge::test
