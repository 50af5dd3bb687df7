// How identifiers are written: phone formats, e-mail case/space noise, LinkedIn
// URL shapes, websites, Excel's scientific notation. Formatting never changes the
// underlying identifier, except Excel's mangling, which loses digits.
#pragma once

#include <string>

#include "population.h"
#include "rng.h"

namespace gen {

// Number of phone styles; style s of a US number:
//  0 +14155550134        1 (415) 555-0134     2 415.555.0134      3 415-555-0134
//  4 1-415-555-0134      5 +1 415 555 0134    6 +1 (415) 555-0134 7 00 1 415 555 0134
//  8 4155550134          9 +1-415-555-0134   10 415 555 0134     11 +1 415-555-0134
// and for UK / German numbers: 0 +442079460958, 1 +44 20 7946 0958, 2 020 7946 0958,
// 3 +44 (0)20 7946 0958, 4 0044 20 7946 0958, 5 011 44 20 7946 0958, 6 (020) 7946 0958
// or 030/12345678, 7 +44 20 79460958 ... (style mod 8).
constexpr int kPhoneStyles = 12;

// Writes PHONE in STYLE into OUT (replacing its content).
void render_phone(const Phone& phone, int style, std::string& out);
// Picks a style: DOMINANT with probability rates::kDominantStyle (when >= 0), otherwise uniform.
// When the number is of another country than the record (a UK switchboard for a US
// person), only styles with the country code are used.
int pick_phone_style(Rng& r, int dominant, const Phone& phone, Country record_country);
Country phone_country(const Phone& phone);
// Appends an extension (" x123", " ext. 12", " ext 4567", " x 45").
void append_extension(Rng& r, std::string& out);
// Excel's "General" rendering of the number's digits: 4.15555E+09.
void excel_mangle(const Phone& phone, std::string& out);

// E-mail noise: case changes with probability CASE_P, surrounding spaces with SPACE_P.
void render_email(const std::string& email, Rng& r, double case_p, double space_p, std::string& out);

// LinkedIn URL shapes; DOMINANT (>= 0) with probability rates::kDominantStyle, else uniform.
constexpr int kLinkedinStyles = 11;
void render_linkedin(const std::string& handle, Rng& r, int dominant, std::string& out);

void render_website(const std::string& domain, Rng& r, std::string& out);

// Company name variants: 0 canonical ("Velorix, Inc."), 1 brand only, 2 without
// punctuation ("Velorix Inc"), 3 upper case, 4 long form ("Velorix Incorporated").
void company_name(const Company& co, int variant, std::string& out);
// The legal-form suffix of the company (", Inc.", " GmbH" ...).
const char* company_suffix(const Company& co);

// ASCII folding of a display name (for vendors that drop accents).
void fold_name(const Name& n, std::string& out);

}  // namespace gen
