// fuzz_phone_diff: the phone fast path (normalize/phone_fast.h) against
// libphonenumber. Wherever parse_phone_fast gives an answer, it must be the
// answer of parse_phone_slow (libphonenumber's Parse, IsValidNumber and
// Format alone) for the same text and default region: the same status,
// E.164, extension and marker. Where the fast path declines (nullopt), there
// is nothing to compare. The first byte picks the default region: mostly the
// four the fast path serves, and one it leaves to libphonenumber.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "normalize/phone.h"
#include "normalize/phone_fast.h"

namespace crmerge::fuzz {
namespace {

std::string show(const normalize::Phone& p) {
  return std::string(normalize::phone_status_name(p.status)) + " e164=" + p.e164 + " ext=" + p.extension +
         " marker=" + p.marker;
}

}  // namespace
}  // namespace crmerge::fuzz

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // With the fast path off (its self-check failed), this target compares nothing.
  FUZZ_CHECK(crmerge::normalize::phone_fast_enabled(), "the phone fast path is off");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace crmerge::normalize;
  if (size == 0 || size > 256) return 0;
  static const std::string kRegions[] = {"US", "GB", "DE", "CA", "US", "GB", "DE", "FR"};
  const std::string& region = kRegions[data[0] & 7];
  // A heap copy of exactly the text's size: a read past its end is an ASan error.
  const std::string raw(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::optional<Phone> fast = parse_phone_fast(raw, region);
  if (!fast) return 0;
  const Phone slow = parse_phone_slow(raw, region);
  FUZZ_CHECK(fast->status == slow.status && fast->e164 == slow.e164 && fast->extension == slow.extension &&
                 fast->marker == slow.marker,
             "\"" + raw + "\" in " + region + ": fast path " + crmerge::fuzz::show(*fast) + ", libphonenumber " +
                 crmerge::fuzz::show(slow));
  return 0;
}
