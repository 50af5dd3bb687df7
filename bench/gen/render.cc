#include "render.h"

#include <cstdio>
#include <cstring>
#include <initializer_list>
#include <string_view>

#include "lists.h"
#include "rates.h"

namespace gen {

namespace {

const char* const kUsSuffixes[] = {", Inc.", " Inc.", " LLC", " Corp.", " Labs", " Systems",
                                   " Group", " Technologies", " Partners", ""};
const char* const kUkSuffixes[] = {" Ltd", " Limited", " plc", " Group", ", Ltd.", " Ltd",
                                   " Consulting", " Ltd", " UK Ltd", ""};
const char* const kDeSuffixes[] = {" GmbH", " AG", " GmbH & Co. KG", " SE", " GmbH", " GmbH",
                                   " Software GmbH", " AG", " KG", ""};

}  // namespace

const char* company_suffix(const Company& co) {
  const char* const* list = co.country == kUS ? kUsSuffixes : co.country == kUK ? kUkSuffixes : kDeSuffixes;
  return list[co.suffix % 10];
}

void render_phone(const Phone& ph, int style, std::string& out) {
  out.clear();
  const char* d = ph.nsn;
  if (ph.type == Phone::kUsNanp) {
    std::string_view a(d, 3), e(d + 3, 3), l(d + 6, 4);  // area code, exchange, line
    auto cat = [&out](std::initializer_list<std::string_view> parts) {
      for (std::string_view p : parts) out.append(p.data(), p.size());
    };
    switch (style) {
      case 0: cat({"+1", a, e, l}); break;
      case 1: cat({"(", a, ") ", e, "-", l}); break;
      case 2: cat({a, ".", e, ".", l}); break;
      case 3: cat({a, "-", e, "-", l}); break;
      case 4: cat({"1-", a, "-", e, "-", l}); break;
      case 5: cat({"+1 ", a, " ", e, " ", l}); break;
      case 6: cat({"+1 (", a, ") ", e, "-", l}); break;
      case 7: cat({"00 1 ", a, " ", e, " ", l}); break;
      case 8: cat({a, e, l}); break;
      case 9: cat({"+1-", a, "-", e, "-", l}); break;
      case 10: cat({a, " ", e, " ", l}); break;
      default: cat({"+1 ", a, "-", e, "-", l}); break;
    }
    return;
  }
  // UK / DE: split the national number into an area (or mobile prefix) and the rest.
  std::size_t n = std::strlen(d);
  std::size_t area_len = 2;  // 20, 30
  if (ph.type == Phone::kUkMobile) area_len = 4;  // 7123
  if (ph.type == Phone::kDeMobile) area_len = 3;  // 151
  const char* cc = ph.country_code();
  std::string area(d, area_len), rest(d + area_len, n - area_len);
  // A readable grouping of the subscriber part: UK London 4+4, UK mobile 6, DE whole.
  std::string rest_grouped = rest;
  if (ph.type == Phone::kUkLondon) rest_grouped = rest.substr(0, 4) + " " + rest.substr(4);
  switch (style % 8) {
    case 0: out = std::string("+") + cc + d; break;
    case 1: out = std::string("+") + cc + " " + area + " " + rest_grouped; break;
    case 2: out = "0" + area + " " + rest_grouped; break;
    case 3: out = std::string("+") + cc + " (0)" + area + " " + rest_grouped; break;
    case 4: out = std::string("00") + cc + " " + area + " " + rest_grouped; break;
    case 5: out = std::string("011 ") + cc + " " + area + " " + rest_grouped; break;
    case 6:
      if (ph.type == Phone::kUkLondon) out = "(0" + area + ") " + rest_grouped;
      else if (ph.type == Phone::kUkMobile) out = "0" + area + rest;
      else if (ph.type == Phone::kDeBerlin) out = "0" + area + "/" + rest;
      else out = "0" + area + "-" + rest;
      break;
    default:
      if (ph.type == Phone::kUkMobile) out = std::string("+") + cc + " " + area + " " + rest.substr(0, 3) + " " + rest.substr(3);
      else if (ph.type == Phone::kUkLondon) out = std::string("+") + cc + " " + area + " " + rest;
      else out = std::string("+") + cc + " " + area + " " + rest.substr(0, 4) + " " + rest.substr(4);
      break;
  }
}

Country phone_country(const Phone& ph) {
  return ph.type == Phone::kUkLondon || ph.type == Phone::kUkMobile ? kUK
         : ph.type == Phone::kDeBerlin || ph.type == Phone::kDeMobile ? kDE
                                                                      : kUS;
}

int pick_phone_style(Rng& r, int dominant, const Phone& ph, Country record_country) {
  int style = (dominant >= 0 && r.chance(rates::kDominantStyle)) ? dominant : static_cast<int>(r.below(kPhoneStyles));
  if (phone_country(ph) != record_country) {
    // International shapes only, with an international prefix that can be dialled
    // from the record's country (00 from Europe, 011 from North America).
    static const int kUsFromEurope[] = {0, 5, 6, 7, 9, 11};  // 7: 00 1 ...
    static const int kFromUs[] = {0, 1, 3, 7, 5};            // 5: 011 44 ...
    static const int kFromEurope[] = {0, 1, 3, 7, 4};        // 4: 0044 ...
    if (ph.type == Phone::kUsNanp) style = kUsFromEurope[style % 6];
    else if (record_country == kUS) style = kFromUs[style % 5];
    else style = kFromEurope[style % 5];
  }
  return style;
}

void append_extension(Rng& r, std::string& out) {
  char buf[24];
  switch (r.below(4)) {
    case 0: std::snprintf(buf, sizeof buf, " x%u", static_cast<unsigned>(r.range(100, 999))); break;
    case 1: std::snprintf(buf, sizeof buf, " ext. %u", static_cast<unsigned>(r.range(10, 99))); break;
    case 2: std::snprintf(buf, sizeof buf, " ext %u", static_cast<unsigned>(r.range(1000, 9999))); break;
    default: std::snprintf(buf, sizeof buf, " x %u", static_cast<unsigned>(r.range(10, 99))); break;
  }
  out += buf;
}

void excel_mangle(const Phone& ph, std::string& out) {
  // US numbers as 10 national digits, others with their country code (no +).
  std::string digits = ph.type == Phone::kUsNanp ? std::string(ph.nsn) : std::string(ph.country_code()) + ph.nsn;
  // 6 significant digits, rounded half up, trailing zeros of the mantissa dropped.
  int exp = static_cast<int>(digits.size()) - 1;
  unsigned long long m = std::stoull(digits.substr(0, 6));
  if (digits.size() > 6 && digits[6] >= '5') ++m;
  if (m >= 1000000ULL) {  // 999999.5 rounds up to 1000000
    m /= 10;
    ++exp;
  }
  std::string ms = std::to_string(m);
  std::string frac = ms.substr(1);
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  char buf[48];
  std::snprintf(buf, sizeof buf, "%c%s%sE+%02d", ms[0], frac.empty() ? "" : ".", frac.c_str(), exp);
  out = buf;
}

void render_email(const std::string& email, Rng& r, double case_p, double space_p, std::string& out) {
  out = email;
  if (r.chance(case_p)) {
    if (r.chance(0.25)) {
      for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    } else {
      // Capitalize each part: John.Smith@Velorix.com
      bool start = true;
      for (char& c : out) {
        if (start && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        start = (c == '.' || c == '@' || c == '_' || c == '-');
      }
    }
  }
  if (r.chance(space_p)) {
    switch (r.below(3)) {
      case 0: out = " " + out; break;
      case 1: out += " "; break;
      default: out = "  " + out + " "; break;
    }
  }
}

void render_linkedin(const std::string& handle, Rng& r, int dominant, std::string& out) {
  int style = (dominant >= 0 && r.chance(rates::kDominantStyle)) ? dominant : static_cast<int>(r.below(kLinkedinStyles));
  // Capitalized handle for some shapes: John-Smith-4a1b2c3d (LinkedIn ignores case).
  std::string cap = handle;
  bool start = true;
  for (char& c : cap) {
    if (start && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    start = (c == '-');
  }
  switch (style) {
    case 0: out = "https://www.linkedin.com/in/" + handle; break;
    case 1: out = "https://www.linkedin.com/in/" + handle + "/"; break;
    case 2: out = "http://www.linkedin.com/in/" + handle; break;
    case 3: out = "http://linkedin.com/in/" + handle + "/"; break;
    case 4: out = "linkedin.com/in/" + handle; break;
    case 5: out = "www.linkedin.com/in/" + handle; break;
    case 6: out = "https://uk.linkedin.com/in/" + cap + "?trk=public_profile_browsemap"; break;
    case 7: out = "https://de.linkedin.com/in/" + handle + "/"; break;
    case 8: out = "https://www.linkedin.com/in/" + handle + "/details/experience/"; break;
    case 9: out = "https://www.linkedin.com/in/" + handle + "?utm_source=share&utm_campaign=share_via"; break;
    default: out = "https://www.linkedin.com/in/" + cap; break;
  }
}

void render_website(const std::string& domain, Rng& r, std::string& out) {
  switch (r.below(5)) {
    case 0: out = "https://www." + domain; break;
    case 1: out = "http://" + domain; break;
    case 2: out = "www." + domain; break;
    case 3: out = domain; break;
    default: out = "https://" + domain + "/"; break;
  }
}

void company_name(const Company& co, int variant, std::string& out) {
  std::string suffix = company_suffix(co);
  switch (variant) {
    case 1: out = co.brand; return;
    case 2: {
      out = co.brand + suffix;
      std::string t;
      for (char c : out)
        if (c != ',' && c != '.') t += c;
      out = t;
      return;
    }
    case 3:
      out = co.brand + suffix;
      for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      return;
    case 4: {
      auto replace = [&](const char* from, const char* to) {
        auto pos = suffix.find(from);
        if (pos != std::string::npos) suffix.replace(pos, std::strlen(from), to);
      };
      replace(", Inc.", " Incorporated");
      replace(" Inc.", " Incorporated");
      replace(" Corp.", " Corporation");
      replace(" Ltd", " Limited");
      out = co.brand + suffix;
      return;
    }
    default: out = co.brand + suffix; return;
  }
}

void fold_name(const Name& n, std::string& out) {
  // The ASCII form with each part capitalized (Mueller, Jean-Luc, Yamada).
  out = n.ascii;
  bool start = true;
  for (char& c : out) {
    if (start && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    start = (c == '-');
  }
}

}  // namespace gen
