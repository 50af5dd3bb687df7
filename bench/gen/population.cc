#include "population.h"

#include <algorithm>
#include <cstdarg>
#include <cstring>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <vector>

#include "fmt.h"
#include "rates.h"

namespace gen {

namespace {

// Tags separating the hash streams.
enum Tag : std::uint64_t {
  kTagPermU = 0x5101, kTagPermBrand, kTagPermCode, kTagPermLi, kTagPermUs, kTagPermUkMob, kTagPermUkFix,
  kTagPermDeMob, kTagPermDeFix, kTagCompanySplit, kTagLeaf, kTagCompanyAttr, kTagPerson, kTagHousehold,
};

// Central-office codes (exchanges) that are valid in the NANP: 200-999 without
// N11 service codes, 555 (fiction and directory assistance) and 950/958/959/976.
const std::vector<int>& exchanges() {
  static const std::vector<int> list = [] {
    std::vector<int> v;
    for (int e = 200; e <= 999; ++e) {
      if (e % 100 == 11 || e == 555 || e == 950 || e == 958 || e == 959 || e == 976) continue;
      v.push_back(e);
    }
    return v;
  }();
  return list;
}

constexpr std::uint64_t kUkMobileSpace = 300000000ULL;  // 7[1-3] + 8 digits
constexpr std::uint64_t kUkFixedSpace = 30000000ULL;    // 20 [378] + 7 digits
constexpr std::uint64_t kDeMobileSpace = 100000000ULL;  // 151 + 8 digits
constexpr std::uint64_t kDeFixedSpace = 90000000ULL;    // 30 [1-9] + 7 digits

// 64-person blocks: residues (block mod 100) that are UK / DE.
constexpr int kUkResidues[] = {3, 23, 47, 68, 89};
constexpr int kDeResidues[] = {12, 55, 77};

const char kConsonants[] = "bdfgklmnprstvz";  // 14
const char kVowels[] = "aeiou";               // 5
const char* const kFinals[] = {"", "n", "r", "x", "s", "l"};

const char* const kUsTlds[] = {".com", ".com", ".com", ".com", ".com", ".com", ".com", ".io", ".co", ".ai"};
const char* const kUkTlds[] = {".co.uk", ".co.uk", ".co.uk", ".com"};
const char* const kDeTlds[] = {".de", ".de", ".de", ".com"};

const char* const kUsProviders[] = {"gmail.com", "gmail.com", "yahoo.com", "outlook.com", "hotmail.com",
                                    "icloud.com", "aol.com"};
const char* const kUkProviders[] = {"gmail.com", "hotmail.co.uk", "btinternet.com", "outlook.com",
                                    "yahoo.co.uk"};
const char* const kDeProviders[] = {"gmx.de", "web.de", "gmail.com", "t-online.de", "outlook.de"};

// Writes V as exactly WIDTH decimal digits (zero-padded) at OUT.
void put_digits(char* out, std::uint64_t v, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
}

// Formats into the phone's digit buffer (which always fits a national number).
__attribute__((format(printf, 2, 3))) void nsn_printf(Phone& ph, const char* fmt, ...) {
  char buf[64];
  va_list ap;
  va_start(ap, fmt);
  std::vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  std::size_t n = std::min(std::strlen(buf), sizeof ph.nsn - 1);
  std::memcpy(ph.nsn, buf, n);
  ph.nsn[n] = '\0';
}

}  // namespace

const char* Phone::country_code() const {
  switch (type) {
    case kUkLondon:
    case kUkMobile:
      return "44";
    case kDeBerlin:
    case kDeMobile:
      return "49";
    default:
      return "1";
  }
}

Population::Population(const Sizes& sizes) : seed_(sizes.seed), n_(sizes.crm_rows) {
  x_ = std::max(sizes.crm_rows, sizes.vendor_rows);
  u_ = std::max<std::uint64_t>(n_ + x_, 1);
  perm_u_ = Perm(u_, hash(seed_, kTagPermU));
  perm_brand_ = Perm(u_, hash(seed_, kTagPermBrand));
  perm_code_ = Perm(u_, hash(seed_, kTagPermCode));
  perm_li_ = Perm(std::max<std::uint64_t>(u_, std::uint64_t{1} << 32), hash(seed_, kTagPermLi));
  us_space_ = kNumUsAreaCodes * exchanges().size() * 10000ULL;
  perm_us_ = Perm(us_space_, hash(seed_, kTagPermUs));
  perm_uk_mobile_ = Perm(kUkMobileSpace, hash(seed_, kTagPermUkMob));
  perm_uk_fixed_ = Perm(kUkFixedSpace, hash(seed_, kTagPermUkFix));
  perm_de_mobile_ = Perm(kDeMobileSpace, hash(seed_, kTagPermDeMob));
  perm_de_fixed_ = Perm(kDeFixedSpace, hash(seed_, kTagPermDeFix));
  // Largest dense UK / DE index is below u_ * share + one block row.
  std::uint64_t uk_max = (u_ / 6400 + 1) * 5 * 64, de_max = (u_ / 6400 + 1) * 3 * 64;
  wrap_ = u_ * 4 > us_space_ || uk_max > kUkMobileSpace || uk_max * 3 > kUkFixedSpace ||
          de_max > kDeMobileSpace || de_max * 3 > kDeFixedSpace;

  // Name pairs: culture blocks of first x last.
  std::uint64_t off = 0;
  for (std::size_t c = 0; c < kNumCultures; ++c) {
    culture_off_[c] = off;
    off += kCultures[c].n_first * kCultures[c].n_last;
  }
  culture_off_[kNumCultures] = off;
  names_total_ = off;
  if (names_total_ < 4096) {
    std::fprintf(stderr, "crmerge-gen: internal error: name lists too small\n");
    std::abort();
  }
  for (std::uint64_t m = names_total_ / 3; n_mults_ < 16; ++m)
    if (std::gcd(m, names_total_) == 1) name_mults_[n_mults_++] = m;
}

Country Population::country_of(std::uint64_t q) const {
  int t = static_cast<int>((q >> 6) % 100);
  for (int r : kUkResidues)
    if (t == r) return kUK;
  for (int r : kDeResidues)
    if (t == r) return kDE;
  return kUS;
}

std::uint64_t Population::dense_index(std::uint64_t q, Country c) const {
  std::uint64_t b = q >> 6;
  int t = static_cast<int>(b % 100);
  std::uint64_t rank = 0, per = 0;
  if (c == kUK) {
    per = 5;
    while (kUkResidues[rank] != t) ++rank;
  } else {
    per = 3;
    while (kDeResidues[rank] != t) ++rank;
  }
  return ((b / 100) * per + rank) * 64 + (q & 63);
}

Phone Population::number(std::uint64_t q, int kind) const {
  Phone ph;
  Country c = country_of(q);
  if (c == kUS) {
    std::uint64_t idx = (q * 4 + static_cast<std::uint64_t>(kind)) % us_space_;
    std::uint64_t y = perm_us_.fwd(idx);
    std::uint64_t area = y % kNumUsAreaCodes;
    y /= kNumUsAreaCodes;
    std::uint64_t ex = y % exchanges().size();
    std::uint64_t line = y / exchanges().size();
    ph.type = Phone::kUsNanp;
    put_digits(ph.nsn, static_cast<std::uint64_t>(kUsAreaCodes[area]), 3);
    put_digits(ph.nsn + 3, static_cast<std::uint64_t>(exchanges()[ex]), 3);
    put_digits(ph.nsn + 6, line, 4);
    ph.nsn[10] = '\0';
    return ph;
  }
  std::uint64_t k = dense_index(q, c);
  if (c == kUK) {
    if (kind == 0) {
      std::uint64_t y = perm_uk_mobile_.fwd(k % kUkMobileSpace);
      ph.type = Phone::kUkMobile;
      nsn_printf(ph, "7%d%08llu", static_cast<int>(1 + y / 100000000ULL),
                    static_cast<unsigned long long>(y % 100000000ULL));
    } else {
      std::uint64_t y = perm_uk_fixed_.fwd((k * 3 + static_cast<std::uint64_t>(kind - 1)) % kUkFixedSpace);
      ph.type = Phone::kUkLondon;
      nsn_printf(ph, "20%c%07llu", "378"[y / 10000000ULL],
                    static_cast<unsigned long long>(y % 10000000ULL));
    }
    return ph;
  }
  if (kind == 0) {
    std::uint64_t y = perm_de_mobile_.fwd(k % kDeMobileSpace);
    ph.type = Phone::kDeMobile;
    nsn_printf(ph, "151%08llu", static_cast<unsigned long long>(y));
  } else {
    std::uint64_t y = perm_de_fixed_.fwd((k * 3 + static_cast<std::uint64_t>(kind - 1)) % kDeFixedSpace);
    ph.type = Phone::kDeBerlin;
    nsn_printf(ph, "30%d%07llu", static_cast<int>(1 + y / 10000000ULL),
                  static_cast<unsigned long long>(y % 10000000ULL));
  }
  return ph;
}

void Population::company_of(std::uint64_t q, Company& co) const {
  std::uint64_t start = q & ~std::uint64_t{4095}, size = 4096;
  int level = 0;
  bool found = false;
  while (size > 64) {
    if (unit(hash(seed_, kTagCompanySplit, start, size)) < rates::kSingle[level]) {
      found = true;
      break;
    }
    size >>= 1;
    if (q >= start + size) start += size;
    ++level;
  }
  if (!found && unit(hash(seed_, kTagCompanySplit, start, size)) >= rates::kSingle[6]) {
    // Cut the 64-block into small companies of 1..20 people.
    Rng r(hash(seed_, kTagLeaf, start));
    std::uint64_t end = start + 64, s = start;
    for (;;) {
      std::uint64_t sz = 1 + std::min(r.below(20), r.below(20));
      if (s + sz > end) sz = end - s;
      if (q < s + sz) {
        start = s;
        size = sz;
        break;
      }
      s += sz;
    }
  }
  co.start = start;
  co.size = std::min(start + size, u_) - start;
  co.country = country_of(start);
  co.h = hash(seed_, kTagCompanyAttr, start);
  Rng r(co.h);

  // Brand: 2+ syllables (consonant + vowel) and an optional final letter, a
  // bijective function of the company start.
  std::uint64_t x = perm_brand_.fwd(start);
  int k = 2;
  std::uint64_t cnt = 70ULL * 70ULL * 6ULL;
  while (x >= cnt) {
    x -= cnt;
    ++k;
    cnt *= 70;
  }
  co.brand.clear();
  std::uint64_t fin = x % 6;
  x /= 6;
  for (int i = 0; i < k; ++i) {
    std::uint64_t syl = x % 70;
    x /= 70;
    co.brand += kConsonants[syl / 5];
    co.brand += kVowels[syl % 5];
  }
  co.brand += kFinals[fin];
  co.domain = co.brand;
  co.domain += co.country == kUS ? r.pick(kUsTlds) : co.country == kUK ? r.pick(kUkTlds) : r.pick(kDeTlds);
  co.brand[0] = static_cast<char>(co.brand[0] - 'a' + 'A');
  co.suffix = static_cast<int>(r.below(10));

  double u = r.uni();
  if (co.size <= 64)
    co.email_format = u < 0.50 ? 0 : u < 0.72 ? 2 : u < 0.84 ? 3 : u < 0.92 ? 4 : 1;
  else
    co.email_format = u < 0.85 ? 0 : 1;
  co.name_mult = name_mults_[r.below(static_cast<std::uint64_t>(n_mults_))];
  co.name_off = r.below(names_total_);
  co.industry = static_cast<int>(r.below(kNumIndustries));
  std::size_t ncities = co.country == kUS ? kNumUsCities : co.country == kUK ? kNumUkCities : kNumDeCities;
  co.city = static_cast<int>(r.below(ncities));
  co.employees = static_cast<std::uint32_t>(co.size * r.range(3, 40) + r.below(10));
  co.revenue = static_cast<std::uint64_t>(co.employees) * r.range(80, 400) * 1000ULL;
  co.founded = static_cast<int>(r.range(1950, 2022));
  co.hq = number(start, 3);
}

Population::NameIdx Population::name_of(const Company& co, std::uint64_t idx) const {
  std::uint64_t j = (idx * co.name_mult + co.name_off) % names_total_;
  std::size_t c = 0;
  while (j >= culture_off_[c + 1]) ++c;
  std::uint64_t local = j - culture_off_[c];
  const Culture& cu = kCultures[c];
  return {&cu.first[local % cu.n_first], &cu.last[local / cu.n_first]};
}

void Population::format_local(int format, const NameIdx& n, std::string& out) const {
  out.clear();
  switch (format) {
    case 0:  // first.last
      out += n.first->ascii;
      out += '.';
      out += n.last->ascii;
      break;
    case 1:  // first_last
      out += n.first->ascii;
      out += '_';
      out += n.last->ascii;
      break;
    case 2:  // flast
      out += n.first->ascii[0];
      out += n.last->ascii;
      break;
    case 3:  // f.last
      out += n.first->ascii[0];
      out += '.';
      out += n.last->ascii;
      break;
    default:  // first
      out += n.first->ascii;
      break;
  }
}

void Population::work_email_of(const Company& co, std::uint64_t idx, std::string& out) const {
  NameIdx n = name_of(co, idx);
  format_local(co.email_format, n, out);
  if (co.email_format >= 2) {
    // Formats that can repeat: the later colleague gets first.last.
    std::string other;
    for (std::uint64_t i = 0; i < idx; ++i) {
      format_local(co.email_format, name_of(co, i), other);
      if (other == out) {
        format_local(0, n, out);
        break;
      }
    }
  }
  out += '@';
  out += co.domain;
}

std::string Population::role_email(const Company& co, int which) const {
  std::string s = kRoleMailboxes[static_cast<std::size_t>(which) % kNumRoleMailboxes];
  s += '@';
  s += co.domain;
  return s;
}

void Population::person(std::uint64_t p, Person& out) const {
  out.p = p;
  out.q = perm_u_.fwd(p);
  company_of(out.q, out.company);
  const Company& co = out.company;
  out.idx = out.q - co.start;
  out.country = country_of(out.q);
  NameIdx n = name_of(co, out.idx);
  out.first = n.first;
  out.last = n.last;

  Rng r(hash(seed_, kTagPerson, p));
  double u = r.uni();
  out.level = u < 0.04 ? 0 : u < 0.12 ? 1 : u < 0.26 ? 2 : u < 0.48 ? 3 : u < 0.72 ? 4 : 5;
  out.dept = static_cast<int>(r.below(kNumDepartments));
  std::size_t ncities = out.country == kUS ? kNumUsCities : out.country == kUK ? kNumUkCities : kNumDeCities;
  out.city = (out.country == co.country && r.chance(0.7)) ? co.city : static_cast<int>(r.below(ncities));

  work_email_of(co, out.idx, out.work_email);

  // Private addresses: letters of the name + a bijective code of the person id
  // (the trailing digits identify the person, so the address is unique).
  out.personal_email.clear();
  out.personal_email2.clear();
  if (r.chance(rates::kHasPersonalEmail)) {
    std::uint64_t code = perm_code_.fwd(p);
    const char* const* providers = out.country == kUS ? kUsProviders : out.country == kUK ? kUkProviders : kDeProviders;
    std::size_t np = out.country == kUS ? std::size(kUsProviders) : out.country == kUK ? std::size(kUkProviders)
                                                                                      : std::size(kDeProviders);
    std::size_t prov = r.below(np);
    auto make = [&](std::string& s, int form, std::size_t pv) {
      s.clear();
      if (form == 0) {
        s += n.first->ascii;
        s += '.';
        s += n.last->ascii;
      } else if (form == 1) {
        s += n.first->ascii;
        s += n.last->ascii;
      } else {
        s += n.first->ascii[0];
        s += n.last->ascii;
      }
      append_dec(s, code);
      s += '@';
      s += providers[pv];
    };
    make(out.personal_email, static_cast<int>(r.below(3)), prov);
    if (r.chance(rates::kHasPersonalEmail2 / rates::kHasPersonalEmail)) {
      // Another provider (a different domain), so never equal to the first.
      std::size_t prov2 = (prov + 1 + r.below(np - 1)) % np;
      while (std::string_view(providers[prov2]) == providers[prov]) prov2 = (prov2 + 1) % np;
      make(out.personal_email2, static_cast<int>(r.below(3)), prov2);
    }
  }

  out.linkedin.clear();
  out.linkedin += n.first->ascii;
  out.linkedin += '-';
  out.linkedin += n.last->ascii;
  out.linkedin += '-';
  std::uint64_t li = perm_li_.fwd(p);
  append_hex(out.linkedin, li, li >> 32 ? 16 : 8);

  out.mobile = number(out.q, 0);
  out.direct = number(out.q, 1);
  std::uint64_t lead = p & ~std::uint64_t{1};
  out.household = (p | 1) < u_ && unit(hash(seed_, kTagHousehold, p >> 1)) < rates::kHousehold;
  out.home = out.household ? number(perm_u_.fwd(lead), 2) : Phone{};
}

}  // namespace gen
