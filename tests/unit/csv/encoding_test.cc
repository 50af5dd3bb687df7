#include "csv/encoding.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "support/test_env.h"

namespace crmerge::csv {
namespace {

using test::read_file;
using test::TempDir;
using test::write_file;

std::string utf16(std::u16string_view s, bool big_endian, bool bom) {
  std::string out;
  auto put = [&](char16_t u) {
    if (big_endian) {
      out += static_cast<char>(u >> 8);
      out += static_cast<char>(u & 0xFF);
    } else {
      out += static_cast<char>(u & 0xFF);
      out += static_cast<char>(u >> 8);
    }
  };
  if (bom) put(0xFEFF);
  for (char16_t u : s) put(u);
  return out;
}

TEST(Encoding, GuessesFromBomsAndZeroBytes) {
  EXPECT_EQ(guess_encoding("\xEF\xBB\xBF" "a,b").encoding, Encoding::kUtf8);
  EXPECT_EQ(guess_encoding("\xEF\xBB\xBF" "a,b").bom_length, 3u);
  EXPECT_EQ(guess_encoding(utf16(u"a,b\n", false, true)).encoding, Encoding::kUtf16Le);
  EXPECT_EQ(guess_encoding(utf16(u"a,b\n", true, true)).encoding, Encoding::kUtf16Be);
  auto le = guess_encoding(utf16(u"name,email\n", false, false));
  EXPECT_EQ(le.encoding, Encoding::kUtf16Le);
  EXPECT_EQ(le.bom_length, 0u);
  EXPECT_EQ(guess_encoding(utf16(u"name,email\n", true, false)).encoding, Encoding::kUtf16Be);
  EXPECT_EQ(guess_encoding("a,b\n1,2\n").encoding, Encoding::kUtf8);
}

TEST(Encoding, DecodesUtf16WithSurrogatePairs) {
  TempDir dir;
  std::u16string text = u"name,city\nZo\u00eb,\u65e5\u672c\n\U0001F600,x\n";
  for (bool be : {false, true}) {
    write_file(dir.file("in.csv"), utf16(text, be, true));
    ASSERT_TRUE(transcode_to_utf8(dir.file("in.csv"), 2, be ? Encoding::kUtf16Be : Encoding::kUtf16Le,
                                  dir.file("out.csv"), nullptr, nullptr, {})
                    .is_ok());
    EXPECT_EQ(read_file(dir.file("out.csv")), "name,city\nZoë,日本\n😀,x\n");
  }
}

TEST(Encoding, InvalidUtf16NamesTheLine) {
  TempDir dir;
  std::u16string text = u"a\nb\n";
  text += static_cast<char16_t>(0xDC00);  // a lone low surrogate on line 3
  write_file(dir.file("in.csv"), utf16(text, false, false));
  Status s = transcode_to_utf8(dir.file("in.csv"), 0, Encoding::kUtf16Le, dir.file("out.csv"), nullptr, nullptr, {});
  ASSERT_FALSE(s.is_ok());
  EXPECT_NE(s.message().find("line 3"), std::string::npos) << s.message();
  EXPECT_FALSE(std::filesystem::exists(dir.file("out.csv"))) << "a failed decode leaves no output";
}

TEST(Encoding, DecodesWindows1252) {
  std::string out;
  append_windows1252_as_utf8("Caf\xE9 \x80 \x93quoted\x94 M\xFCller", out);
  EXPECT_EQ(out, "Café € “quoted” Müller");
}

TEST(Encoding, HashesTheSourceWhileDecoding) {
  TempDir dir;
  std::string bytes = utf16(u"a,b\n1,2\n", false, true);
  write_file(dir.file("in.csv"), bytes);
  ContentHasher h;
  ASSERT_TRUE(transcode_to_utf8(dir.file("in.csv"), 2, Encoding::kUtf16Le, dir.file("out.csv"), &h, nullptr, {}).is_ok());
  EXPECT_EQ(h.hex_digest(), hash_string(bytes));
}

}  // namespace
}  // namespace crmerge::csv
