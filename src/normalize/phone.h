// Phone numbers as match keys, through libphonenumber (src/normalize/ is the
// only code that includes it).
//
// Which phones are keys: a number libphonenumber calls VALID for its country,
// formatted E.164 (+14155550134), read with a default region for numbers
// without a country code. When the first reading is not valid and the number
// starts with 00 or 011, it is read again with that prefix as "+" (an
// international call prefix written out). Everything else is not a key:
//   - a do-not-call marker (DNC, TPS, CTPS, "Do not call") -- kept, reported;
//   - a number Excel turned into a float (4.15555E+09) -- its digits are lost, never guessed;
//   - anything libphonenumber cannot parse or does not call valid.
// A leading apostrophe (the spreadsheet text marker in Apollo exports) is ignored.
// An extension (x123, ext. 12) is kept apart from the number.
// parse_phone first tries a fast path (phone_fast.h) that reads the common
// shapes without libphonenumber's parser and returns exactly the same result.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace crmerge::normalize {

enum class PhoneStatus { kValid, kEmpty, kDoNotCall, kExcelMangled, kInvalid };
constexpr size_t kPhoneStatuses = 5;  // how many PhoneStatus values there are

struct Phone {
  PhoneStatus status = PhoneStatus::kEmpty;
  std::string e164;       // when valid
  std::string extension;  // digits, when there was one
  std::string marker;     // the do-not-call marker as written, upper-cased
};

Phone parse_phone(std::string_view raw, const std::string& default_region);

// The same through libphonenumber alone (Parse, IsValidNumber, Format), without
// the fast path (phone_fast.h) that parse_phone tries first: the reference the
// fast path is tested against.
Phone parse_phone_slow(std::string_view raw, const std::string& default_region);

// The phones of one cell: "+1 212 200 1111; +1 212 200 2222" holds two. The
// non-empty, trimmed parts between ; , | and newlines ('/' does not separate:
// 030/901820 is one number). The keys phase and the export split alike.
std::vector<std::string_view> split_phone_cell(std::string_view cell);

// "+14155550134" or "+14155550134 ext. 12": how an enriched phone field is written.
std::string phone_display(const Phone& p);

// True when `region` is a region code libphonenumber knows (US, GB, DE ...).
bool is_known_region(const std::string& region);

const char* phone_status_name(PhoneStatus s);

}  // namespace crmerge::normalize
