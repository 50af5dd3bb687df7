#include "base/utf8.h"

#include <gtest/gtest.h>

namespace crmerge {
namespace {

TEST(Utf8, ValidText) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ascii, long enough for the 8-byte fast path"));
  EXPECT_TRUE(is_valid_utf8("Zoë Müller 日本語 😀"));
  EXPECT_TRUE(is_valid_utf8(std::string_view("nul\0inside", 10)));
}

TEST(Utf8, InvalidText) {
  EXPECT_EQ(valid_utf8_prefix("caf\xE9 au lait"), 3u);   // Latin-1 é
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));              // overlong
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));          // surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));      // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xE6\x97"));              // truncated
  EXPECT_FALSE(is_valid_utf8("abcdefgh\x80"));          // continuation byte alone, after the fast path
}

TEST(Utf8, Encodes) {
  std::string s;
  for (uint32_t cp : {0x41u, 0xE9u, 0x65E5u, 0x1F600u}) append_utf8(cp, s);
  EXPECT_EQ(s, "Aé日😀");
}

}  // namespace
}  // namespace crmerge
