#include "csv/writer.h"

#include <gtest/gtest.h>

namespace crmerge::csv {
namespace {

std::string field(std::string_view v, char delim = ',', bool quote_all = false) {
  Dialect d;
  d.delimiter = delim;
  d.quote_all = quote_all;
  std::string out;
  append_field(out, v, d);
  return out;
}

TEST(Writer, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(field("plain"), "plain");
  EXPECT_EQ(field(""), "");
  EXPECT_EQ(field("a,b"), "\"a,b\"");
  EXPECT_EQ(field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(field("cr\rhere"), "\"cr\rhere\"");
  EXPECT_EQ(field(" padded"), "\" padded\"");
  EXPECT_EQ(field("a;b", ';'), "\"a;b\"");
  EXPECT_EQ(field("a,b", ';'), "a,b");
  EXPECT_EQ(field("Zoë"), "Zoë");
}

TEST(Writer, QuoteAllDialect) {
  EXPECT_EQ(field("x", ',', true), "\"x\"");
  EXPECT_EQ(field("", ',', true), "\"\"");
}

}  // namespace
}  // namespace crmerge::csv
