#include "csv/reader.h"

#include <gtest/gtest.h>

#include "support/csv_gen.h"
#include "support/test_env.h"

namespace crmerge::csv {
namespace {

using test::TempDir;

// Reads every record of `path` with the reader (which refills a 1 MiB buffer).
std::vector<std::vector<std::string>> read_values(const std::string& path, const Dialect& d, std::string* bytes_seen,
                                                  std::vector<uint64_t>* lines = nullptr) {
  auto reader = RecordReader::open(path, d, {});
  EXPECT_TRUE(reader.is_ok());
  std::vector<std::vector<std::string>> rows;
  Record rec;
  std::string scratch;
  for (;;) {
    auto more = reader->next(rec);
    EXPECT_TRUE(more.is_ok());
    if (!more.is_ok() || !*more) break;
    if (bytes_seen) bytes_seen->append(rec.text).append(rec.eol);
    if (rec.blank) continue;
    EXPECT_EQ(rec.problem, RecordProblem::kNone) << "line " << rec.line;
    std::vector<std::string> values;
    for (size_t i = 0; i < rec.field_count(); ++i) values.emplace_back(rec.field(i, '"', scratch));
    rows.push_back(values);
    if (lines) lines->push_back(rec.line);
  }
  return rows;
}

TEST(RecordReader, RecordsSpanningBufferRefillsReadCorrectly) {
  TempDir dir;
  test::CsvShape shape;
  shape.rows = 40000;  // ~2.5 MB: several refills of the 1 MiB buffer
  shape.special_rate = 0.5;
  for (std::string nl : {"\n", "\r\n", "\r"}) {
    shape.newline = nl;
    auto g = test::generate_csv(7, shape);
    test::write_file(dir.file("g.csv"), g.text);
    std::string seen;
    auto rows = read_values(dir.file("g.csv"), Dialect{}, &seen);
    EXPECT_EQ(seen, g.text) << "records and line endings cover the file exactly";
    ASSERT_EQ(rows.size(), g.values.size());
    for (size_t i = 0; i < rows.size(); ++i) ASSERT_EQ(rows[i], g.values[i]) << "row " << i;
  }
}

TEST(RecordReader, OffsetsAndLineNumbers) {
  TempDir dir;
  std::string text = "a,b\n1,\"x\ny\"\n\n2,3\r\n4,5";
  test::write_file(dir.file("f.csv"), text);
  auto reader = RecordReader::open(dir.file("f.csv"), Dialect{}, {});
  ASSERT_TRUE(reader.is_ok());
  Record rec;
  std::vector<std::tuple<uint64_t, uint64_t, std::string>> seen;
  while (*reader->next(rec)) seen.emplace_back(rec.offset, rec.line, std::string(rec.text));
  ASSERT_EQ(seen.size(), 5u);
  EXPECT_EQ(seen[1], std::make_tuple(uint64_t{4}, uint64_t{2}, std::string("1,\"x\ny\"")));
  EXPECT_EQ(std::get<1>(seen[2]), 4u);  // the blank line
  EXPECT_EQ(seen[3], std::make_tuple(uint64_t{13}, uint64_t{5}, std::string("2,3")));
  EXPECT_EQ(seen[4], std::make_tuple(uint64_t{18}, uint64_t{6}, std::string("4,5")));
}

// Line breaks are counted inside quoted fields (the reader looks only there in
// a well-formed record) and anywhere in a malformed one: a field whose quoted
// part holds a line break and is followed by text is no longer "quoted".
TEST(RecordReader, LineNumbersAfterMultiLineAndMalformedRecords) {
  TempDir dir;
  std::string text = "a,b\n\"x\r\ny\",\"1\n2\r3\"\n\"p\nq\"z,w\nlast,\"\"\n";
  test::write_file(dir.file("f.csv"), text);
  auto reader = RecordReader::open(dir.file("f.csv"), Dialect{}, {});
  ASSERT_TRUE(reader.is_ok());
  Record rec;
  std::vector<std::pair<uint64_t, RecordProblem>> seen;
  while (*reader->next(rec)) seen.emplace_back(rec.line, rec.problem);
  ASSERT_EQ(seen.size(), 4u);
  EXPECT_EQ(seen[1], std::make_pair(uint64_t{2}, RecordProblem::kNone));            // 3 line breaks inside
  EXPECT_EQ(seen[2], std::make_pair(uint64_t{6}, RecordProblem::kTextAfterQuote));  // 1 inside
  EXPECT_EQ(seen[3], std::make_pair(uint64_t{8}, RecordProblem::kNone));
  EXPECT_EQ(reader->line(), 9u);
}

TEST(RecordReader, StartsMidFileAndChecksFieldCounts) {
  TempDir dir;
  test::write_file(dir.file("f.csv"), "junk\na,b\n1,2\n3\n4,5,6\n");
  ReaderOptions o;
  o.start_offset = 5;
  o.start_line = 2;
  o.expected_fields = 2;
  auto reader = RecordReader::open(dir.file("f.csv"), Dialect{}, o);
  ASSERT_TRUE(reader.is_ok());
  Record rec;
  std::vector<RecordProblem> problems;
  std::vector<uint64_t> lines;
  while (*reader->next(rec)) {
    problems.push_back(rec.problem);
    lines.push_back(rec.line);
  }
  EXPECT_EQ(lines, (std::vector<uint64_t>{2, 3, 4, 5}));
  EXPECT_EQ(problems, (std::vector<RecordProblem>{RecordProblem::kNone, RecordProblem::kNone,
                                                  RecordProblem::kFieldCount, RecordProblem::kFieldCount}));
}

TEST(RecordReader, AnOverlongRecordIsAClearError) {
  TempDir dir;
  std::string text = "a,b\n1,\"" + std::string(3 << 20, 'x');  // a quote never closed, 3 MiB long
  test::write_file(dir.file("f.csv"), text);
  ReaderOptions o;
  o.max_record_bytes = 2 << 20;
  auto reader = RecordReader::open(dir.file("f.csv"), Dialect{}, o);
  ASSERT_TRUE(reader.is_ok());
  Record rec;
  ASSERT_TRUE(*reader->next(rec));
  auto second = reader->next(rec);
  ASSERT_FALSE(second.is_ok());
  EXPECT_NE(second.status().message().find("line 2"), std::string::npos) << second.status().message();
}

TEST(RecordReader, FeedsTheHasherEveryByte) {
  TempDir dir;
  std::string text = "a,b\n1,2\n3,4";
  test::write_file(dir.file("f.csv"), text);
  ContentHasher h;
  ReaderOptions o;
  o.hasher = &h;
  auto reader = RecordReader::open(dir.file("f.csv"), Dialect{}, o);
  Record rec;
  while (*reader->next(rec)) {
  }
  EXPECT_EQ(h.hex_digest(), hash_string(text));
}

}  // namespace
}  // namespace crmerge::csv
