// Spreadsheet formula injection (OWASP's "CSV Injection"): which cells a
// spreadsheet evaluates as a formula when it opens a CSV file, and how such a
// cell is made inert. `--safe-csv` writes cells through append_guarded_field.
//
// The rule. A value evaluates as a formula when it begins with
//   '=', '@', a tab (0x09) or a carriage return (0x0D), always; or
//   '+' or '-', unless the whole value is
//     a number:  [+-] (D+ [S D*] | S D+) [(e|E) [+-] D+], S one '.' or ',',
//                D a digit (-12.5, +3, -1e5, -.5, -12,5);
//     a phone:   '+', then only digits, spaces, '-', '.', '(' and ')', holding
//                7 to 15 digits, optionally followed by " ext. " and digits
//                (+14155550134, +1 415-555-0134, +44 (20) 7946 0018,
//                +14155550134 ext. 12: how crmerge writes an extension).
// So =1+2, @SUM(A1), -2+3+cmd|' /C calc'!A0, +1+1, -A1, +1-1 (two digits) and
// a value of '+' or '-' alone evaluate; a value beginning with anything else
// (a letter, a digit, a space, a quote) is text or a number to a spreadsheet.
// A number or phone is left alone because it holds no function, reference or
// DDE link (those need letters, '!', '|' or ':'): at worst a spreadsheet shows
// it as a number, which is its reading of a number, not an injection.
//
// Neutralized: a single quote ("'") in front, as OWASP recommends; the field
// is then always quoted (the dialect's quote; quotes inside doubled), as
// OWASP's "wrap each cell in double quotes" asks. The quote is part of the
// value a CSV reader reads back. A value that begins with "'" is never a
// formula, so neutralizing twice changes nothing.
#pragma once

#include <string>
#include <string_view>

#include "csv/dialect.h"

namespace crmerge::csv {

// True when a spreadsheet would evaluate `value` as a formula (the rule above).
bool evaluates_as_formula(std::string_view value);

// `value` with "'" in front when it evaluates as a formula, else `value` as it is.
std::string neutralize(std::string_view value);

// Appends `value` as one field (without a delimiter), as csv::append_field does,
// unless it evaluates as a formula: then "'" + value, always quoted. Returns
// whether it neutralized the value.
bool append_guarded_field(std::string& out, std::string_view value, const Dialect& d);

}  // namespace crmerge::csv
