// Every rate the generator uses, in one place. bench/README.md ("Noise rates")
// lists the same figures: change both together.
#pragma once

namespace gen::rates {

// ---- population ------------------------------------------------------------
// Companies: the person space is cut into 4096-person chunks; a chunk is one
// company with probability kSingle[0], else split in halves recursively
// (2048 ... 64 with kSingle[1..6]); a 64-block that is not one company is cut
// into small companies of 1..20 people.
constexpr double kSingle[7] = {0.02, 0.03, 0.04, 0.05, 0.06, 0.08, 0.10};
constexpr double kHasPersonalEmail = 0.45;   // a person has a private address (gmail ...)
constexpr double kHasPersonalEmail2 = 0.15;  // ... and a second one
constexpr double kHousehold = 0.01;          // a pair of persons (2h, 2h+1) shares a home phone
constexpr double kUkBlocks = 0.05;           // share of UK persons (+44), by 64-person block
constexpr double kDeBlocks = 0.03;           // share of German persons (+49)

// ---- CRM (crm.csv) -----------------------------------------------------------
constexpr double kCrmEmailWork = 0.78;       // Email = the work address
constexpr double kCrmEmailPersonal = 0.07;   // Email = the private address (if the person has one, else work)
constexpr double kCrmEmailRole = 0.03;       // Email = a role mailbox of the company (info@ ...)
                                             // otherwise (0.12) Email is empty
constexpr double kCrmPhoneDirect = 0.45;     // Phone Number = the person's direct line
constexpr double kCrmPhoneSwitchboard = 0.10;  // Phone Number = the company switchboard
constexpr double kCrmPhoneHome = 0.40;       // household members: Phone Number = the shared home phone
constexpr double kCrmMobile = 0.45;          // Mobile Phone Number present
constexpr double kCrmLinkedin = 0.50;        // LinkedIn Profile present
constexpr double kCrmEmailCase = 0.06;       // e-mail case changed (John.Smith@Acme.com, upper case)
constexpr double kCrmEmailSpace = 0.02;      // e-mail with surrounding spaces
constexpr double kCrmExcelMangled = 0.005;   // a phone cell shows Excel's 4.15555E+09 (number lost)
constexpr double kCrmFieldMissing = 0.06;    // each descriptive field (title, city ...) empty
constexpr double kCrmNotes = 0.25;           // Notes non-empty (commas, quotes, line breaks)
constexpr double kCrmStreetSuite = 0.30;     // "12 Main St, Suite 400" (a quoted comma)
constexpr double kCrmNameLower = 0.02;       // names typed in lower case

// ---- vendors ---------------------------------------------------------------
struct Vendor {
  double coverage;         // share of CRM persons the vendor knows
  double duplicates;       // share of rows repeating a person already in the file
  double phone_only;       // record without any e-mail or LinkedIn
  double linkedin_only;    // record without any e-mail or personal phone
  double email_work;       // main e-mail = work address
  double email_personal;   // main e-mail = private address
  double email_role;       // main e-mail = role mailbox; else empty
  double recycled;         // main e-mail = another colleague's work address
  double secondary;        // Apollo: Secondary Email = private address (when not the main one)
  double tertiary;         // Apollo: Tertiary Email = second private address
  double linkedin;         // LinkedIn URL present
  double direct;           // direct/work phone column = the person's direct line
  double switchboard;      // ... = the company switchboard
  double home;             // household members: a phone column = the shared home phone
  double mobile;           // mobile column = the person's mobile
  double swapped;          // mobile column holds the direct line instead
  double dnc;              // a phone cell holds DNC / TPS / CTPS instead of the number
  double excel_mangled;    // a phone cell shows Excel's 4.15555E+09 (number lost)
  double extension;        // a phone cell carries an extension (x123, ext. 12)
  double apostrophe;       // Apollo: phone cell starts with '
  double email_case;       // e-mail case changed
  double email_space;      // e-mail with surrounding spaces
  double title_conflict;   // the vendor's title for a person differs from the CRM's
  double name_ascii;       // non-ASCII names written ASCII-folded (Muller for Müller)
  double zip_stripped;     // leading zero of a ZIP lost (2134)
  double field_missing;    // each descriptive field empty
};
constexpr Vendor kApollo = {
    .coverage = 0.75, .duplicates = 0.02, .phone_only = 0.04, .linkedin_only = 0.03,
    .email_work = 0.8, .email_personal = 0.04, .email_role = 0.02, .recycled = 0.003,
    .secondary = 0.3, .tertiary = 0.08, .linkedin = 0.8, .direct = 0.45, .switchboard = 0.08,
    .home = 0.6, .mobile = 0.45, .swapped = 0.02, .dnc = 0.0, .excel_mangled = 0.0,
    .extension = 0.03, .apostrophe = 0.9, .email_case = 0.08, .email_space = 0.03,
    .title_conflict = 0.15, .name_ascii = 0.3, .zip_stripped = 0.0, .field_missing = 0.08};
constexpr Vendor kZoomInfo = {
    .coverage = 0.7, .duplicates = 0.015, .phone_only = 0.04, .linkedin_only = 0.03,
    .email_work = 0.82, .email_personal = 0.02, .email_role = 0.02, .recycled = 0.003,
    .secondary = 0.0, .tertiary = 0.0, .linkedin = 0.65, .direct = 0.6, .switchboard = 0.1,
    .home = 0.1, .mobile = 0.4, .swapped = 0.02, .dnc = 0.0, .excel_mangled = 0.01,
    .extension = 0.05, .apostrophe = 0.0, .email_case = 0.1, .email_space = 0.03,
    .title_conflict = 0.15, .name_ascii = 0.1, .zip_stripped = 0.2, .field_missing = 0.08};
constexpr Vendor kCognism = {
    .coverage = 0.6, .duplicates = 0.01, .phone_only = 0.04, .linkedin_only = 0.03,
    .email_work = 0.78, .email_personal = 0.03, .email_role = 0.02, .recycled = 0.003,
    .secondary = 0.0, .tertiary = 0.0, .linkedin = 0.85, .direct = 0.45, .switchboard = 0.06,
    .home = 0.1, .mobile = 0.55, .swapped = 0.02, .dnc = 0.05, .excel_mangled = 0.01,
    .extension = 0.03, .apostrophe = 0.0, .email_case = 0.05, .email_space = 0.05,
    .title_conflict = 0.15, .name_ascii = 0.2, .zip_stripped = 0.2, .field_missing = 0.1};
// A duplicate row takes a different title with this probability (and draws its
// phones and formats afresh).
constexpr double kDuplicateTitleConflict = 0.5;

// ---- shared by all files ------------------------------------------------------
constexpr double kSwitchboardExtension = 0.30;  // a switchboard cell carries an extension
constexpr double kDominantStyle = 0.60;         // a file writes phones / LinkedIn URLs in its own usual shape
constexpr double kZipPlus4 = 0.05;              // US ZIP written ZIP+4 (02134-1234)
constexpr double kFirstNameMissing = 0.01;      // vendors: first name empty
constexpr double kCrmCompanyMissing = 0.02;     // CRM: Company Name empty
constexpr double kCrmWebsite = 0.70;            // CRM: Website URL present
// The company switchboard column (Apollo Corporate Phone, ZoomInfo Company HQ
// Phone, Cognism Company Phone) is filled with these probabilities.
constexpr double kApolloCorporatePhone = 0.80, kZoomInfoHqPhone = 0.90, kCognismCompanyPhone = 0.80;

}  // namespace gen::rates
