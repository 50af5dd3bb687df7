#include "normalize/phone.h"

#include <gtest/gtest.h>

namespace crmerge::normalize {
namespace {

std::string e164(std::string_view raw, const std::string& region = "US") {
  Phone p = parse_phone(raw, region);
  return p.status == PhoneStatus::kValid ? p.e164 : std::string(phone_status_name(p.status));
}

TEST(Phone, CommonFormatsOfOneNumber) {
  for (const char* raw : {"+14155550134", "(415) 555-0134", "415.555.0134", "415-555-0134", "1-415-555-0134",
                          "+1 415 555 0134", "+1 (415) 555-0134", "'+1 415-555-0134", "4155550134", " 415 555 0134 ",
                          "011 1 415 555 0134", "00 1 415 555 0134", "001 415 555 0134", "=\"+14155550134\""})
    EXPECT_EQ(e164(raw), "+14155550134") << raw;
}

TEST(Phone, InternationalAndOtherRegions) {
  EXPECT_EQ(e164("+44 20 7946 0018"), "+442079460018");
  EXPECT_EQ(e164("011 44 20 7946 0018"), "+442079460018");
  EXPECT_EQ(e164("0044 20 7946 0018"), "+442079460018");
  EXPECT_EQ(e164("020 7946 0018", "GB"), "+442079460018");
  EXPECT_EQ(e164("030 901820", "DE"), "+4930901820");
  EXPECT_EQ(e164("+49 151 23456789"), "+4915123456789");
}

TEST(Phone, ExtensionsAreKeptApart) {
  Phone p = parse_phone("+1-212-200-1234 ext. 12", "US");
  ASSERT_EQ(p.status, PhoneStatus::kValid);
  EXPECT_EQ(p.e164, "+12122001234");
  EXPECT_EQ(p.extension, "12");
  EXPECT_EQ(phone_display(p), "+12122001234 ext. 12");
  EXPECT_EQ(parse_phone("212-200-1234 x123", "US").extension, "123");
}

TEST(Phone, ExcelFloatsAreRejectedNeverGuessed) {
  for (const char* raw : {"4.15555E+09", "4,15555E+09", "4.1555501E9", "1E+10"})
    EXPECT_EQ(parse_phone(raw, "US").status, PhoneStatus::kExcelMangled) << raw;
}

TEST(Phone, DoNotCallMarkersAreRecognized) {
  for (const char* raw : {"DNC", "tps", "CTPS", "Do Not Call"}) {
    Phone p = parse_phone(raw, "GB");
    EXPECT_EQ(p.status, PhoneStatus::kDoNotCall) << raw;
    EXPECT_TRUE(p.e164.empty());
  }
  EXPECT_EQ(phone_display(parse_phone("tps", "GB")), "TPS");
}

TEST(Phone, InvalidAndEmpty) {
  EXPECT_EQ(parse_phone("", "US").status, PhoneStatus::kEmpty);
  EXPECT_EQ(parse_phone("  '  ", "US").status, PhoneStatus::kEmpty);
  for (const char* raw : {"0001", "12345", "555-0100", "n/a", "call me", "+1 000 000 0000", "+999 1234"})
    EXPECT_EQ(parse_phone(raw, "US").status, PhoneStatus::kInvalid) << raw;
}

TEST(Phone, Regions) {
  EXPECT_TRUE(is_known_region("US"));
  EXPECT_TRUE(is_known_region("DE"));
  EXPECT_FALSE(is_known_region("XX"));
  EXPECT_FALSE(is_known_region("us"));
}

}  // namespace
}  // namespace crmerge::normalize
