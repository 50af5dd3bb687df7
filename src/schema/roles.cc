#include "schema/roles.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_map>

#include "normalize/email.h"
#include "normalize/linkedin.h"

namespace crmerge::schema {

namespace {

struct RoleInfo {
  Role role;
  const char* name;
};

constexpr RoleInfo kRoles[] = {
    {Role::kEmail, "email"},         {Role::kPhone, "phone"},           {Role::kMobilePhone, "mobile_phone"},
    {Role::kDirectPhone, "direct_phone"}, {Role::kCompanyPhone, "company_phone"}, {Role::kLinkedin, "linkedin_url"},
    {Role::kWebsite, "website"},     {Role::kFirstName, "first_name"},  {Role::kLastName, "last_name"},
    {Role::kFullName, "full_name"},  {Role::kCompany, "company"},       {Role::kTitle, "title"},
    {Role::kSeniority, "seniority"}, {Role::kDepartment, "department"}, {Role::kIndustry, "industry"},
    {Role::kEmployees, "employees"}, {Role::kRevenue, "revenue"},       {Role::kCity, "city"},
    {Role::kState, "state"},         {Role::kCountry, "country"},       {Role::kPostalCode, "postal_code"},
    {Role::kUpdatedAt, "updated_at"},
};

// Lower-case letters and digits only: "E-mail Address" -> "emailaddress", "# Employees" -> "employees".
std::string squash(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
  }
  return out;
}

bool contains(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

// Exact header synonyms, squashed.
const std::unordered_map<std::string, Role>& synonyms() {
  static const std::unordered_map<std::string, Role> table = [] {
    std::unordered_map<std::string, Role> t;
    auto add = [&](Role r, std::initializer_list<const char*> names) {
      for (const char* n : names) t.emplace(n, r);
    };
    add(Role::kEmail, {"email", "emailaddress", "emails", "workemail", "businessemail", "personemail", "primaryemail",
                       "contactemail", "email1", "email2", "email3", "emailaddress1", "emailaddress2",
                       "secondaryemail", "tertiaryemail", "personalemail", "otheremail", "directemail", "mail",
                       "emailid", "workemailaddress", "businessemailaddress", "email1value"});
    add(Role::kPhone, {"phone", "phonenumber", "telephone", "tel", "workphone", "businessphone", "officephone",
                       "phone1", "phone2", "otherphone", "homephone", "contactphone", "primaryphone",
                       "telephonenumber", "phonenumbers", "personalphone", "phone1value"});
    add(Role::kMobilePhone, {"mobile", "mobilephone", "mobilephonenumber", "cell", "cellphone", "cellular",
                             "mobilenumber", "personalmobile", "mobile1", "mobilephone1", "cellnumber"});
    add(Role::kDirectPhone, {"direct", "directphone", "directphonenumber", "directdial", "workdirectphone",
                             "directline", "directnumber", "directdialphone"});
    add(Role::kCompanyPhone, {"corporatephone", "companyphone", "companyhqphone", "hqphone", "headquartersphone",
                              "switchboard", "mainphone", "companyphonenumber", "companymainphone", "accountphone",
                              "organizationphone"});
    add(Role::kLinkedin, {"linkedin", "linkedinurl", "linkedinprofile", "linkedinprofileurl", "personlinkedinurl",
                          "linkedincontactprofileurl", "linkedinpublicprofileurl", "linkedinlink", "linkedinhandle",
                          "contactlinkedinurl", "linkedinprofilelink"});
    add(Role::kWebsite, {"website", "websiteurl", "companywebsite", "web", "url", "domain", "companydomain",
                         "companyurl", "homepage", "site", "companywebsiteurl", "accountwebsite", "websitedomain"});
    add(Role::kFirstName, {"firstname", "first", "givenname", "fname", "forename", "contactfirstname"});
    add(Role::kLastName, {"lastname", "last", "surname", "familyname", "lname", "contactlastname"});
    add(Role::kFullName, {"name", "fullname", "contactname", "personname", "contact", "displayname"});
    add(Role::kCompany, {"company", "companyname", "account", "accountname", "organization", "organisation",
                         "employer", "companylegalname", "organizationname", "organisationname", "currentcompany"});
    add(Role::kTitle, {"title", "jobtitle", "position", "jobposition", "designation", "currenttitle",
                       "currentjobtitle", "jobrole"});
    add(Role::kSeniority, {"seniority", "managementlevel", "jobtitlehierarchylevel", "senioritylevel", "joblevel",
                           "level"});
    add(Role::kDepartment, {"department", "departments", "jobfunction", "function", "dept", "jobdepartment"});
    add(Role::kIndustry, {"industry", "primaryindustry", "industries", "sector", "companyindustry"});
    add(Role::kEmployees, {"employees", "numberofemployees", "employeecount", "companysize", "headcount",
                           "noofemployees", "employeerange", "companyemployees", "estimatednumemployees",
                           "employeesrange", "numemployees"});
    add(Role::kRevenue, {"revenue", "annualrevenue", "revenuein000susd", "revenueusd", "companyrevenue",
                         "revenuein000s", "annualrevenueusd", "revenuerange", "revenuerangeinusd"});
    add(Role::kCity, {"city", "personcity", "mailingcity", "town", "contactcity"});
    add(Role::kState, {"state", "stateregion", "province", "personstate", "stateprovince", "mailingstate"});
    add(Role::kCountry, {"country", "countryregion", "personcountry", "countryname", "mailingcountry"});
    add(Role::kPostalCode, {"zip", "zipcode", "postalcode", "postcode", "personzipcode", "postal",
                            "mailingpostalcode", "mailingzip"});
    add(Role::kUpdatedAt, {"lastupdated", "updatedat", "lastmodified", "lastmodifieddate", "dateupdated", "updated",
                           "modifiedat", "lastverified", "lastupdateddate", "recordupdated", "lastverifieddate",
                           "updateddate", "lastupdatedat"});
    return t;
  }();
  return table;
}

// Words that make a header describe an address or number rather than hold one.
bool describes_rather_than_holds(const std::string& h) {
  static constexpr std::array<std::string_view, 20> kWords = {
      "opt", "status", "verified", "verification", "bounce", "valid", "type", "count", "date", "sent",
      "open", "click", "unsubscribe", "confidence", "score", "dnc", "donotcall", "consent", "source", "domain"};
  return std::any_of(kWords.begin(), kWords.end(), [&](std::string_view w) { return contains(h, w); });
}

// 2024-03-05, 03/05/2024, 05.03.2024 (with a time or not): dates, not phones.
bool date_shaped(std::string_view v) {
  auto digit = [&](size_t i) { return i < v.size() && std::isdigit(static_cast<unsigned char>(v[i])); };
  auto sep = [&](size_t i) { return i < v.size() && (v[i] == '-' || v[i] == '/' || v[i] == '.'); };
  if (digit(0) && digit(1) && digit(2) && digit(3) && sep(4)) return true;                     // yyyy-
  size_t i = 0;
  while (digit(i)) ++i;
  if (i < 1 || i > 2 || !sep(i)) return false;
  size_t j = i + 1;
  while (digit(j)) ++j;
  return j - i - 1 >= 1 && j - i - 1 <= 2 && sep(j) && digit(j + 1) && digit(j + 4);  // dd/mm/yyyy
}

bool phone_shaped(std::string_view v) {
  if (date_shaped(v)) return false;
  size_t digits = 0;
  for (char c : v) {
    if (std::isdigit(static_cast<unsigned char>(c))) ++digits;
    else if (std::string_view("+-(). /'xXext#").find(c) == std::string_view::npos) return false;
  }
  return digits >= 9 && digits <= 17;
}

bool url_shaped(std::string_view v) {
  if (v.find(' ') != std::string_view::npos || v.find('@') != std::string_view::npos) return false;
  if (v.rfind("http://", 0) == 0 || v.rfind("https://", 0) == 0 || v.rfind("www.", 0) == 0) return true;
  size_t dot = v.rfind('.');
  return dot != std::string_view::npos && dot > 0 && v.size() - dot >= 3 &&
         std::all_of(v.begin() + static_cast<long>(dot) + 1, v.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
}

}  // namespace

const std::vector<Role>& all_roles() {
  static const std::vector<Role> roles = [] {
    std::vector<Role> r;
    for (const auto& info : kRoles) r.push_back(info.role);
    return r;
  }();
  return roles;
}

const char* role_name(Role r) {
  for (const auto& info : kRoles)
    if (info.role == r) return info.name;
  return "none";
}

std::optional<Role> role_from_name(std::string_view name) {
  if (name == "none") return Role::kNone;
  for (const auto& info : kRoles)
    if (name == info.name) return info.role;
  return std::nullopt;
}

bool is_phone(Role r) {
  return r == Role::kPhone || r == Role::kMobilePhone || r == Role::kDirectPhone || r == Role::kCompanyPhone;
}

bool is_output_field(Role r) { return r != Role::kNone && r != Role::kUpdatedAt; }

const char* evidence_name(Evidence e) {
  switch (e) {
    case Evidence::kNone: return "none";
    case Evidence::kHeader: return "header";
    case Evidence::kContent: return "content";
    case Evidence::kHeaderAndContent: return "header+content";
    case Evidence::kMapping: return "mapping";
  }
  return "?";
}

ColumnRole role_from_header(std::string_view header) {
  std::string h = squash(header);
  if (h.empty()) return {};
  auto it = synonyms().find(h);
  if (it != synonyms().end()) return {it->second, 0.9, Evidence::kHeader};
  // Patterns, less certain than an exact synonym.
  if (describes_rather_than_holds(h)) return {};
  if (contains(h, "linkedin") && !contains(h, "company")) return {Role::kLinkedin, 0.75, Evidence::kHeader};
  if (contains(h, "email")) return {Role::kEmail, 0.75, Evidence::kHeader};
  if (contains(h, "company") || contains(h, "account") || contains(h, "corporate") || contains(h, "hq")) {
    if (contains(h, "phone")) return {Role::kCompanyPhone, 0.7, Evidence::kHeader};
    return {};  // company city, company country ...: the company's, not the person's
  }
  if (contains(h, "mobile") || contains(h, "cell")) return {Role::kMobilePhone, 0.7, Evidence::kHeader};
  if (contains(h, "direct") && (contains(h, "phone") || contains(h, "dial"))) return {Role::kDirectPhone, 0.7, Evidence::kHeader};
  if (contains(h, "phone") || contains(h, "telephone")) return {Role::kPhone, 0.6, Evidence::kHeader};
  if (contains(h, "jobtitle")) return {Role::kTitle, 0.7, Evidence::kHeader};
  if (contains(h, "website")) return {Role::kWebsite, 0.7, Evidence::kHeader};
  return {};
}

ContentProfile profile_values(const std::vector<std::string>& values) {
  ContentProfile p;
  for (const auto& v : values) {
    if (v.empty()) continue;
    ++p.values;
    if (normalize::email_key(v)) ++p.emails;
    else if (normalize::linkedin_key(v)) ++p.linkedin;
    else if (phone_shaped(v)) ++p.phones;
    else if (url_shaped(v)) ++p.urls;
  }
  return p;
}

std::vector<ColumnRole> detect_roles(const std::vector<std::string>& headers,
                                     const std::vector<std::vector<std::string>>& samples) {
  std::vector<ColumnRole> roles;
  for (size_t i = 0; i < headers.size(); ++i) {
    ColumnRole r = role_from_header(headers[i]);
    ContentProfile p = i < samples.size() ? profile_values(samples[i]) : ContentProfile{};
    auto share = [&](size_t n) { return p.values ? static_cast<double>(n) / static_cast<double>(p.values) : 0.0; };
    // What the content alone says, when a clear majority of at least 5 values agree.
    Role from_content = Role::kNone;
    double content_share = 0;
    if (p.values >= 5) {
      for (auto [role, n] : {std::pair{Role::kEmail, p.emails}, std::pair{Role::kLinkedin, p.linkedin},
                             std::pair{Role::kPhone, p.phones}, std::pair{Role::kWebsite, p.urls}}) {
        if (share(n) >= 0.8 && share(n) > content_share) {
          from_content = role;
          content_share = share(n);
        }
      }
    }
    if (r.role != Role::kNone) {
      bool agrees = from_content == r.role || (from_content == Role::kPhone && is_phone(r.role));
      if (agrees) r = {r.role, std::max(r.confidence, 0.5 + content_share / 2), Evidence::kHeaderAndContent};
      // A key column whose values are clearly something else: trust the content.
      else if (from_content != Role::kNone && (r.role == Role::kEmail || r.role == Role::kLinkedin || is_phone(r.role)))
        r = {from_content, 0.8 * content_share, Evidence::kContent};
    } else if (from_content != Role::kNone) {
      r = {from_content, 0.85 * content_share, Evidence::kContent};
    }
    roles.push_back(r);
  }
  return roles;
}

double revenue_multiplier(std::string_view header) {
  std::string h = squash(header);
  if (contains(h, "000s") || contains(h, "thousand")) return 1000;
  if (contains(h, "million") || contains(h, "inmm") || contains(h, "usdm")) return 1e6;
  return 1;
}

}  // namespace crmerge::schema
