#include "support/csv_gen.h"

#include <cctype>
#include <random>

#include "support/test_env.h"

namespace crmerge::test {

namespace {

const char* const kWords[] = {"alpha", "Beta", "gamma", "02134", "+1 (415) 555-0134", "4.15555E+09", "1e5", "TRUE",
                              "0001", "2024-03-05", "03/07/2024", "O'Brien", "  padded  ", "x"};
const char* const kUnicode[] = {"Müller", "González", "Ελληνικά", "日本語テキスト", "Zoë", "😀 ok", "Łódź", "ñandú"};

std::string random_value(std::mt19937_64& rng, const CsvShape& s, bool& quoted) {
  std::uniform_real_distribution<double> u(0, 1);
  quoted = u(rng) < s.quote_rate;
  if (u(rng) < s.empty_rate) return "";
  std::string v;
  if (s.non_ascii && u(rng) < 0.15) v = kUnicode[rng() % std::size(kUnicode)];
  else v = kWords[rng() % std::size(kWords)] + std::to_string(rng() % 1000);
  if (quoted && u(rng) < s.special_rate) {
    switch (rng() % 5) {
      case 0: v += std::string(1, s.delimiter) + "more"; break;
      case 1: v = "say \"" + v + "\""; break;
      case 2: v += "\nsecond line"; break;
      case 3: v += "\r\nwindows line"; break;
      default: v = "\"" + v; break;
    }
  }
  return v;
}

void append_field(std::string& out, const std::string& v, bool quoted, char delim) {
  bool must = v.find(delim) != std::string::npos || v.find('"') != std::string::npos ||
              v.find('\n') != std::string::npos || v.find('\r') != std::string::npos;
  if (!quoted && !must) {
    out += v;
    return;
  }
  out += '"';
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

GeneratedCsv generate_csv(uint64_t seed, const CsvShape& s) {
  std::mt19937_64 rng(seed);
  GeneratedCsv g;
  std::vector<std::string> header;
  for (size_t c = 0; c < s.columns; ++c) header.push_back("col " + std::to_string(c));
  g.values.push_back(header);
  auto write_row = [&](const std::vector<std::string>& row, const std::vector<bool>& quoted, bool last) {
    for (size_t c = 0; c < row.size(); ++c) {
      if (c) g.text += s.delimiter;
      append_field(g.text, row[c], quoted[c], s.delimiter);
    }
    if (!last || s.trailing_newline) g.text += s.newline;
  };
  write_row(header, std::vector<bool>(s.columns, false), s.rows == 0);
  for (size_t r = 0; r < s.rows; ++r) {
    std::vector<std::string> row;
    std::vector<bool> quoted;
    for (size_t c = 0; c < s.columns; ++c) {
      bool q = false;
      row.push_back(random_value(rng, s, q));
      quoted.push_back(q);
    }
    // A record whose only field is empty would be a blank line: quote it.
    if (s.columns == 1 && row[0].empty()) quoted[0] = true;
    write_row(row, quoted, r + 1 == s.rows);
    g.values.push_back(row);
  }
  return g;
}

void write_merge_fixture(const std::string& dir, uint64_t seed, size_t crm_rows, size_t vendors, size_t vendor_rows) {
  std::mt19937_64 rng(seed);
  auto email = [](size_t person) { return "person" + std::to_string(person) + "@example" + std::to_string(person % 97) + ".com"; };
  auto messy = [&](std::string e) {
    switch (rng() % 4) {
      case 0: for (auto& ch : e) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch))); break;
      case 1: e = " " + e + " "; break;
      default: break;
    }
    return e;
  };
  std::string crm = "Record ID,First Name,Last Name,Email,Phone,Zip,Notes\n";
  for (size_t i = 0; i < crm_rows; ++i) {
    std::string notes;
    switch (rng() % 6) {
      case 0: notes = "\"said \"\"call me\"\", then left\""; break;
      case 1: notes = "\"line one\nline two\""; break;
      case 2: notes = "Zoë, Müller"; notes = "\"" + notes + "\""; break;
      default: break;
    }
    std::string mail = (rng() % 10 == 0) ? "" : messy(email(i));
    if (mail.find(' ') != std::string::npos) mail = "\"" + mail + "\"";
    crm += std::to_string(100000 + i) + ",Name" + std::to_string(i) + ",Smith," + mail + ",+1 (415) 555-" +
           std::to_string(1000 + i % 9000) + ",0" + std::to_string(2000 + i % 7000) + "," + notes + "\n";
  }
  write_file(dir + "/crm.csv", crm);
  for (size_t v = 1; v <= vendors; ++v) {
    std::string text = "email;Title;Company;Employees\n";
    for (size_t i = 0; i < vendor_rows; ++i) {
      size_t person = rng() % (crm_rows * 2 + 1);
      text += messy(email(person)) + ";Title " + std::to_string(i) + ";\"Company; " + std::to_string(person % 50) +
              "\";" + std::to_string(rng() % 5000) + "\n";
    }
    write_file(dir + "/vendor" + std::to_string(v) + ".csv", text);
  }
}

}  // namespace crmerge::test
