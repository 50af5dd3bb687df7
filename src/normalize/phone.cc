#include "normalize/phone.h"

#include <phonenumbers/phonenumberutil.h>

#include <cctype>
#include <set>

#include "base/strings.h"

namespace crmerge::normalize {

namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

bool is_do_not_call(const std::string& upper) {
  return upper == "DNC" || upper == "TPS" || upper == "CTPS" || upper == "DO NOT CALL" || upper == "DONOTCALL" ||
         upper == "DNC/TPS" || upper == "TPS/CTPS";
}

// 4.15555E+09, 4,15555E+09, 4.1555501E9: a number Excel displayed in scientific notation.
bool is_excel_float(std::string_view s) {
  size_t i = 0;
  auto digits = [&]() {
    size_t start = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    return i > start;
  };
  if (!digits()) return false;
  if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
    ++i;
    if (!digits()) return false;
  }
  if (i >= s.size() || (s[i] != 'E' && s[i] != 'e')) return false;
  ++i;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  return digits() && i == s.size();
}

bool parse_valid(const PhoneNumberUtil& util, const std::string& text, const std::string& region, PhoneNumber& n) {
  return util.Parse(text, region, &n) == PhoneNumberUtil::NO_PARSING_ERROR && util.IsValidNumber(n);
}

}  // namespace

Phone parse_phone(std::string_view raw, const std::string& default_region) {
  Phone p;
  std::string_view t = trim_ascii(raw);
  while (!t.empty() && (t.front() == '\'' || t.front() == '=')) t = trim_ascii(t.substr(1));  // '+1 ..., ="+1 ..."
  if (t.size() >= 2 && t.front() == '"' && t.back() == '"') t = trim_ascii(t.substr(1, t.size() - 2));
  if (t.empty()) return p;
  std::string upper(t);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (is_do_not_call(upper)) {
    p.status = PhoneStatus::kDoNotCall;
    p.marker = upper;
    return p;
  }
  if (is_excel_float(t)) {
    p.status = PhoneStatus::kExcelMangled;
    return p;
  }
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
