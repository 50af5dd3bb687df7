// Deterministic generators of CSV text for tests: random but valid files
// (every record has the header's field count; quoting is RFC 4180 with "" as
// the escape), and merge fixtures (a CRM and vendor files sharing e-mails).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace crmerge::test {

struct CsvShape {
  size_t rows = 1000;
  size_t columns = 6;
  char delimiter = ',';
  std::string newline = "\n";
  double quote_rate = 0.2;         // share of fields written quoted
  double special_rate = 0.1;       // share of quoted fields holding delimiters, quotes, line breaks
  double empty_rate = 0.1;         // share of empty fields (half of them quoted "")
  bool non_ascii = true;           // some values in Greek, CJK, accents, emoji
  bool trailing_newline = true;
};

// A whole CSV file (header + rows) and the values it encodes.
struct GeneratedCsv {
  std::string text;
  std::vector<std::vector<std::string>> values;  // [0] is the header
};

GeneratedCsv generate_csv(uint64_t seed, const CsvShape& shape);

// Writes <dir>/crm.csv and <dir>/vendor<i>.csv (i = 1..vendors): a CRM with
// e-mails of mixed case and spacing, messy values (leading zeros, phones, quoted
// commas and line breaks, non-ASCII), and vendor files that know some of them.
void write_merge_fixture(const std::string& dir, uint64_t seed, size_t crm_rows, size_t vendors, size_t vendor_rows);

}  // namespace crmerge::test
