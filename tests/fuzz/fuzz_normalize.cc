// fuzz_normalize: every normalizer (src/normalize/) on one cell of arbitrary
// bytes; the first byte picks the phone's default region.
//
// Checked, besides "no crash, no exception":
//   - a key of valid UTF-8 input is valid UTF-8 (a LinkedIn key always is);
//   - e-mail keys: lower case, one '@', a domain; a key is its own key
//     (idempotent, with and without gmail_canonical), and so is each key of
//     a cell, which holds no key twice;
//   - LinkedIn keys start with "linkedin.com/in/" and are their own key;
//   - domain keys: lower case, dotted, without scheme, path or port, their own key;
//   - name keys of UTF-8 text: only lower-case ASCII letters, digits and
//     non-ASCII bytes; the same for the name in upper case and without its punctuation
//     (name_key is not idempotent, by design: "aee" -> "ae" -> "a", the 'e' rule
//     applies to the text as written); split_full_name's keys are name keys;
//   - phones: a valid phone's E.164 is '+' and digits, its extension
//     digits, and both read back the same from phone_display's text (the
//     export writes that text, and a later job may read it as input);
//     split_phone_cell's parts are trimmed, non-empty pieces of the cell.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/utf8.h"
#include "fuzz_check.h"
#include "normalize/domain.h"
#include "normalize/email.h"
#include "normalize/linkedin.h"
#include "normalize/name.h"
#include "normalize/phone.h"

namespace crmerge::fuzz {
namespace {

bool has_upper_ascii(std::string_view s) {
  for (char c : s)
    if (c >= 'A' && c <= 'Z') return true;
  return false;
}

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

void check_email(std::string_view cell, bool utf8) {
  for (bool gmail : {false, true}) {
    const normalize::EmailOptions options{gmail};
    if (auto key = normalize::email_key(cell, options)) {
      FUZZ_CHECK(!utf8 || is_valid_utf8(*key), "an e-mail key of UTF-8 text is not UTF-8");
      FUZZ_CHECK(!has_upper_ascii(*key), "an e-mail key with capitals: " + *key);
      FUZZ_CHECK(key->find('@') == key->rfind('@') && !normalize::email_domain(*key).empty(),
                 "not one '@' and a domain: " + *key);
      auto again = normalize::email_key(*key, options);
      FUZZ_CHECK(again && *again == *key, "email_key is not idempotent on " + *key);
      (void)normalize::is_role_mailbox(*key);
    }
    std::vector<std::string> keys = normalize::email_keys(cell, options);
    for (size_t i = 0; i < keys.size(); ++i) {
      auto again = normalize::email_key(keys[i], options);
      FUZZ_CHECK(again && *again == keys[i], "a key of email_keys is not its own key: " + keys[i]);
      for (size_t j = 0; j < i; ++j) FUZZ_CHECK(keys[j] != keys[i], "email_keys gives a key twice");
    }
  }
}

void check_linkedin(std::string_view cell) {
  auto key = normalize::linkedin_key(cell);
  if (!key) return;
  FUZZ_CHECK(is_valid_utf8(*key), "a LinkedIn key is not UTF-8");
  FUZZ_CHECK(key->rfind("linkedin.com/in/", 0) == 0 && key->size() > 16, "not linkedin.com/in/<handle>: " + *key);
  auto again = normalize::linkedin_key(*key);
  FUZZ_CHECK(again && *again == *key, "linkedin_key is not idempotent on " + *key);
}

void check_domain(std::string_view cell, bool utf8) {
  auto key = normalize::domain_key(cell);
  if (!key) return;
  FUZZ_CHECK(!utf8 || is_valid_utf8(*key), "a domain key of UTF-8 text is not UTF-8");
  FUZZ_CHECK(!has_upper_ascii(*key) && key->find('.') != std::string::npos &&
                 key->find_first_of("/?#:@ ") == std::string::npos && key->front() != '.' && key->back() != '.',
             "not a bare lower-case domain: " + *key);
  auto again = normalize::domain_key(*key);
  FUZZ_CHECK(again && *again == *key, "domain_key is not idempotent on " + *key);
}

// Of text that is not UTF-8 (which the import never lets through), a name key
// may keep any byte: name_key copies a broken sequence as it is.
void check_name_key(const std::string& key, bool utf8) {
  if (utf8) {
    for (char ch : key) {
      auto c = static_cast<unsigned char>(ch);
      FUZZ_CHECK((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80,
                 "a name key with punctuation or capitals: " + key);
    }
    FUZZ_CHECK(is_valid_utf8(key), "a name key of UTF-8 text is not UTF-8");
  }
  bool ascii = true;
  for (char ch : key) ascii = ascii && static_cast<unsigned char>(ch) < 0x80;
  FUZZ_CHECK(normalize::is_latin_key(key) == ascii, "is_latin_key disagrees with the key's bytes");
}

void check_name(std::string_view cell, bool utf8) {
  const std::string key = normalize::name_key(cell);
  check_name_key(key, utf8);
  std::string into = "left over";
  normalize::name_key_into(cell, into);
  FUZZ_CHECK(into == key, "name_key_into and name_key differ");
  std::string upper(cell), bare;
  for (char& c : upper)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  for (char c : cell)
    if (static_cast<unsigned char>(c) >= 0x80 || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
        (c >= '0' && c <= '9'))
      bare += c;
  if (utf8) {
    FUZZ_CHECK(normalize::name_key(upper) == key, "a name key depends on case");
    FUZZ_CHECK(normalize::name_key(bare) == key, "a name key depends on punctuation");
  }
  (void)normalize::canonical_first_name(key);
  std::string first, last;
  normalize::split_full_name(cell, first, last);
  check_name_key(first, utf8);
  check_name_key(last, utf8);
}

void check_phone(std::string_view cell, const std::string& region) {
  for (std::string_view part : normalize::split_phone_cell(cell)) {
    FUZZ_CHECK(!part.empty() && part.data() >= cell.data() && part.data() + part.size() <= cell.data() + cell.size(),
               "a phone part that is empty or not a piece of the cell");
    FUZZ_CHECK(part.front() != ' ' && part.back() != ' ' && part.find_first_of(";,|\n") == std::string_view::npos,
               "a phone part untrimmed or holding a separator");
  }
  const normalize::Phone p = normalize::parse_phone(cell, region);
  FUZZ_CHECK(p.status == normalize::PhoneStatus::kValid || (p.e164.empty() && p.extension.empty()),
             "a phone that is not valid with a number");
  bool lower_marker = false;
  for (char c : p.marker) lower_marker = lower_marker || (c >= 'a' && c <= 'z');
  FUZZ_CHECK(p.status == normalize::PhoneStatus::kDoNotCall ? !p.marker.empty() && !lower_marker : p.marker.empty(),
             "a do-not-call marker missing or not upper-cased, or a marker on another status");
  if (p.status != normalize::PhoneStatus::kValid) return;
  // Not at most 15 digits: libphonenumber takes longer German numbers as valid.
  FUZZ_CHECK(p.e164.size() >= 3 && p.e164[0] == '+' && all_digits(p.e164.substr(1)),
             "not an E.164 number: " + p.e164);
  FUZZ_CHECK(all_digits(p.extension), "an extension that is not digits: " + p.extension);
  const std::string shown = normalize::phone_display(p);
  const normalize::Phone again = normalize::parse_phone(shown, region);
  FUZZ_CHECK(again.status == normalize::PhoneStatus::kValid && again.e164 == p.e164 && again.extension == p.extension,
             "phone_display's \"" + shown + "\" does not read back as " + p.e164 + " ext " + p.extension + " in " +
                 region);
}

}  // namespace
}  // namespace crmerge::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > 4096) return 0;
  static const std::string kRegions[] = {"US", "GB", "DE", "CA", "FR", "AU", "IN", "BR", "JP", "ZZ", "", "XX"};
  const std::string& region = kRegions[data[0] % (sizeof kRegions / sizeof kRegions[0])];
  // A heap copy of exactly the cell's size: a read past its end is an ASan error.
  const std::string cell(reinterpret_cast<const char*>(data) + 1, size - 1);
  const bool utf8 = crmerge::is_valid_utf8(cell);
  crmerge::fuzz::check_email(cell, utf8);
  crmerge::fuzz::check_linkedin(cell);
  crmerge::fuzz::check_domain(cell, utf8);
  crmerge::fuzz::check_name(cell, utf8);
  crmerge::fuzz::check_phone(cell, region);
  return 0;
}
