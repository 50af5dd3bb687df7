#include "normalize/phone.h"

#include <phonenumbers/phonenumberutil.h>

#include <optional>
#include <set>
#include <utility>

#include "base/strings.h"
#include "normalize/phone_fast.h"

namespace crmerge::normalize {

namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

bool parse_valid(const PhoneNumberUtil& util, const std::string& text, const std::string& region, PhoneNumber& n) {
  return util.Parse(text, region, &n) == PhoneNumberUtil::NO_PARSING_ERROR && util.IsValidNumber(n);
}

}  // namespace

std::vector<std::string_view> split_phone_cell(std::string_view cell) { return split_trimmed(cell, ";,|\n"); }

Phone parse_phone(std::string_view raw, const std::string& default_region) {
  if (std::optional<Phone> p = parse_phone_fast(raw, default_region)) return std::move(*p);
  return parse_phone_slow(raw, default_region);
}

Phone parse_phone_slow(std::string_view raw, const std::string& default_region) {
  Phone p;
  std::string_view t;
  if (std::optional<Phone> settled = phone_detail::settle_phone_cell(raw, &t)) return std::move(*settled);
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  std::string text(t);
  PhoneNumber n;
  bool valid = parse_valid(util, text, default_region, n);
  if (!valid) {
    size_t digits_at = text.find_first_not_of(" ()");
    std::string_view rest = std::string_view(text).substr(digits_at == std::string::npos ? text.size() : digits_at);
    for (std::string_view prefix : {"011", "00"}) {
      if (rest.substr(0, prefix.size()) == prefix) {
        valid = parse_valid(util, "+" + std::string(rest.substr(prefix.size())), default_region, n);
        break;
      }
    }
  }
  if (!valid) {
    p.status = PhoneStatus::kInvalid;
    return p;
  }
  p.status = PhoneStatus::kValid;
  util.Format(n, PhoneNumberUtil::E164, &p.e164);
  p.extension = n.extension();
  return p;
}

std::string phone_display(const Phone& p) {
  if (p.status == PhoneStatus::kDoNotCall) return p.marker;
  if (p.status != PhoneStatus::kValid) return "";
  return p.extension.empty() ? p.e164 : p.e164 + " ext. " + p.extension;
}

bool is_known_region(const std::string& region) {
  std::set<std::string> regions;
  PhoneNumberUtil::GetInstance()->GetSupportedRegions(&regions);
  return regions.count(region) > 0;
}

const char* phone_status_name(PhoneStatus s) {
  switch (s) {
    case PhoneStatus::kValid: return "valid";
    case PhoneStatus::kEmpty: return "empty";
    case PhoneStatus::kDoNotCall: return "do-not-call";
    case PhoneStatus::kExcelMangled: return "excel-mangled";
    case PhoneStatus::kInvalid: return "invalid";
  }
  return "?";
}

}  // namespace crmerge::normalize
