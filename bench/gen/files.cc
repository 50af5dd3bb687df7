#include "files.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <vector>

#include "../common/csv.h"
#include "fmt.h"
#include "lists.h"
#include "rates.h"
#include "render.h"

namespace gen {

namespace {

enum Tag : std::uint64_t {
  kTagCrmIds = 0x7101, kTagCrmRow, kTagVendorIds, kTagVendorRow, kTagVendorView, kTagVendorRows,
  kTagVendorCrm, kTagVendorExt, kTagVendorDup,
};

// The strong identifiers of a person a record can carry (bit set). Two records of
// the same person can be matched when their sets intersect. Weak values (role
// mailboxes, switchboards, shared home phones) and values of another person (a
// recycled address) are never in the set.
enum Token : unsigned {
  kTokWork = 1, kTokPersonal = 2, kTokPersonal2 = 4, kTokLinkedin = 8, kTokDirect = 16, kTokMobile = 32,
};

enum EmailKind : int { kEmailNone = 0, kEmailWork, kEmailPersonal, kEmailRole, kEmailRecycled };
enum PhoneKind : int { kPhoneNone = 0, kPhoneDirect, kPhoneSwitchboard, kPhoneHome, kPhoneMobile };

// ------------------------------------------------------------------ CRM ids

struct CrmIds {
  int email = kEmailNone;
  int role = 0;
  int phone = kPhoneNone;  // the "Phone Number" column
  bool mobile = false;
  bool linkedin = false;
  bool phone_mangled = false, mobile_mangled = false;
  unsigned mask = 0;
};

CrmIds crm_ids(const Population& pop, const Person& P) {
  namespace R = rates;
  Rng r(hash(pop.seed(), kTagCrmIds, P.p));
  CrmIds ids;
  double u = r.uni();
  if (u < R::kCrmEmailWork) ids.email = kEmailWork;
  else if (u < R::kCrmEmailWork + R::kCrmEmailPersonal) ids.email = P.personal_email.empty() ? kEmailWork : kEmailPersonal;
  else if (u < R::kCrmEmailWork + R::kCrmEmailPersonal + R::kCrmEmailRole) ids.email = kEmailRole;
  ids.role = static_cast<int>(r.below(kNumRoleMailboxes));
  double v = r.uni();
  if (P.household && r.chance(R::kCrmPhoneHome)) ids.phone = kPhoneHome;
  else if (v < R::kCrmPhoneDirect) ids.phone = kPhoneDirect;
  else if (v < R::kCrmPhoneDirect + R::kCrmPhoneSwitchboard) ids.phone = kPhoneSwitchboard;
  ids.mobile = r.chance(R::kCrmMobile);
  ids.linkedin = r.chance(R::kCrmLinkedin);
  ids.phone_mangled = ids.phone != kPhoneNone && r.chance(R::kCrmExcelMangled);
  ids.mobile_mangled = ids.mobile && r.chance(R::kCrmExcelMangled);
  if (ids.email == kEmailWork) ids.mask |= kTokWork;
  if (ids.email == kEmailPersonal) ids.mask |= kTokPersonal;
  if (ids.phone == kPhoneDirect && !ids.phone_mangled) ids.mask |= kTokDirect;
  if (ids.mobile && !ids.mobile_mangled) ids.mask |= kTokMobile;
  if (ids.linkedin) ids.mask |= kTokLinkedin;
  return ids;
}

// --------------------------------------------------------------- vendor ids

struct VendorIds {
  int email = kEmailNone;
  int role = 0;
  std::uint64_t recycled_idx = 0;
  bool secondary = false, tertiary = false;
  bool linkedin = false;
  int direct = kPhoneNone;  // the direct / work phone column
  int mobile = kPhoneNone;  // the mobile column: kPhoneMobile, or kPhoneDirect when swapped
  bool home_col = false;    // Apollo's Home Phone
  int direct_marker = 0, mobile_marker = 0;  // 0 none, 1 DNC, 2 TPS, 3 CTPS
  bool direct_mangled = false, mobile_mangled = false, home_mangled = false;
  unsigned mask = 0;
};

const rates::Vendor& vendor_rates(int vendor) {
  return vendor == kApollo ? rates::kApollo : vendor == kZoomInfo ? rates::kZoomInfo : rates::kCognism;
}

VendorIds vendor_ids(const rates::Vendor& R, int vendor, const Person& P, Rng& r) {
  VendorIds ids;
  double u = r.uni();
  bool phone_only = u < R.phone_only;
  bool linkedin_only = !phone_only && u < R.phone_only + R.linkedin_only;
  bool normal = !phone_only && !linkedin_only;
  if (normal) {
    double e = r.uni();
    if (e < R.email_work) ids.email = kEmailWork;
    else if (e < R.email_work + R.email_personal) ids.email = P.personal_email.empty() ? kEmailWork : kEmailPersonal;
    else if (e < R.email_work + R.email_personal + R.email_role) ids.email = kEmailRole;
    ids.role = static_cast<int>(r.below(kNumRoleMailboxes));
    if (P.company.size > 1 && r.chance(R.recycled)) {
      ids.email = kEmailRecycled;
      ids.recycled_idx = r.below(P.company.size - 1);
      if (ids.recycled_idx >= P.idx) ++ids.recycled_idx;
    }
    ids.secondary = !P.personal_email.empty() && ids.email != kEmailPersonal && r.chance(R.secondary);
    ids.tertiary = !P.personal_email2.empty() && r.chance(R.tertiary);
  }
  ids.linkedin = linkedin_only ? true : phone_only ? false : r.chance(R.linkedin);
  double d = r.uni();
  if (vendor != kApollo && P.household && !linkedin_only && r.chance(R.home)) ids.direct = kPhoneHome;
  else if (d < R.direct) ids.direct = linkedin_only ? kPhoneNone : kPhoneDirect;
  else if (d < R.direct + R.switchboard) ids.direct = kPhoneSwitchboard;
  if (!linkedin_only && r.chance(R.mobile)) ids.mobile = r.chance(R.swapped) ? kPhoneDirect : kPhoneMobile;
  if (phone_only && ids.direct != kPhoneDirect && ids.mobile == kPhoneNone) ids.mobile = kPhoneMobile;
  ids.home_col = vendor == kApollo && P.household && !linkedin_only && r.chance(R.home);
  auto marker = [&]() { return P.country == kUK ? 2 + static_cast<int>(r.below(2)) : 1; };
  if (ids.direct != kPhoneNone && r.chance(R.dnc)) ids.direct_marker = marker();
  if (ids.mobile != kPhoneNone && r.chance(R.dnc)) ids.mobile_marker = marker();
  ids.direct_mangled = ids.direct != kPhoneNone && !ids.direct_marker && r.chance(R.excel_mangled);
  ids.mobile_mangled = ids.mobile != kPhoneNone && !ids.mobile_marker && r.chance(R.excel_mangled);
  ids.home_mangled = ids.home_col && r.chance(R.excel_mangled);

  if (ids.email == kEmailWork) ids.mask |= kTokWork;
  if (ids.email == kEmailPersonal || ids.secondary) ids.mask |= kTokPersonal;
  if (ids.tertiary) ids.mask |= kTokPersonal2;
  if (ids.linkedin) ids.mask |= kTokLinkedin;
  if (ids.direct == kPhoneDirect && !ids.direct_marker && !ids.direct_mangled) ids.mask |= kTokDirect;
  if (ids.mobile == kPhoneMobile && !ids.mobile_marker && !ids.mobile_mangled) ids.mask |= kTokMobile;
  if (ids.mobile == kPhoneDirect && !ids.mobile_marker && !ids.mobile_mangled) ids.mask |= kTokDirect;
  return ids;
}

// ------------------------------------------------------------------ helpers

const char* country_name(Country c) {
  return c == kUS ? "United States" : c == kUK ? "United Kingdom" : "Germany";
}

const City& city_of(Country c, int i) {
  if (c == kUS) return kUsCities[static_cast<std::size_t>(i) % kNumUsCities];
  if (c == kUK) return kUkCities[static_cast<std::size_t>(i) % kNumUkCities];
  return kDeCities[static_cast<std::size_t>(i) % kNumDeCities];
}

// A postal code near the city's base code: US and DE keep their leading zeros.
std::string postal_code(Country c, const City& city, Rng& r) {
  if (c == kUK) return city.zip;
  std::string z;
  append_dec(z, static_cast<std::uint64_t>(std::atoi(city.zip)) + r.below(40), 5);
  if (c == kUS && r.chance(rates::kZipPlus4)) {
    z += '-';
    append_dec(z, r.range(1000, 9999));
  }
  return z;
}

std::string street(Rng& r, double suite_p) {
  std::string s;
  append_dec(s, r.range(1, 2500));
  s += ' ';
  s += kStreets[r.below(kNumStreets)];
  if (r.chance(suite_p)) {
    s += ", Suite ";
    append_dec(s, r.range(100, 1999));
  }
  return s;
}

std::string date(Rng& r, int year_lo, int year_hi, bool with_time) {
  auto two = [](std::string& s, int v) {
    s += static_cast<char>('0' + v / 10);
    s += static_cast<char>('0' + v % 10);
  };
  int y = static_cast<int>(r.range(static_cast<std::uint64_t>(year_lo), static_cast<std::uint64_t>(year_hi)));
  int m = static_cast<int>(r.range(1, 12)), d = static_cast<int>(r.range(1, 28));
  std::string s = std::to_string(y);
  s += '-';
  two(s, m);
  s += '-';
  two(s, d);
  if (with_time) {
    s += ' ';
    two(s, static_cast<int>(r.below(24)));
    s += ':';
    two(s, static_cast<int>(r.below(60)));
  }
  return s;
}

std::string num(std::uint64_t v) { return std::to_string(v); }

std::string hex_id(std::uint64_t a, std::uint64_t b, int len) {
  std::string s;
  append_hex(s, hash(a, b, 1), 16);
  append_hex(s, hash(a, b, 2), 16);
  s.resize(static_cast<std::size_t>(len));
  return s;
}

bool non_ascii(const char* s) {
  for (; *s; ++s)
    if (static_cast<unsigned char>(*s) >= 0x80) return true;
  return false;
}

std::string lower_ascii(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

std::string tech_list(Rng& r, const char* sep) {
  std::string s;
  int n = static_cast<int>(r.range(1, 5));
  std::uint64_t start = r.below(kNumTechnologies);
  for (int i = 0; i < n; ++i) {
    if (i) s += sep;
    s += kTechnologies[(start + static_cast<std::uint64_t>(i) * 3) % kNumTechnologies];
  }
  return s;
}

std::string employee_range(std::uint32_t e) {
  if (e < 11) return "1-10";
  if (e < 51) return "11-50";
  if (e < 201) return "51-200";
  if (e < 501) return "201-500";
  if (e < 1001) return "501-1000";
  if (e < 5001) return "1001-5000";
  if (e < 10001) return "5001-10000";
  return "10001+";
}

std::string revenue_range(std::uint64_t usd) {
  if (usd < 1000000ULL) return "$0 - $1M";
  if (usd < 10000000ULL) return "$1M - $10M";
  if (usd < 50000000ULL) return "$10M - $50M";
  if (usd < 100000000ULL) return "$50M - $100M";
  if (usd < 500000000ULL) return "$100M - $500M";
  if (usd < 1000000000ULL) return "$500M - $1B";
  return "$1B+";
}

// Cell renderings shared by the writers.
struct PhoneCell {
  int dominant;        // phone style of the source
  double extension;    // extension rate on a direct line
  double apostrophe;   // Apollo's leading '
};

void phone_cell(const Phone& ph, int kind, bool mangled, int marker, const PhoneCell& how, Country ctx, Rng& r,
                std::string& out) {
  out.clear();
  if (ph.empty()) return;
  if (marker) {
    static const char* const kMarkers[] = {"", "DNC", "TPS", "CTPS"};
    out = kMarkers[marker];
    return;
  }
  if (mangled) {
    excel_mangle(ph, out);
    return;
  }
  render_phone(ph, pick_phone_style(r, how.dominant, ph, ctx), out);
  if ((kind == kPhoneSwitchboard && r.chance(rates::kSwitchboardExtension)) || (kind == kPhoneDirect && r.chance(how.extension)))
    append_extension(r, out);
  if (how.apostrophe > 0 && r.chance(how.apostrophe)) out = "'" + out;
}

const Phone& phone_of(const Person& P, int kind) {
  static const Phone kEmpty;
  switch (kind) {
    case kPhoneDirect: return P.direct;
    case kPhoneSwitchboard: return P.company.hq;
    case kPhoneHome: return P.home;
    case kPhoneMobile: return P.mobile;
    default: return kEmpty;
  }
}

class Output {
 public:
  bool open(const std::string& dir, const std::string& name, char delim, bool crlf, FileStats& st) {
    st.name = name + ".csv";
    if (!data_.open(dir + "/" + name + ".csv", delim, crlf)) {
      st.error = dir + "/" + name + ".csv: " + std::strerror(errno);
      return false;
    }
    if (!truth_.open(dir + "/truth/" + name + ".csv", ',', false)) {
      st.error = dir + "/truth/" + name + ".csv: " + std::strerror(errno);
      return false;
    }
    return true;
  }
  bool close(const std::string& dir, const std::string& name, FileStats& st) {
    bool ok1 = data_.close(), ok2 = truth_.close();
    st.bytes = data_.bytes();
    st.truth_bytes = truth_.bytes();
    if (!ok1) st.error = dir + "/" + name + ".csv: write failed";
    else if (!ok2) st.error = dir + "/truth/" + name + ".csv: write failed";
    return ok1 && ok2;
  }
  bench::CsvWriter& data() { return data_; }
  bench::CsvWriter& truth() { return truth_; }

 private:
  bench::CsvWriter data_, truth_;
};

// A record being built: fields reused row after row.
class Record {
 public:
  explicit Record(std::size_t n) : f_(n) {}
  std::string& operator[](std::size_t i) { return f_[i]; }
  void clear() {
    for (auto& s : f_) s.clear();
  }
  void write(bench::CsvWriter& w) {
    for (const auto& s : f_) w.field(s);
    w.end_record();
  }

 private:
  std::vector<std::string> f_;
};

}  // namespace

const char* vendor_name(int vendor) {
  return vendor == kApollo ? "apollo" : vendor == kZoomInfo ? "zoominfo" : "cognism";
}

// ====================================================================== CRM

FileStats write_crm(const Population& pop, const std::string& dir) {
  static const char* const kHeader[] = {
      "Record ID", "First Name", "Last Name", "Email", "Phone Number", "Mobile Phone Number", "Company Name",
      "Job Title", "Website URL", "LinkedIn Profile", "Lifecycle Stage", "Lead Status", "Contact owner",
      "Create Date", "Last Activity Date", "Street Address", "City", "State/Region", "Postal Code",
      "Country/Region", "Industry", "Number of Employees", "Annual Revenue", "Email Opt Out", "Notes"};
  static const char* const kStages[] = {"subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead",
                                        "opportunity", "customer", "evangelist", "other"};
  static const char* const kLeadStatus[] = {"NEW", "OPEN", "IN_PROGRESS", "OPEN_DEAL", "UNQUALIFIED",
                                            "ATTEMPTED_TO_CONTACT", "CONNECTED", "BAD_TIMING", ""};
  constexpr std::size_t kCols = std::size(kHeader);
  namespace R = rates;

  FileStats st;
  Output out;
  if (!out.open(dir, "crm", ',', false, st)) return st;
  for (const char* h : kHeader) out.data().field(h);
  out.data().end_record();
  out.truth().field("row");
  out.truth().field("person_id");
  out.truth().end_record();

  Person P;
  Record rec(kCols);
  std::string tmp;
  const PhoneCell how{-1, 0.03, 0.0};
  const std::uint64_t n = pop.crm_persons();
  for (std::uint64_t i = 0; i < n; ++i) {
    pop.person(i, P);
    const Company& co = P.company;
    CrmIds ids = crm_ids(pop, P);
    Rng r(hash(pop.seed(), kTagCrmRow, i));
    rec.clear();
    auto missing = [&]() { return r.chance(R::kCrmFieldMissing); };

    rec[0] = num(1000 + i * 3 + r.below(3));
    bool lower = r.chance(R::kCrmNameLower);
    rec[1] = lower ? lower_ascii(P.first->display) : P.first->display;
    rec[2] = lower ? lower_ascii(P.last->display) : P.last->display;
    if (ids.email == kEmailWork) render_email(P.work_email, r, R::kCrmEmailCase, R::kCrmEmailSpace, rec[3]);
    else if (ids.email == kEmailPersonal) render_email(P.personal_email, r, R::kCrmEmailCase, R::kCrmEmailSpace, rec[3]);
    else if (ids.email == kEmailRole) render_email(pop.role_email(co, ids.role), r, R::kCrmEmailCase, R::kCrmEmailSpace, rec[3]);
    phone_cell(phone_of(P, ids.phone), ids.phone, ids.phone_mangled, 0, how, P.country, r, rec[4]);
    if (ids.mobile) phone_cell(P.mobile, kPhoneMobile, ids.mobile_mangled, 0, how, P.country, r, rec[5]);
    if (!r.chance(R::kCrmCompanyMissing)) company_name(co, 0, rec[6]);
    if (!missing()) rec[7] = kTitles[P.level][P.dept];
    if (r.chance(R::kCrmWebsite)) render_website(co.domain, r, rec[8]);
    if (ids.linkedin) render_linkedin(P.linkedin, r, -1, rec[9]);
    rec[10] = r.pick(kStages);
    rec[11] = r.pick(kLeadStatus);
    if (!missing()) rec[12] = kOwners[r.below(kNumOwners)];
    rec[13] = date(r, 2015, 2023, true);
    if (r.chance(0.8)) rec[14] = date(r, 2024, 2025, true);
    const City& city = city_of(P.country, P.city);
    if (!missing()) rec[15] = street(r, R::kCrmStreetSuite);
    if (!missing()) rec[16] = city.name;
    if (!missing()) rec[17] = city.state;
    if (!missing()) rec[18] = postal_code(P.country, city, r);
    if (!missing()) rec[19] = country_name(P.country);
    if (!missing()) rec[20] = kIndustries[co.industry];
    if (!missing()) rec[21] = num(co.employees);
    if (!missing()) rec[22] = num(co.revenue);
    double o = r.uni();
    rec[23] = o < 0.85 ? "false" : o < 0.90 ? "true" : "";
    if (r.chance(R::kCrmNotes)) rec[24] = kNotes[r.below(kNumNotes)];
    rec.write(out.data());

    out.truth().field(num(i));
    out.truth().field(num(P.p));
    out.truth().end_record();
  }
  st.rows = n;
  out.close(dir, "crm", st);
  return st;
}

// ================================================================== vendors

namespace {

// Which person each vendor row holds. Rows are a keyed permutation of slots:
// [0, C) the vendor's share of CRM persons (a keyed sample of 0..N-1),
// [C, C+E) persons outside the CRM (a keyed sample of N..N+X-1),
// [C+E, M) duplicates of a person of an earlier slot.
class Layout {
 public:
  Layout(const Population& pop, int vendor, std::uint64_t m) : seed_(pop.seed()), vendor_(vendor), m_(m) {
    const rates::Vendor& R = vendor_rates(vendor);
    n_ = pop.crm_persons();
    std::uint64_t d = static_cast<std::uint64_t>(std::floor(static_cast<double>(m) * R.duplicates));
    std::uint64_t rest = m - d;
    std::uint64_t c = static_cast<std::uint64_t>(std::llround(R.coverage * static_cast<double>(n_)));
    c = std::min<std::uint64_t>(c, static_cast<std::uint64_t>(std::llround(0.8 * static_cast<double>(rest))));
    c_ = std::min(c, n_);
    e_ = rest - c_;
    rows_ = Perm(m, hash(seed_, kTagVendorRows, static_cast<std::uint64_t>(vendor)));
    crm_ = Perm(n_, hash(seed_, kTagVendorCrm, static_cast<std::uint64_t>(vendor)));
    ext_ = Perm(pop.external_persons(), hash(seed_, kTagVendorExt, static_cast<std::uint64_t>(vendor)));
  }
  // The person of row R; DUP tells whether the row repeats an earlier slot's person.
  std::uint64_t person(std::uint64_t r, bool& dup) const {
    std::uint64_t s = rows_.fwd(r);
    dup = s >= c_ + e_;
    if (dup) s = hash(seed_, kTagVendorDup, static_cast<std::uint64_t>(vendor_), s) % (c_ + e_);
    return s < c_ ? crm_.fwd(s) : n_ + ext_.fwd(s - c_);
  }

 private:
  std::uint64_t seed_;
  int vendor_;
  std::uint64_t m_, n_, c_ = 0, e_ = 0;
  Perm rows_, crm_, ext_;
};

// Per (vendor, person): how this vendor sees the person, the same for its duplicates.
struct View {
  int level;
  int company_variant;
  bool fold_first, fold_last;
};

View make_view(const Population& pop, int vendor, const Person& P) {
  const rates::Vendor& R = vendor_rates(vendor);
  Rng r(hash(pop.seed(), kTagVendorView, static_cast<std::uint64_t>(vendor), P.p));
  View v;
  v.level = P.level;
  if (r.chance(R.title_conflict)) v.level = P.level == 5 ? 4 : P.level + 1;
  double u = r.uni();
  if (vendor == kApollo) v.company_variant = u < 0.7 ? 0 : 1;
  else if (vendor == kZoomInfo) v.company_variant = u < 0.6 ? 2 : u < 0.9 ? 0 : 4;
  else v.company_variant = u < 0.3 ? 3 : u < 0.9 ? 0 : 1;
  bool fold = r.chance(R.name_ascii);
  v.fold_first = fold && non_ascii(P.first->display);
  v.fold_last = fold && non_ascii(P.last->display);
  return v;
}

void name_cell(const Name& n, bool fold, std::string& out) {
  if (fold) fold_name(n, out);
  else out = n.display;
}

std::string zip_cell(const rates::Vendor& R, Country c, const City& city, Rng& r) {
  std::string z = postal_code(c, city, r);
  if (c != kUK && z[0] == '0' && r.chance(R.zip_stripped)) z.erase(0, z.find_first_not_of('0'));
  return z;
}

}  // namespace

FileStats write_vendor(const Population& pop, int vendor, std::uint64_t rows, const std::string& dir) {
  static const char* const kApolloHeader[] = {
      "First Name", "Last Name", "Title", "Company", "Company Name for Emails", "Email", "Email Status",
      "Secondary Email", "Tertiary Email", "Seniority", "Departments", "Work Direct Phone", "Home Phone",
      "Mobile Phone", "Corporate Phone", "Other Phone", "Person Linkedin Url", "Website", "Company Linkedin Url",
      "# Employees", "Industry", "City", "State", "Country", "Company Address", "Company City", "Company State",
      "Company Country", "Annual Revenue", "Technologies", "Keywords", "Apollo Contact Id", "Apollo Account Id",
      "Last Contacted", "Stage", "Lists", "Facebook Url", "Twitter Url", "Latest Funding", "Total Funding"};
  static const char* const kZoomHeader[] = {
      "ZoomInfo Contact ID", "Last Name", "First Name", "Middle Name", "Salutation", "Suffix", "Job Title",
      "Job Title Hierarchy Level", "Management Level", "Job Function", "Department", "Direct Phone Number",
      "Email Address", "Email Domain", "Mobile phone", "Contact Accuracy Score", "Contact Accuracy Grade",
      "LinkedIn Contact Profile URL", "Person Street", "Person City", "Person State", "Person Zip Code", "Country",
      "ZoomInfo Company ID", "Company Name", "Website", "Founded Year", "Company HQ Phone", "Fax", "Ticker",
      "Revenue (in 000s USD)", "Revenue Range (in USD)", "Employees", "Employee Range", "SIC Code 1",
      "NAICS Code 1", "Primary Industry", "Primary Sub-Industry", "Company Street Address", "Company City",
      "Company State", "Company Zip Code", "Company Country"};
  static const char* const kCognismHeader[] = {
      "First Name", "Last Name", "Job Title", "Seniority", "Department", "Email", "Email Status", "Mobile",
      "Direct", "Company Phone", "LinkedIn URL", "Company", "Company Website", "Industry", "Company Size",
      "Country", "City", "Region", "Postcode", "Company LinkedIn URL", "Company Revenue", "Company Founded",
      "Company Country", "Company City", "Company Address", "Technologies", "Job Start Date", "Mobile Status",
      "Record ID", "Last Updated"};
  static const char* const kApolloStages[] = {"Cold", "Approaching", "Replied", "Interested", "Unresponsive", ""};
  static const char* const kLists[] = {"", "Q3 Outbound", "Q3 Outbound; ICP Tier 1", "Webinar 2024", "Churn risk"};
  static const char* const kFunding[] = {"", "", "Seed", "Series A", "Series B", "Series C", "Venture (Round not Specified)"};
  static const char* const kSalutations[] = {"", "", "Mr.", "Ms.", "Dr.", "Mrs."};

  const rates::Vendor& R = vendor_rates(vendor);
  const std::string name = vendor_name(vendor);
  FileStats st;
  Output out;
  char delim = vendor == kCognism ? ';' : ',';
  bool crlf = vendor != kApollo;
  if (!out.open(dir, name, delim, crlf, st)) return st;
  std::vector<std::string> header;
  if (vendor == kApollo) header.assign(std::begin(kApolloHeader), std::end(kApolloHeader));
  else if (vendor == kZoomInfo) header.assign(std::begin(kZoomHeader), std::end(kZoomHeader));
  else header.assign(std::begin(kCognismHeader), std::end(kCognismHeader));
  out.data().record(header);
  out.truth().field("row");
  out.truth().field("person_id");
  out.truth().field("possible");
  out.truth().end_record();

  const int dominant_phone = vendor == kApollo ? 11 : vendor == kZoomInfo ? 1 : 0;
  const int dominant_li = vendor == kApollo ? 2 : vendor == kZoomInfo ? 4 : 0;
  const PhoneCell how{dominant_phone, R.extension, R.apostrophe};
  const PhoneCell how_company{dominant_phone, 0.0, R.apostrophe};
  Layout layout(pop, vendor, rows);
  Person P;
  Record rec(header.size());
  std::string email_raw, t1;

  for (std::uint64_t row = 0; row < rows; ++row) {
    bool dup = false;
    std::uint64_t p = layout.person(row, dup);
    pop.person(p, P);
    const Company& co = P.company;
    Rng ri(hash(pop.seed(), kTagVendorIds, static_cast<std::uint64_t>(vendor), row));
    VendorIds ids = vendor_ids(R, vendor, P, ri);
    View view = make_view(pop, vendor, P);
    Rng r(hash(pop.seed(), kTagVendorRow, static_cast<std::uint64_t>(vendor), row));
    if (dup && r.chance(rates::kDuplicateTitleConflict)) view.level = (view.level + 1 + static_cast<int>(r.below(5))) % kNumLevels;
    auto missing = [&]() { return r.chance(R.field_missing); };

    // The identifier cells.
    email_raw.clear();
    if (ids.email == kEmailWork) email_raw = P.work_email;
    else if (ids.email == kEmailPersonal) email_raw = P.personal_email;
    else if (ids.email == kEmailRole) email_raw = pop.role_email(co, ids.role);
    else if (ids.email == kEmailRecycled) pop.work_email_of(co, ids.recycled_idx, email_raw);
    std::string email, li, direct, mobile, hq;
    if (!email_raw.empty()) render_email(email_raw, r, R.email_case, R.email_space, email);
    if (ids.linkedin) render_linkedin(P.linkedin, r, dominant_li, li);
    phone_cell(phone_of(P, ids.direct), ids.direct, ids.direct_mangled, ids.direct_marker, how, P.country, r, direct);
    phone_cell(phone_of(P, ids.mobile), ids.mobile, ids.mobile_mangled, ids.mobile_marker, how, P.country, r, mobile);
    if (r.chance(vendor == kApollo ? rates::kApolloCorporatePhone : vendor == kZoomInfo ? rates::kZoomInfoHqPhone : rates::kCognismCompanyPhone)) phone_cell(co.hq, kPhoneSwitchboard, false, 0, how_company, P.country, r, hq);
    const City& city = city_of(P.country, P.city);
    const City& cocity = city_of(co.country, co.city);
    const char* title = kTitles[view.level][P.dept];

    rec.clear();
    if (vendor == kApollo) {
      if (!r.chance(rates::kFirstNameMissing)) name_cell(*P.first, view.fold_first, rec[0]);
      name_cell(*P.last, view.fold_last, rec[1]);
      if (!missing()) rec[2] = title;
      company_name(co, view.company_variant, rec[3]);
      rec[4] = co.brand;
      rec[5] = email;
      rec[6] = email.empty() ? "Unavailable" : r.chance(0.75) ? "Verified" : r.chance(0.5) ? "Extrapolated" : "Unverified";
      if (ids.secondary) render_email(P.personal_email, r, R.email_case, R.email_space, rec[7]);
      if (ids.tertiary) render_email(P.personal_email2, r, R.email_case, R.email_space, rec[8]);
      rec[9] = kApolloSeniority[view.level];
      rec[10] = "master_" + lower_ascii(kDepartments[P.dept]);
      for (char& c : rec[10])
        if (c == ' ') c = '_';
      rec[11] = direct;
      if (ids.home_col) phone_cell(P.home, kPhoneHome, ids.home_mangled, 0, how, P.country, r, rec[12]);
      rec[13] = mobile;
      rec[14] = hq;
      if (r.chance(0.02)) phone_cell(co.hq, kPhoneSwitchboard, false, 0, how_company, P.country, r, rec[15]);
      rec[16] = li;
      rec[17] = "http://www." + co.domain;
      rec[18] = "http://www.linkedin.com/company/" + lower_ascii(co.brand);
      if (!missing()) rec[19] = num(co.employees);
      rec[20] = lower_ascii(kIndustries[co.industry]);
      if (!missing()) rec[21] = city.name;
      if (!missing()) rec[22] = city.state;
      rec[23] = country_name(P.country);
      rec[24] = street(r, 0.3) + ", " + cocity.name + ", " + cocity.state + " " + postal_code(co.country, cocity, r) +
                ", " + country_name(co.country);
      rec[25] = cocity.name;
      rec[26] = cocity.state;
      rec[27] = country_name(co.country);
      if (!missing()) rec[28] = num(co.revenue);
      rec[29] = tech_list(r, ", ");
      rec[30] = std::string(kKeywords[r.below(kNumKeywords)]) + ", " + kKeywords[r.below(kNumKeywords)];
      rec[31] = hex_id(hash(pop.seed(), 31, static_cast<std::uint64_t>(vendor)), row, 24);
      rec[32] = hex_id(co.h, 32, 24);
      if (r.chance(0.3)) rec[33] = date(r, 2023, 2025, false);
      rec[34] = r.pick(kApolloStages);
      rec[35] = r.pick(kLists);
      if (r.chance(0.05)) rec[36] = "https://www.facebook.com/" + lower_ascii(co.brand);
      if (r.chance(0.2)) rec[37] = "https://twitter.com/" + lower_ascii(co.brand);
      rec[38] = r.pick(kFunding);
      if (!rec[38].empty()) rec[39] = num(r.range(1, 200) * 1000000ULL);
    } else if (vendor == kZoomInfo) {
      rec[0] = num(1000000000ULL + (dup ? hash(vendor, row, 7) : hash(vendor, p, 9)) % 9000000000ULL);
      name_cell(*P.last, view.fold_last, rec[1]);
      if (!r.chance(rates::kFirstNameMissing)) name_cell(*P.first, view.fold_first, rec[2]);
      if (r.chance(0.1)) rec[3] = std::string(1, static_cast<char>('A' + r.below(26))) + ".";
      rec[4] = r.pick(kSalutations);
      if (r.chance(0.01)) rec[5] = r.chance(0.5) ? "Jr." : "III";
      if (!missing()) rec[6] = title;
      rec[7] = num(static_cast<std::uint64_t>(view.level) + 1);
      rec[8] = kZoomManagementLevel[view.level];
      rec[9] = kDepartments[P.dept];
      rec[10] = std::string(kDepartments[P.dept]) + " Department";
      rec[11] = direct;
      rec[12] = email;
      if (!email_raw.empty()) rec[13] = email_raw.substr(email_raw.find('@') + 1);
      rec[14] = mobile;
      rec[15] = num(r.range(70, 99));
      rec[16] = rec[15][0] >= '9' ? "A" : rec[15][0] >= '8' ? "B" : "C";
      rec[17] = li;
      if (r.chance(0.1)) rec[18] = street(r, 0.2);
      if (!missing()) rec[19] = city.name;
      if (!missing()) rec[20] = city.state;
      if (!missing()) rec[21] = zip_cell(R, P.country, city, r);
      rec[22] = country_name(P.country);
      rec[23] = num(100000000ULL + co.h % 900000000ULL);
      company_name(co, view.company_variant, rec[24]);
      rec[25] = "www." + co.domain;
      rec[26] = num(static_cast<std::uint64_t>(co.founded));
      rec[27] = hq;
      if (r.chance(0.05)) phone_cell(co.hq, kPhoneSwitchboard, false, 0, how_company, P.country, r, rec[28]);
      if (r.chance(0.02)) rec[29] = co.brand.substr(0, 4);
      for (char& c : rec[29])
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      if (!missing()) rec[30] = num(co.revenue / 1000);
      rec[31] = revenue_range(co.revenue);
      if (!missing()) rec[32] = num(co.employees);
      rec[33] = employee_range(co.employees);
      rec[34] = num(7000 + co.h % 2000);
      rec[35] = num(510000 + co.h % 90000);
      rec[36] = kIndustries[co.industry];
      rec[37] = kIndustries[(static_cast<std::size_t>(co.industry) + 1) % kNumIndustries];
      rec[38] = street(r, 0.3);
      rec[39] = cocity.name;
      rec[40] = cocity.state;
      rec[41] = zip_cell(R, co.country, cocity, r);
      rec[42] = country_name(co.country);
    } else {
      if (!r.chance(rates::kFirstNameMissing)) name_cell(*P.first, view.fold_first, rec[0]);
      name_cell(*P.last, view.fold_last, rec[1]);
      if (!missing()) rec[2] = title;
      rec[3] = kCognismSeniority[view.level];
      rec[4] = kDepartments[P.dept];
      rec[5] = email;
      rec[6] = email.empty() ? "" : r.chance(0.8) ? "Verified" : r.chance(0.5) ? "Catch-all" : "Unknown";
      rec[7] = mobile;
      rec[8] = direct;
      rec[9] = hq;
      rec[10] = li;
      company_name(co, view.company_variant, rec[11]);
      rec[12] = "https://" + co.domain;
      if (!missing()) rec[13] = kIndustries[co.industry];
      rec[14] = employee_range(co.employees);
      static const char* const kUs[] = {"United States", "United States", "USA"};
      static const char* const kUk[] = {"United Kingdom", "United Kingdom", "UK", "England"};
      static const char* const kDe[] = {"Germany", "Germany", "Deutschland"};
      rec[15] = P.country == kUS ? r.pick(kUs) : P.country == kUK ? r.pick(kUk) : r.pick(kDe);
      if (!missing()) rec[16] = city.name;
      if (!missing()) rec[17] = city.state;
      if (!missing()) rec[18] = zip_cell(R, P.country, city, r);
      rec[19] = "https://www.linkedin.com/company/" + lower_ascii(co.brand);
      rec[20] = revenue_range(co.revenue);
      rec[21] = num(static_cast<std::uint64_t>(co.founded));
      rec[22] = country_name(co.country);
      rec[23] = cocity.name;
      rec[24] = street(r, 0.3) + ", " + cocity.name;
      rec[25] = tech_list(r, "; ");
      if (r.chance(0.7)) rec[26] = date(r, 2012, 2025, false).substr(0, 7);
      rec[27] = ids.mobile_marker ? rec[7] : mobile.empty() ? "" : "Verified";
      rec[28] = hex_id(hash(pop.seed(), 28, 2), row, 8) + "-" + hex_id(row, 5, 4) + "-" + hex_id(p, 6, 12);
      rec[29] = date(r, 2024, 2025, false);
    }
    rec.write(out.data());

    bool possible = false;
    if (p < pop.crm_persons()) {
      ++st.crm_persons;
      possible = (crm_ids(pop, P).mask & ids.mask) != 0;
    }
    st.possible += possible;
    st.duplicates += dup;
    out.truth().field(num(row));
    out.truth().field(num(p));
    out.truth().field(possible ? "1" : "0");
    out.truth().end_record();
  }
  st.rows = rows;
  out.close(dir, name, st);
  return st;
}

}  // namespace gen
