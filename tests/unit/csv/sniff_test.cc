#include "csv/sniff.h"

#include <gtest/gtest.h>

namespace crmerge::csv {
namespace {

Dialect sniff_ok(std::string_view text) {
  auto r = sniff_dialect(text, true, 0);
  EXPECT_TRUE(r.is_ok()) << r.status().message();
  return r.is_ok() ? r->dialect : Dialect{};
}

TEST(Sniff, FindsTheDelimiter) {
  EXPECT_EQ(sniff_ok("a,b,c\n1,2,3\n").delimiter, ',');
  EXPECT_EQ(sniff_ok("Name;Email;Phone\nAnna;a@x.de;+49 30 1\nBen;b@x.de;\n").delimiter, ';');
  EXPECT_EQ(sniff_ok("a\tb\n1\t2\n").delimiter, '\t');
  EXPECT_EQ(sniff_ok("a|b|c\n1|2|3\n").delimiter, '|');
}

TEST(Sniff, EuropeanExcelWithDecimalCommas) {
  // Semicolons split the rows evenly; commas (decimal marks) do not.
  Dialect d = sniff_ok("Name;Revenue;Share\nAcme;1,5;0,3\nGlobex;2;0,25\nInitech;3,75;1\n");
  EXPECT_EQ(d.delimiter, ';');
}

TEST(Sniff, QuotedDelimitersDoNotConfuseIt) {
  EXPECT_EQ(sniff_ok("a,b\n\"x;y;z\",1\n\"p;q\",2\n").delimiter, ',');
}

TEST(Sniff, SkipsLinesAboveTheHeader) {
  auto r = sniff_dialect("Contacts export\nGenerated 2024-03-05\nName,Email,Phone\nA,a@x.com,1\nB,b@x.com,2\n", true, 0);
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(r->lines_above_header, 2u);
  EXPECT_EQ(r->dialect.header_line, 3u);
  EXPECT_EQ(r->dialect.header_offset, std::string("Contacts export\nGenerated 2024-03-05\n").size());
  EXPECT_EQ(r->header_fields, 3u);
}

TEST(Sniff, AHeaderOneFieldShortIsNotMistakenForAPreamble) {
  auto r = sniff_dialect("a,b,c\n1,2,3,\n4,5,6,\n", true, 0);
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(r->dialect.header_line, 1u);
}

TEST(Sniff, HeaderOnlyAndSingleColumnFiles) {
  EXPECT_EQ(sniff_ok("a,b,c\n").header_line, 1u);
  auto one = sniff_dialect("email\nx@y.com\n", true, 0);
  ASSERT_TRUE(one.is_ok());
  EXPECT_EQ(one->header_fields, 1u);
}

TEST(Sniff, QuotingStyleAndLineEnding) {
  Dialect d = sniff_ok("\"a\",\"b\"\r\n\"1\",\"2\"\r\n");
  EXPECT_TRUE(d.quote_all);
  EXPECT_EQ(d.newline, "\r\n");
  EXPECT_FALSE(sniff_ok("a,\"b\"\n1,2\n").quote_all);
}

TEST(Sniff, EmptyFileIsAnError) {
  EXPECT_FALSE(sniff_dialect("", true, 0).is_ok());
  EXPECT_FALSE(sniff_dialect("\n\n\r\n", true, 0).is_ok());
}

TEST(Sniff, OffsetsIncludeTheBom) {
  auto r = sniff_dialect("a,b\n1,2\n", true, 3);
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(r->dialect.header_offset, 3u);
}

}  // namespace
}  // namespace crmerge::csv
