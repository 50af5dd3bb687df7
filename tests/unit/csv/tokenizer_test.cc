#include "csv/tokenizer.h"

#include <gtest/gtest.h>

namespace crmerge::csv {
namespace {

struct Parsed {
  std::vector<std::string> values;
  std::string eol;
  bool blank = false;
  RecordProblem problem = RecordProblem::kNone;
};

// Splits all of `text` into records, as the reader would with the whole file in memory.
std::vector<Parsed> parse_all(std::string_view text, char delim = ',') {
  Dialect d;
  d.delimiter = delim;
  std::vector<Parsed> out;
  std::vector<FieldSpan> spans;
  std::string scratch;
  while (!text.empty()) {
    ParsedRecord p = parse_record(text, true, d, spans);
    EXPECT_EQ(p.state, ParsedRecord::State::kComplete);
    Parsed r;
    std::string_view rec = text.substr(0, p.text_length);
    for (const auto& f : spans) r.values.emplace_back(field_value(rec, f, '"', scratch));
    r.eol = std::string(text.substr(p.text_length, p.eol_length));
    r.blank = p.blank;
    r.problem = p.problem;
    out.push_back(r);
    text.remove_prefix(p.text_length + p.eol_length);
  }
  return out;
}

using V = std::vector<std::string>;

TEST(Tokenizer, SimpleRecords) {
  auto r = parse_all("a,b\n1,2\n");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].values, (V{"a", "b"}));
  EXPECT_EQ(r[1].values, (V{"1", "2"}));
  EXPECT_EQ(r[1].eol, "\n");
}

TEST(Tokenizer, QuotedFieldsWithEscapesDelimitersAndLineBreaks) {
  auto r = parse_all("\"a\"\"b\",\"c,d\",\"e\nf\",\"g\r\nh\"\n");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].values, (V{"a\"b", "c,d", "e\nf", "g\r\nh"}));
}

TEST(Tokenizer, EmptyAndQuotedEmptyFields) {
  auto r = parse_all(",,\n\"\",\"\"\n");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].values, (V{"", "", ""}));
  EXPECT_EQ(r[1].values, (V{"", ""}));
}

TEST(Tokenizer, QuoteInsideUnquotedFieldIsData) {
  auto r = parse_all("37°36'37.8\"N,ab\"c\n");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].values, (V{"37°36'37.8\"N", "ab\"c"}));
  EXPECT_EQ(r[0].problem, RecordProblem::kNone);
}

// DuckDB's reader skips spaces before an opening quote, except in a record's first field.
TEST(Tokenizer, SpacesAroundQuotesAsDuckDbReadsThem) {
  auto r = parse_all("1, \"x\"\n  \"1\"  ,\"2\"  \n");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].values, (V{"1", "x"}));
  EXPECT_EQ(r[1].values, (V{"  \"1\"  ", "2"}));
  auto plain = parse_all("1,  x  \n");
  EXPECT_EQ(plain[0].values, (V{"1", "  x  "}));
}

TEST(Tokenizer, LineEndings) {
  auto crlf = parse_all("a,b\r\n1,2\r\n");
  ASSERT_EQ(crlf.size(), 2u);
  EXPECT_EQ(crlf[1].eol, "\r\n");
  auto cr = parse_all("a,b\r1,2\r");
  ASSERT_EQ(cr.size(), 2u);
  EXPECT_EQ(cr[0].eol, "\r");
  EXPECT_EQ(cr[1].values, (V{"1", "2"}));
  auto none = parse_all("a,b\n1,2");
  ASSERT_EQ(none.size(), 2u);
  EXPECT_EQ(none[1].eol, "");
}

TEST(Tokenizer, BlankLinesAreNotRecords) {
  auto r = parse_all("a\n\n1\r\n\r\n2\n");
  ASSERT_EQ(r.size(), 5u);
  EXPECT_FALSE(r[0].blank);
  EXPECT_TRUE(r[1].blank);
  EXPECT_EQ(r[1].eol, "\n");
  EXPECT_TRUE(r[3].blank);
  EXPECT_EQ(r[3].eol, "\r\n");
  EXPECT_EQ(r[4].values, (V{"2"}));
}

TEST(Tokenizer, TextAfterClosingQuoteIsMalformedButTheNextRecordIsFound) {
  auto r = parse_all("1,\"x\"y,z\n3,4\n");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].problem, RecordProblem::kTextAfterQuote);
  EXPECT_EQ(r[0].values.size(), 3u);
  EXPECT_EQ(r[1].values, (V{"3", "4"}));
  EXPECT_EQ(r[1].problem, RecordProblem::kNone);
}

TEST(Tokenizer, UnclosedQuoteRunsToTheEnd) {
  auto r = parse_all("1,\"x\n2,3\n");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].problem, RecordProblem::kUnclosedQuote);
  EXPECT_EQ(r[0].eol, "");
}

TEST(Tokenizer, OtherDelimiters) {
  EXPECT_EQ(parse_all("a;b,c\n", ';')[0].values, (V{"a", "b,c"}));
  EXPECT_EQ(parse_all("a\tb\n", '\t')[0].values, (V{"a", "b"}));
  EXPECT_EQ(parse_all("a|\"b|c\"\n", '|')[0].values, (V{"a", "b|c"}));
}

TEST(Tokenizer, AsksForMoreWhenARecordMightContinue) {
  Dialect d;
  std::vector<FieldSpan> spans;
  EXPECT_EQ(parse_record("1,\"abc", false, d, spans).state, ParsedRecord::State::kNeedMore);
  EXPECT_EQ(parse_record("1,2", false, d, spans).state, ParsedRecord::State::kNeedMore);
  EXPECT_EQ(parse_record("1,2\r", false, d, spans).state, ParsedRecord::State::kNeedMore);
  EXPECT_EQ(parse_record("1,\"a\"", false, d, spans).state, ParsedRecord::State::kNeedMore);
  auto done = parse_record("1,2\r", true, d, spans);
  EXPECT_EQ(done.state, ParsedRecord::State::kComplete);
  EXPECT_EQ(done.eol_length, 1u);
  EXPECT_EQ(parse_record("1,2\nx", false, d, spans).state, ParsedRecord::State::kComplete);
}

// Unquoted fields are scanned sixteen bytes at a time: stops in every position
// of a block, at block ends and past them, over several blocks (and over two of
// 64 bytes, should the scan ever take more at a time); a quoted field holding
// the delimiter across a block's end; and a record cut anywhere.
TEST(Tokenizer, LongUnquotedFieldsAtEveryBlockPosition) {
  std::vector<size_t> lens;
  for (size_t len = 0; len <= 70; ++len) lens.push_back(len);
  for (size_t len = 124; len <= 132; ++len) lens.push_back(len);
  for (char delim : {',', ';', '\t'}) {
    Dialect d;
    d.delimiter = delim;
    for (size_t len : lens) {
      for (std::string eol : {"\n", "\r\n", "\r"}) {
        V want = {std::string(len, 'a'), std::string(len + 1, 'b') + "\"x", "", std::string(len / 2 + 3, 'c'),
                  std::string(len / 3, 'q') + delim + std::string(len % 70, 'r')};
        std::string rec = want[0] + delim + want[1] + delim + delim + want[3] + delim + '"' + want[4] + '"';
        std::string text = rec + eol + "next";
        std::vector<FieldSpan> spans;
        std::string scratch;
        ParsedRecord p = parse_record(text, false, d, spans);
        ASSERT_EQ(p.state, ParsedRecord::State::kComplete) << len;
        EXPECT_EQ(p.text_length, rec.size()) << len;
        EXPECT_EQ(p.eol_length, eol.size()) << len;
        V got;
        for (const auto& f : spans) got.emplace_back(field_value(text, f, '"', scratch));
        EXPECT_EQ(got, want) << len;
        // Cut before its line end, it may continue (a lone "\r" too: "\r\n" may follow).
        for (size_t cut = 0; cut < rec.size() + (eol == "\r" ? 1 : 0); ++cut)
          ASSERT_EQ(parse_record(std::string_view(text).substr(0, cut), false, d, spans).state,
                    ParsedRecord::State::kNeedMore)
              << len << " cut at " << cut;
      }
    }
  }
}

TEST(Tokenizer, SaysWhetherARecordHoldsLineBreaks) {
  Dialect d;
  std::vector<FieldSpan> spans;
  auto breaks = [&](std::string_view text) { return parse_record(text, true, d, spans).line_breaks; };
  EXPECT_FALSE(breaks("a,\"b,c\",\"d\"\"e\"\n"));
  EXPECT_FALSE(breaks("a,b\r\n"));
  EXPECT_TRUE(breaks("a,\"b\nc\"\n"));
  EXPECT_TRUE(breaks("a,\"" + std::string(40, 'x') + "\r" + std::string(40, 'y') + "\",z\n"));
  EXPECT_TRUE(breaks("\"p\nq\"z,w\n"));     // malformed: text after the closing quote
  EXPECT_TRUE(breaks("a,\"never closed\nb"));  // malformed: runs to the end
}

TEST(Tokenizer, CountsLineBreaks) {
  EXPECT_EQ(count_line_breaks("a\nb\r\nc\rd"), 3u);
  EXPECT_EQ(count_line_breaks("abc"), 0u);
}

}  // namespace
}  // namespace crmerge::csv
