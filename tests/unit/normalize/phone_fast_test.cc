#include "normalize/phone_fast.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "normalize/phone.h"

// The differential test runs 1,000,000 generated texts through both paths in a
// normal build (~15-25 s: every text the fast path answers is also parsed by
// libphonenumber). Under AddressSanitizer libphonenumber is several times
// slower, so sanitizer builds run a tenth of them (same generator, same seeds).
#if defined(__SANITIZE_ADDRESS__)
#define CRM_PHONE_FAST_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CRM_PHONE_FAST_TEST_SANITIZED 1
#endif
#endif
#ifndef CRM_PHONE_FAST_TEST_SANITIZED
#define CRM_PHONE_FAST_TEST_SANITIZED 0
#endif

namespace crmerge::normalize {
namespace {

constexpr int kScale = CRM_PHONE_FAST_TEST_SANITIZED ? 10 : 1;

bool same(const Phone& a, const Phone& b) {
  return a.status == b.status && a.e164 == b.e164 && a.extension == b.extension && a.marker == b.marker;
}

std::string show(const Phone& p) {
  return std::string(phone_status_name(p.status)) + " e164=" + p.e164 + " ext=" + p.extension + " marker=" + p.marker;
}

// ---------------------------------------------------------------------------
// The generator: phone texts of every shape, valid and invalid, deterministic.

class PhoneTextGen {
 public:
  explicit PhoneTextGen(uint64_t seed) : s_(seed) {}

  struct Text {
    std::string text;
    bool clean = false;  // a common shape, neither mutated nor a special case
  };

  Text next(const std::string& region) {
    Text t;
    if (chance(0.08)) {
      t.text = special();
      return t;
    }
    std::string number;
    size_t pick = below(100);
    bool home_first = region == "US" || region == "CA";
    if (pick < (home_first ? 70u : 30u)) number = nanp();
    else if (pick < (home_first ? 82u : 62u)) number = region == "DE" ? de() : gb();
    else if (pick < 94) number = region == "DE" ? gb() : de();
    else number = other_country();
    t.clean = true;
    if (chance(0.22)) {
      std::string ext = extension(&t.clean);
      number += ext;
    }
    number = decorate(number, &t.clean);
    if (chance(0.12)) {
      number = mutate(number);
      t.clean = false;
    }
    t.text = std::move(number);
    return t;
  }

 private:
  uint64_t u64() {  // splitmix64
    uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  size_t below(size_t n) { return static_cast<size_t>(u64() % n); }
  bool chance(double p) { return static_cast<double>(u64() >> 11) * 0x1.0p-53 < p; }
  template <typename T>
  const T& one_of(const std::vector<T>& v) {
    return v[below(v.size())];
  }
  std::string digits(size_t n) {
    std::string s;
    for (size_t i = 0; i < n; ++i) s.push_back(static_cast<char>('0' + below(10)));
    return s;
  }
  std::string digit_range(char lo, char hi) { return std::string(1, static_cast<char>(lo + below(static_cast<size_t>(hi - lo + 1)))); }

  // --- NANP: area code, exchange, line; assigned, unassigned, N11, 0/1 exchanges, wrong lengths.
  std::string nanp_nsn() {
    static const std::vector<std::string> kAreas = {
        "212", "415", "310", "646", "202", "305", "312", "617", "713", "808", "907", "503", "720", "404", "206",
        "512", "602", "702", "615", "303", "267", "978", "570", "239", "843", "505", "730", "472", "983", "458"};
    static const std::vector<std::string> kOthers = {
        "204", "226", "236", "249", "250", "289", "306", "343", "365", "403", "416", "418", "431", "437", "438",
        "450", "506", "514", "519", "548", "579", "581", "587", "604", "613", "639", "647", "672", "705", "709",
        "742", "778", "780", "782", "807", "819", "825", "867", "873", "902", "905", "242", "246", "264", "268",
        "284", "340", "345", "441", "473", "649", "658", "664", "670", "671", "684", "721", "758", "767", "784",
        "787", "809", "829", "849", "868", "869", "876", "939", "800", "833", "844", "855", "866", "877", "888",
        "900", "500", "521", "522", "523", "524", "533", "544", "566", "577", "588", "600", "622", "710", "456",
        "880", "881", "882", "555", "370", "960", "999", "311", "611"};
    std::string area;
    size_t a = below(100);
    if (a < 40) area = one_of(kAreas);
    else if (a < 62) area = one_of(kOthers);
    else if (a < 82) area = digit_range('2', '9') + digits(2);
    else if (a < 90) area = digit_range('2', '9') + "11";
    else area = digit_range('0', '1') + digits(2);
    std::string exchange;
    size_t e = below(100);
    if (e < 72) exchange = digit_range('2', '9') + digits(2);
    else if (e < 80) exchange = "555";
    else if (e < 87) exchange = digit_range('2', '9') + "11";
    else exchange = digit_range('0', '1') + digits(2);
    std::string nsn = area + exchange + digits(4);
    size_t l = below(100);
    if (l < 6) nsn.erase(below(nsn.size()), 1);
    else if (l < 10) nsn.insert(below(nsn.size() + 1), digits(1));
    else if (l < 12) nsn = nsn.substr(0, 7);
    return nsn;
  }
  std::string nanp() {
    std::string n = nanp_nsn();
    std::string a = n.substr(0, 3), e = n.substr(3, 3), l = n.size() > 6 ? n.substr(6) : "";
    switch (below(30)) {
      case 0: return "+1" + n;
      case 1: return "(" + a + ") " + e + "-" + l;
      case 2: return a + "." + e + "." + l;
      case 3: return a + "-" + e + "-" + l;
      case 4: return "1-" + a + "-" + e + "-" + l;
      case 5: return "+1 " + a + " " + e + " " + l;
      case 6: return "+1 (" + a + ") " + e + "-" + l;
      case 7: return "00 1 " + a + " " + e + " " + l;
      case 8: return n;
      case 9: return "+1-" + a + "-" + e + "-" + l;
      case 10: return a + " " + e + " " + l;
      case 11: return "+1 " + a + "-" + e + "-" + l;
      case 12: return "1 (" + a + ") " + e + "-" + l;
      case 13: return "1" + n;
      case 14: return "1 " + a + " " + e + " " + l;
      case 15: return "011 1 " + a + " " + e + " " + l;
      case 16: return "001 " + a + " " + e + " " + l;
      case 17: return "+1." + a + "." + e + "." + l;
      case 18: return "(" + a + ")" + e + "-" + l;
      case 19: return "+1(" + a + ")" + e + "-" + l;
      case 20: return a + "/" + e + "-" + l;
      case 21: return "1." + a + "." + e + "." + l;
      case 22: return "+ 1 " + a + " " + e + " " + l;
      case 23: return "11" + n;
      case 24: return "+11" + n;
      case 25: return "0" + n;
      case 26: return "+1 1 " + a + " " + e + " " + l;
      case 27: return "0011" + n;
      case 28: return "(" + a + ") " + e + " " + l;
      default: return "1 1 " + a + " " + e + " " + l;
    }
  }

  // --- GB and DE: national significant numbers of many kinds and lengths.
  std::string gb_nsn() {
    switch (below(16)) {
      case 0: case 1: case 2: return "20" + digit_range('0', '9') + digits(7);
      case 3: case 4: case 5: return "7" + digit_range('0', '9') + digits(8);
      case 6: return "1" + digits(8 + below(2));
      case 7: return "3" + digits(9);
      case 8: return "80" + digit_range('0', '9') + digits(6 + below(2));
      case 9: return "9" + digits(9);
      case 10: return digit_range('5', '6') + digits(9);
      case 11: return one_of(std::vector<std::string>{"1481", "1624", "1534", "7781", "7839", "7911", "7624", "7924",
                                                      "7509", "7797", "7700", "8456"}) +
                      digits(6);
      case 12: return "1" + digit_range('1', '9') + digits(2) + digits(5 + below(2));
      case 13: return digits(5 + below(8));
      case 14: return "0" + digits(9);
      default: return "1" + digits(3) + digits(6);
    }
  }
  std::string de_nsn() {
    switch (below(16)) {
      case 0: case 1: case 2: return "30" + digits(3 + below(9));
      case 3: case 4: return "15" + digits(1) + digits(7 + below(2));
      case 5: return "1" + digit_range('6', '7') + digits(1) + digits(7 + below(2));
      case 6: return "40" + digits(4 + below(6));
      case 7: return "89" + digits(4 + below(6));
      case 8: return "69" + digits(4 + below(6));
      case 9: return "2" + digits(2) + digits(3 + below(6));
      case 10: return "3" + digit_range('3', '9') + digits(1) + digits(3 + below(6));
      case 11: return one_of(std::vector<std::string>{"800", "900", "180", "700", "137", "116", "164", "181", "322",
                                                      "491", "4930"}) +
                      digits(4 + below(9));
      case 12: return digits(2 + below(15));
      case 13: return "0" + digits(9);
      default: return digit_range('2', '9') + digits(1 + below(3)) + digits(4 + below(6));
    }
  }
  // Groups a national number as people write it: area, then the rest.
  std::string grouped(const std::string& nsn, size_t area, const std::string& sep) {
    if (nsn.size() <= area) return nsn;
    std::string rest = nsn.substr(area);
    if (rest.size() >= 7 && chance(0.5)) rest = rest.substr(0, rest.size() / 2) + sep + rest.substr(rest.size() / 2);
    return nsn.substr(0, area) + sep + rest;
  }
  std::string european(const std::string& cc, const std::string& nsn) {
    size_t area = std::min<size_t>(nsn.size(), 2 + below(3));
    switch (below(22)) {
      case 0: return "+" + cc + nsn;
      case 1: return "+" + cc + " " + grouped(nsn, area, " ");
      case 2: return "0" + grouped(nsn, area, " ");
      case 3: return "+" + cc + " (0)" + grouped(nsn, area, " ");
      case 4: return "00" + cc + " " + grouped(nsn, area, " ");
      case 5: return "011 " + cc + " " + grouped(nsn, area, " ");
      case 6: return "(0" + nsn.substr(0, area) + ") " + nsn.substr(area);
      case 7: return "0" + nsn;
      case 8: return "0" + nsn.substr(0, area) + "/" + nsn.substr(area);
      case 9: return "0" + nsn.substr(0, area) + "-" + nsn.substr(area);
      case 10: return "+" + cc + "-" + grouped(nsn, area, "-");
      case 11: return "+" + cc + "0" + nsn;
      case 12: return cc + nsn;
      case 13: return cc + " " + grouped(nsn, area, " ");
      case 14: return "+" + cc + " 0" + grouped(nsn, area, " ");
      case 15: return "00 " + cc + " " + grouped(nsn, area, " ");
      case 16: return "+" + cc + "." + grouped(nsn, area, ".");
      case 17: return "+" + cc + " (" + nsn.substr(0, area) + ") " + nsn.substr(area);
      case 18: return "0" + cc + nsn;
      case 19: return nsn;
      case 20: return "(+" + cc + ") " + grouped(nsn, area, " ");
      default: return "+" + cc + " " + grouped(nsn, area, " ");
    }
  }
  std::string gb() { return european("44", gb_nsn()); }
  std::string de() { return european("49", de_nsn()); }
  std::string other_country() {
    static const std::vector<std::string> kCodes = {"33", "39", "34", "31", "61", "81", "91", "7", "86", "353", "41",
                                                    "999", "0", "800", "882", "290", "1", "44", "49", "4", "42"};
    std::string cc = one_of(kCodes);
    std::string nsn = (chance(0.3) ? "0" : "") + digits(4 + below(10));
    switch (below(4)) {
      case 0: return "+" + cc + nsn;
      case 1: return "+" + cc + " " + grouped(nsn, 1 + below(3), " ");
      case 2: return "00" + cc + " " + grouped(nsn, 2, " ");
      default: return "011 " + cc + " " + grouped(nsn, 2, "-");
    }
  }

  std::string ext_digits() {
    size_t n = below(100);
    return digits(n < 80 ? 1 + below(5) : (n < 95 ? 6 + below(4) : 10 + below(13)));
  }
  std::string extension(bool* clean) {
    std::string d = ext_digits();
    size_t k = below(44);
    if (k >= 20) *clean = false;
    switch (k) {
      case 0: case 1: case 2: return " x" + d;
      case 3: case 4: return " x " + d;
      case 5: case 6: case 7: return " ext. " + d;
      case 8: case 9: case 10: return " ext " + d;
      case 11: return " #" + d;
      case 12: return " ext." + d;
      case 13: return "x" + d;
      case 14: return " EXT " + d;
      case 15: return " Ext. " + d;
      case 16: return " X" + d;
      case 17: return " ext: " + d;
      case 18: return " extn " + d;
      case 19: return " extension " + d;
      case 20: return "#" + d;
      case 21: return " # " + d;
      case 22: return " int " + d;
      case 23: return " ext-" + d;
      case 24: return " x. " + d;
      case 25: return " - " + d + "#";
      case 26: return " " + d + "#";
      case 27: return "#";
      case 28: return " ext";
      case 29: return " x";
      case 30: return " xt " + d;
      case 31: return " ext " + d + "#";
      case 32: return " ext. " + d + " x " + ext_digits();
      case 33: return " / x " + d;
      case 34: return "/x" + d;
      case 35: return ", ext " + d;
      case 36: return ";ext=" + d;
      case 37: return ",," + d;
      case 38: return " ~" + d;
      case 39: return " extensio " + d;
      case 40: return " ext\t" + d;
      case 41: return " ext " + d + " ";
      case 42: return " e" + d;
      default: return " x:" + d;
    }
  }

  std::string decorate(std::string s, bool* clean) {
    size_t k = below(100);
    if (k < 12) return "'" + s;
    if (k < 14) return "=\"" + s + "\"";
    if (k < 16) return " " + s + "  ";
    if (k < 18) {
      *clean = false;
      return one_of(std::vector<std::string>{"''", "\"", "Tel: ", "(", "\t", "T: ", "ph ", "- ", "#", "+"}) + s;
    }
    if (k < 20) {
      *clean = false;
      return s + one_of(std::vector<std::string>{".", ")", " -", "\"", ";", ",", " .", "+", ":", "/", " (home)"});
    }
    return s;
  }

  std::string mutate(std::string s) {
    static const std::string kChars = " -.()/+x#:eE0123456789,;\tabnXT*[]~";
    size_t n = 1 + below(2);
    for (size_t i = 0; i < n; ++i) {
      size_t at = below(s.size() + 1);
      switch (below(4)) {
        case 0: s.insert(at, 1, kChars[below(kChars.size())]); break;
        case 1: if (at < s.size()) s.erase(at, 1); break;
        case 2: if (at < s.size()) s[at] = kChars[below(kChars.size())]; break;
        default: if (at < s.size()) s.insert(at, 1, s[at]); break;
      }
    }
    return s;
  }

  std::string special() {
    static const std::vector<std::string> kFixed = {
        "", "  ", "'", "''", "=\"\"", "DNC", "dnc", "Dnc", "TPS", "ctps", "Do Not Call", "DONOTCALL", "DNC/TPS",
        "tps/ctps", "do not call ", "4.15555E+09", "4,15555E+09", "4.1555501E9", "1E+10", "4.15555e+09",
        "4.15555E+", "4.E+09", "n/a", "N/A", "none", "-", "call me", "1-800-FLOWERS", "415-555-CALL", "+", "()",
        "0", "00", "011", "1", "++1 415 555 0134", "1+415 555 0134", "+-1 415 555 0134", "(+1) 415 555 0134",
        "+(1) 415 555 0134", "\xef\xbc\x94\xef\xbc\x91\xef\xbc\x95 555 0134", "415\xe2\x80\x93" "555\xe2\x80\x93" "0134",
        "415\xc2\xa0" "555 0134", "tel:+1-415-555-0134", "+1 415 555 0134;ext=12", "415 555 0134,,12",
        "1 800 555 0199", "+1 800 555 0199", "+44 800 123 4567", "911", "112", "+1 911", "x123", "ext 12",
        "+44", "+49", "+1", "0044", "00 44", "011", "0049 0", "+0 123 456", "+00 44 20 7946 0018",
        "415 555 0134 / 415 555 0135", "(415) 555-0134 (415) 555-0135", "415-555-0134 or 415-555-0135"};
    if (chance(0.6)) return one_of(kFixed);
    // Random digits with random separators and prefixes.
    std::string s;
    size_t n = below(23);
    for (size_t i = 0; i < n; ++i) {
      if (chance(0.2)) s.push_back(" -.()/"[below(6)]);
      s.push_back(static_cast<char>('0' + below(10)));
    }
    switch (below(6)) {
      case 0: return "+" + s;
      case 1: return "00" + s;
      case 2: return "011" + s;
      default: return s;
    }
  }

  uint64_t s_;
};

struct Tally {
  size_t total = 0, fast = 0, clean = 0, clean_fast = 0, mismatches = 0;
};

Tally run_differential(const std::string& region, uint64_t seed, size_t count) {
  PhoneTextGen gen(seed);
  Tally t;
  for (size_t i = 0; i < count; ++i) {
    PhoneTextGen::Text text = gen.next(region);
    ++t.total;
    if (text.clean) ++t.clean;
    std::optional<Phone> fast = parse_phone_fast(text.text, region);
    if (!fast) continue;
    ++t.fast;
    if (text.clean) ++t.clean_fast;
    Phone slow = parse_phone_slow(text.text, region);
    if (!same(*fast, slow)) {
      if (++t.mismatches <= 20)
        ADD_FAILURE() << "region " << region << " text [" << text.text << "]: fast " << show(*fast) << ", slow "
                      << show(slow);
    }
  }
  std::printf("[ differential ] %s: %zu texts, fast path %zu (%.1f%%); common shapes %zu, fast path %zu (%.1f%%)\n",
              region.c_str(), t.total, t.fast, 100.0 * static_cast<double>(t.fast) / static_cast<double>(t.total),
              t.clean, t.clean_fast, 100.0 * static_cast<double>(t.clean_fast) / static_cast<double>(t.clean));
  return t;
}

// 400k + 100k + 250k + 250k = 1,000,000 texts (a tenth under sanitizers), in
// four tests so that ctest -j runs them side by side.
void expect_fast_equals_slow(const char* region, uint64_t seed, size_t texts) {
  ASSERT_TRUE(phone_fast_enabled());
  Tally t = run_differential(region, seed, texts);
  EXPECT_EQ(t.mismatches, 0u);
  EXPECT_GT(t.clean_fast, t.clean * 9 / 10);  // the fast path reads most common shapes
}

TEST(PhoneFastDifferential, US) { expect_fast_equals_slow("US", 1, 400000 / kScale); }
TEST(PhoneFastDifferential, CA) { expect_fast_equals_slow("CA", 2, 100000 / kScale); }
TEST(PhoneFastDifferential, GB) { expect_fast_equals_slow("GB", 3, 250000 / kScale); }
TEST(PhoneFastDifferential, DE) { expect_fast_equals_slow("DE", 4, 250000 / kScale); }

// Validity depends most on the first digits of the national number (NANP area
// codes and exchanges, British and German area codes): every 3-digit prefix,
// and for GB and DE every 4-digit one, with random rest and lengths around the
// country's, written international ("+44 ...") and national ("0...").
TEST(PhoneFastDifferential, EveryPrefix) {
  ASSERT_TRUE(phone_fast_enabled());
  struct Plan {
    std::string cc, region, national_prefix;
    int prefix_digits, min_len, max_len, samples;
  };
  const Plan plans[] = {
      {"1", "US", "1", 3, 10, 10, 4}, {"1", "CA", "", 3, 6, 12, 3},   {"1", "US", "", 6, 10, 10, 0},
      {"44", "GB", "0", 3, 5, 12, 4}, {"44", "GB", "0", 4, 9, 10, 1}, {"49", "DE", "0", 3, 4, 15, 4},
      {"49", "DE", "0", 4, 5, 13, 1},
  };
  uint64_t x = 12345;
  auto rnd = [&x](uint64_t n) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<int>((x >> 33) % n);
  };
  size_t total = 0, fast_count = 0, mismatches = 0;
  for (const Plan& plan : plans) {
    int prefixes = 1;
    for (int i = 0; i < plan.prefix_digits; ++i) prefixes *= 10;
    int samples = plan.samples;
    int stride = kScale;
    if (samples == 0) {  // NANP area code + exchange: a sample of 20,000 of the million
      samples = 1;
      stride = 50 * kScale;
    }
    for (int p = rnd(static_cast<uint64_t>(stride)); p < prefixes; p += stride) {
      std::string prefix = std::to_string(p);
      prefix.insert(0, static_cast<size_t>(plan.prefix_digits) - prefix.size(), '0');
      for (int k = 0; k < samples; ++k) {
        int len = plan.min_len + rnd(static_cast<uint64_t>(plan.max_len - plan.min_len + 1));
        std::string nsn = prefix;
        while (static_cast<int>(nsn.size()) < len) nsn.push_back(static_cast<char>('0' + rnd(10)));
        std::string text = k % 2 == 0 ? "+" + plan.cc + " " + nsn : plan.national_prefix + nsn;
        ++total;
        std::optional<Phone> fast = parse_phone_fast(text, plan.region);
        if (!fast) continue;
        ++fast_count;
        Phone slow = parse_phone_slow(text, plan.region);
        if (!same(*fast, slow) && ++mismatches <= 20)
          ADD_FAILURE() << "region " << plan.region << " text [" << text << "]: fast " << show(*fast) << ", slow "
                        << show(slow);
      }
    }
  }
  std::printf("[ differential ] every prefix: %zu texts, fast path %zu\n", total, fast_count);
  EXPECT_EQ(mismatches, 0u);
  // Left to the slow path: national texts that start with 00 or 011 and are
  // read again as "+<another country>".
  EXPECT_GT(fast_count, total * 99 / 100);
}

// ---------------------------------------------------------------------------
// Specific cases.

// The fast path answers, and its answer is libphonenumber's.
void expect_fast(std::string_view raw, const std::string& region, const std::string& e164,
                 const std::string& extension = "") {
  std::optional<Phone> fast = parse_phone_fast(raw, region);
  ASSERT_TRUE(fast.has_value()) << raw << " (" << region << ")";
  Phone slow = parse_phone_slow(raw, region);
  EXPECT_TRUE(same(*fast, slow)) << raw << ": fast " << show(*fast) << ", slow " << show(slow);
  if (e164.empty()) {
    EXPECT_EQ(fast->status, PhoneStatus::kInvalid) << raw;
  } else {
    EXPECT_EQ(fast->status, PhoneStatus::kValid) << raw;
    EXPECT_EQ(fast->e164, e164) << raw;
  }
  EXPECT_EQ(fast->extension, extension) << raw;
  EXPECT_TRUE(same(parse_phone(raw, region), slow)) << raw;
}

TEST(PhoneFast, NanpShapes) {
  for (const char* raw : {"(415) 555-0134", "415.555.0134", "415-555-0134", "415 555 0134", "4155550134",
                          "1-415-555-0134", "1 (415) 555-0134", "+14155550134", "+1 415 555 0134",
                          "+1 (415) 555-0134", "'+1 415-555-0134", "'4155550134", "=\"+14155550134\"",
                          "011 1 415 555 0134", "00 1 415 555 0134", "001 415 555 0134", " 415 555 0134 "}) {
    expect_fast(raw, "US", "+14155550134");
    expect_fast(raw, "CA", "+14155550134");
  }
  expect_fast("(416) 555-0134", "US", "+14165550134");  // Canada
  expect_fast("+1 242 357 1234", "US", "+12423571234");  // Bahamas
  expect_fast("+1 441 295 1234", "GB", "+14412951234");  // Bermuda
}

TEST(PhoneFast, NanpInvalid) {
  expect_fast("(211) 555-0134", "US", "");  // N11 area code
  expect_fast("(415) 055-0134", "US", "");  // exchange starting with 0
  expect_fast("(415) 155-0134", "US", "");  // exchange starting with 1
  expect_fast("(415) 555-013", "US", "");   // too short
  expect_fast("(415) 555-01345", "US", "");  // too long
  expect_fast("555-0100", "US", "");
  expect_fast("+1 000 000 0000", "US", "");
  expect_fast("12345", "US", "");
  expect_fast("0001", "US", "");
}

TEST(PhoneFast, InternationalShapes) {
  expect_fast("+44 20 7946 0018", "US", "+442079460018");
  expect_fast("+44 (0)20 3269 5754", "US", "+442032695754");
  expect_fast("+49 30 901820", "US", "+4930901820");
  expect_fast("+49 151 23456789", "US", "+4915123456789");
  expect_fast("011 44 20 7946 0018", "US", "+442079460018");
  expect_fast("0044 20 7946 0018", "US", "+442079460018");
  expect_fast("020 7946 0018", "GB", "+442079460018");
  expect_fast("(020) 7946 0018", "GB", "+442079460018");
  expect_fast("07400 123456", "GB", "+447400123456");
  expect_fast("07700 900123", "GB", "");  // the range kept for drama: not valid
  expect_fast("030 901820", "DE", "+4930901820");
  expect_fast("030/901820", "DE", "+4930901820");
  expect_fast("0151 23456789", "DE", "+4915123456789");
  expect_fast("+1 415 555 0134", "DE", "+14155550134");
  expect_fast("020 7946 0018", "US", "");  // a London number read as a US one
  expect_fast("030/901820", "US", "");
}

TEST(PhoneFast, Extensions) {
  expect_fast("212-200-1234 x123", "US", "+12122001234", "123");
  expect_fast("+1-212-200-1234 ext. 12", "US", "+12122001234", "12");
  expect_fast("(212) 200-1234 ext 1234", "US", "+12122001234", "1234");
  expect_fast("212 200 1234 #12", "US", "+12122001234", "12");
  expect_fast("212 200 1234 x 12", "US", "+12122001234", "12");
  expect_fast("212 200 1234 EXT: 7", "US", "+12122001234", "7");
  expect_fast("212 200 1234 extension 77", "US", "+12122001234", "77");
  expect_fast("+44 20 7946 0018 ext. 7", "GB", "+442079460018", "7");
  // libphonenumber reads "- 0134#" as an extension, leaving 212-200: invalid.
  expect_fast("212-200-0134#", "US", "");
}

TEST(PhoneFast, SettledCells) {
  std::optional<Phone> p = parse_phone_fast("", "US");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->status, PhoneStatus::kEmpty);
  p = parse_phone_fast("  '  ", "US");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->status, PhoneStatus::kEmpty);
  p = parse_phone_fast("Do Not Call", "GB");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->status, PhoneStatus::kDoNotCall);
  EXPECT_EQ(p->marker, "DO NOT CALL");
  p = parse_phone_fast("4.15555E+09", "US");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->status, PhoneStatus::kExcelMangled);
}

TEST(PhoneFast, LeavesTheRestToLibphonenumber) {
  EXPECT_FALSE(parse_phone_fast("1-800-FLOWERS", "US"));       // a vanity number
  EXPECT_FALSE(parse_phone_fast("+33 1 23 45 67 89", "US"));   // a country it does not know
  EXPECT_FALSE(parse_phone_fast("415\xe2\x80\x93" "555\xe2\x80\x93" "0134", "US"));  // en dashes
  EXPECT_FALSE(parse_phone_fast("01 23 45 67 89", "FR"));      // a default region it does not know
  for (const char* raw : {"1-800-FLOWERS", "+33 1 23 45 67 89", "01 23 45 67 89"})
    EXPECT_TRUE(same(parse_phone(raw, "FR"), parse_phone_slow(raw, "FR"))) << raw;
}

TEST(PhoneFast, OnlyTheDefaultRegionsItWasBuiltFor) {
  // The fast path must be on here: a self-check that failed would silently
  // send every number to the slow path.
  ASSERT_TRUE(phone_fast_enabled());
  EXPECT_GT(phone_fast_table_bytes(), 1000u);
  for (const char* region : {"US", "CA", "GB", "DE"}) EXPECT_TRUE(parse_phone_fast("+1 415 555 0134", region)) << region;
  // Region codes are matched exactly, as libphonenumber matches them; anything
  // else (lower case, unknown, empty, the non-geographic "001") goes to the slow path.
  for (const char* region : {"us", "Us", "", "ZZ", "001", "FR", "USA"}) {
    EXPECT_FALSE(parse_phone_fast("+1 415 555 0134", region)) << region;
    EXPECT_FALSE(parse_phone_fast("(415) 555-0134", region)) << region;
    for (const char* raw : {"+1 415 555 0134", "(415) 555-0134", "+44 20 7946 0018"})
      EXPECT_TRUE(same(parse_phone(raw, region), parse_phone_slow(raw, region))) << raw << " in " << region;
  }
}

TEST(PhoneFast, SameAnswersFromManyThreads) {
  PhoneTextGen gen(99);
  std::vector<std::string> texts;
  for (int i = 0; i < 20000; ++i) texts.push_back(gen.next("US").text);
  std::vector<std::optional<Phone>> expected;
  for (const std::string& t : texts) expected.push_back(parse_phone_fast(t, "US"));
  std::vector<int> wrong(4, 0);
  std::vector<std::thread> threads;
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([&, k] {
      for (size_t i = 0; i < texts.size(); ++i) {
        std::optional<Phone> p = parse_phone_fast(texts[i], "US");
        if (p.has_value() != expected[i].has_value() || (p && !same(*p, *expected[i]))) ++wrong[static_cast<size_t>(k)];
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (int w : wrong) EXPECT_EQ(w, 0);
}

}  // namespace
}  // namespace crmerge::normalize
