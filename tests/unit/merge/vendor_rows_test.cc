// Shaping vendor values for output (merge/vendor_rows.h).
#include "merge/vendor_rows.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace crmerge::merge {
namespace {

// What printf writes for `v` (the reference the revenue shaping follows).
std::string printf_fixed(double v, int decimals) {
  std::string buf(512, '\0');
  int n = std::snprintf(buf.data(), buf.size(), decimals == 0 ? "%.0f" : "%.2f", v);
  buf.resize(static_cast<size_t>(n));
  return buf;
}

std::string shaped(schema::Role role, std::string_view raw, double multiplier = 1) {
  std::string out = "(left over)";
  shape_value(role, raw, multiplier, out);
  return out;
}

TEST(ShapeValue, RevenueInThousandsIsWrittenAsPrintfWouldWriteIt) {
  using schema::Role;
  EXPECT_EQ(shaped(Role::kRevenue, "1,234.5", 1000), "1234500");
  EXPECT_EQ(shaped(Role::kRevenue, " $12000 ", 1000), "12000000");
  EXPECT_EQ(shaped(Role::kRevenue, "0.0015", 1000), "1.50");
  EXPECT_EQ(shaped(Role::kRevenue, "2.675"), "2.675") << "no multiplier: the value as it stands";
  EXPECT_EQ(shaped(Role::kRevenue, "n/a", 1000), "n/a") << "not an amount: as it stands";
  for (const char* raw : {"0.001", "0.0125", "1.005", "999999999999.999", "123456789.123456", "0.000004"}) {
    double scaled = std::strtod(raw, nullptr) * 1000;
    EXPECT_EQ(shaped(Role::kRevenue, raw, 1000),
              printf_fixed(scaled, std::fabs(scaled - std::round(scaled)) < 1e-6 ? 0 : 2))
        << raw;
  }
}

// A 70-digit amount: its expansion is longer than the 64 bytes printf once
// wrote into, which cut it short.
TEST(ShapeValue, RevenueOfAnyLengthIsWrittenWhole) {
  const std::string digits = "1234567890123456789012345678901234567890123456789012345678901234567890";
  const std::string out = shaped(schema::Role::kRevenue, digits, 1000);
  EXPECT_EQ(out, printf_fixed(std::strtod(digits.c_str(), nullptr) * 1000, 0));
  EXPECT_EQ(out.size(), 73u);
}

TEST(ShapeValue, KeysAreShapedAsTheirNormalForm) {
  using schema::Role;
  EXPECT_EQ(shaped(Role::kEmail, " Jane.Doe@Example.COM "), "jane.doe@example.com");
  EXPECT_EQ(shaped(Role::kLinkedin, "http://LinkedIn.com/in/Jane-Doe/"), "https://www.linkedin.com/in/jane-doe");
  EXPECT_EQ(shaped(Role::kEmail, "not an address"), "") << "not usable: nothing (the previous value is cleared)";
  EXPECT_EQ(shaped(Role::kTitle, "  CEO "), "CEO");
}

}  // namespace
}  // namespace crmerge::merge
