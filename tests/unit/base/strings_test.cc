#include "base/strings.h"

#include <gtest/gtest.h>

namespace crmerge {
namespace {

TEST(Strings, TrimAndLower) {
  EXPECT_EQ(trim_ascii("  a b \t\r\n"), "a b");
  EXPECT_EQ(trim_ascii(""), "");
  EXPECT_EQ(to_lower_ascii("John@X.COM Zoë"), "john@x.com zoë");
  std::string s = "AB/Cd-É";
  lower_ascii_in_place(s, 2);
  EXPECT_EQ(s, "AB/cd-É") << "from the given position, ASCII letters only";
}

TEST(Strings, EqualIgnoreCaseFoldsAsciiOnly) {
  EXPECT_TRUE(equal_ignore_case("", ""));
  EXPECT_TRUE(equal_ignore_case("Head of Sales", "Head of Sales"));
  EXPECT_TRUE(equal_ignore_case("Head of Sales", "head OF sales"));
  EXPECT_FALSE(equal_ignore_case("Head of Sales", "Head of Sale"));
  EXPECT_FALSE(equal_ignore_case("Head of Sales", "Head of Salez"));
  EXPECT_FALSE(equal_ignore_case("a@b", "a`b"));           // '@' and '`' differ by the case bit, but are not letters
  EXPECT_FALSE(equal_ignore_case("\xC3\xA9", "\xC3\x89"));  // é and É: only ASCII folds
}

TEST(Strings, Split) { EXPECT_EQ(split("a,,b", ','), (std::vector<std::string>{"a", "", "b"})); }

TEST(Strings, SplitTrimmedDropsEmptyParts) {
  using V = std::vector<std::string_view>;
  EXPECT_EQ(split_trimmed(" a ; b,,c |\n d ", ";,|\n"), (V{"a", "b", "c", "d"}));
  EXPECT_EQ(split_trimmed("030/901820", ";,|\n"), (V{"030/901820"}));
  EXPECT_EQ(split_trimmed(" ; , ", ";,"), V{});
  EXPECT_EQ(split_trimmed("", ";"), V{});
  // Bytes of every range: a separator table indexed by byte value, not memchr.
  EXPECT_EQ(split_trimmed("Jos\xc3\xa9|M\xc3\xbcller;", "|;"), (V{"Jos\xc3\xa9", "M\xc3\xbcller"}));
  EXPECT_EQ(split_trimmed("a\xa9" "b", "\xa9"), (V{"a", "b"}));
  EXPECT_EQ(split_trimmed("x\x7fy", "\x7f"), (V{"x", "y"}));
}

TEST(Strings, Formats) {
  EXPECT_EQ(format_count(0), "0");
  EXPECT_EQ(format_count(999), "999");
  EXPECT_EQ(format_count(1234567), "1,234,567");
  EXPECT_EQ(format_bytes(1536), "1.5 KiB");
  EXPECT_EQ(format_seconds(3.21), "3.2s");
  EXPECT_EQ(format_seconds(75), "1m15s");
}

TEST(Strings, ParsesByteSizes) {
  EXPECT_EQ(parse_byte_size("512MB"), 512000000);
  EXPECT_EQ(parse_byte_size("2GB"), 2000000000);
  EXPECT_EQ(parse_byte_size("1GiB"), 1073741824);
  EXPECT_EQ(parse_byte_size(" 100 "), 100);
  EXPECT_EQ(parse_byte_size("1.5gb"), 1500000000);
  EXPECT_EQ(parse_byte_size("lots"), -1);
  EXPECT_EQ(parse_byte_size("10XB"), -1);
  EXPECT_EQ(parse_byte_size(""), -1);
}

}  // namespace
}  // namespace crmerge
