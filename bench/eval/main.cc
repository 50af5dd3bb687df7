// crmerge-eval: scores a merge against the generator's truth (precision and
// recall of the attached vendor records) and checks the merged file's fidelity
// to the CRM. Also scores a naive raw-e-mail matcher as a baseline.
// See bench/README.md. Shares no code with crmerge.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "../common/csv.h"

namespace {

using bench::CsvReader;
using json = nlohmann::ordered_json;

// Input problems end the run with exit code 2 and a message naming the file.
struct InputError {
  std::string message;
};

[[noreturn]] void fail(const std::string& msg) { throw InputError{msg}; }

void open_or_fail(CsvReader& r, const std::string& path, char delim = 0) {
  if (!r.open(path, delim)) fail("cannot read " + r.error());
}

void read_header(CsvReader& r, const std::string& path, std::vector<std::string>& header) {
  if (!r.next(header)) fail(r.error().empty() ? path + ": empty file (no header)" : r.error());
}

std::int64_t parse_int(const std::string& s, const std::string& path, const CsvReader& r, const char* what) {
  if (s.empty()) fail(path + " line " + std::to_string(r.record_line()) + ": empty " + what);
  char* end = nullptr;
  long long v = std::strtoll(s.c_str(), &end, 10);
  if (*end) fail(path + " line " + std::to_string(r.record_line()) + ": " + what + " is not an integer: " + s);
  return v;
}

int required_column(const std::vector<std::string>& header, const char* name, const std::string& path) {
  int c = bench::find_column(header, name);
  if (c < 0) fail(path + ": no column \"" + name + "\" in the header");
  return c;
}

// ------------------------------------------------------------------ truth

struct VendorTruth {
  std::string name;
  std::vector<std::int64_t> person;   // per vendor row
  std::vector<std::uint8_t> possible; // per vendor row
};

struct Truth {
  std::vector<std::int64_t> crm_person;  // per CRM row
  std::unordered_map<std::int64_t, std::int64_t> crm_row_of;
  std::vector<VendorTruth> vendors;
  int vendor_index(const std::string& name) const {
    for (std::size_t i = 0; i < vendors.size(); ++i)
      if (vendors[i].name == name) return static_cast<int>(i);
    return -1;
  }
};

Truth load_truth(const std::string& dir) {
  namespace fs = std::filesystem;
  Truth t;
  std::vector<std::string> f;
  {
    std::string path = dir + "/crm.csv";
    CsvReader r;
    open_or_fail(r, path, ',');
    read_header(r, path, f);
    int c_row = required_column(f, "row", path), c_person = required_column(f, "person_id", path);
    while (r.next(f)) {
      std::int64_t row = parse_int(f[static_cast<std::size_t>(c_row)], path, r, "row");
      if (row != static_cast<std::int64_t>(t.crm_person.size()))
        fail(path + " line " + std::to_string(r.record_line()) + ": rows must be 0, 1, 2 ... in order");
      std::int64_t person = parse_int(f[static_cast<std::size_t>(c_person)], path, r, "person_id");
      if (!t.crm_row_of.emplace(person, row).second)
        fail(path + " line " + std::to_string(r.record_line()) + ": person " + std::to_string(person) +
             " is in the CRM twice");
      t.crm_person.push_back(person);
    }
    if (!r.error().empty()) fail(r.error());
  }
  std::error_code ec;
  std::vector<std::string> names;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".csv" && it->path().filename() != "crm.csv")
      names.push_back(it->path().stem().string());
  }
  if (ec) fail(dir + ": " + ec.message());
  std::sort(names.begin(), names.end());
  if (names.empty()) fail(dir + ": no vendor truth files (<vendor>.csv beside crm.csv)");
  for (const auto& name : names) {
    std::string path = dir + "/" + name + ".csv";
    VendorTruth vt;
    vt.name = name;
    CsvReader r;
    open_or_fail(r, path, ',');
    read_header(r, path, f);
    int c_row = required_column(f, "row", path), c_person = required_column(f, "person_id", path),
        c_possible = required_column(f, "possible", path);
    while (r.next(f)) {
      std::int64_t row = parse_int(f[static_cast<std::size_t>(c_row)], path, r, "row");
      if (row != static_cast<std::int64_t>(vt.person.size()))
        fail(path + " line " + std::to_string(r.record_line()) + ": rows must be 0, 1, 2 ... in order");
      std::int64_t person = parse_int(f[static_cast<std::size_t>(c_person)], path, r, "person_id");
      std::int64_t possible = parse_int(f[static_cast<std::size_t>(c_possible)], path, r, "possible");
      if (possible && !t.crm_row_of.count(person))
        fail(path + " line " + std::to_string(r.record_line()) + ": possible=1 but person " +
             std::to_string(person) + " is not in the CRM truth");
      vt.person.push_back(person);
      vt.possible.push_back(possible ? 1 : 0);
    }
    if (!r.error().empty()) fail(r.error());
    t.vendors.push_back(std::move(vt));
  }
  return t;
}

// ----------------------------------------------------------------- scoring

struct Attachments {
  // Per vendor: the first vendor row attached to each CRM row (-1: none), and
  // whether any record attached to it is of the right person.
  std::vector<std::vector<std::int64_t>> first;
  std::vector<std::vector<std::uint8_t>> correct;
  std::vector<std::uint64_t> attached, n_correct, out_of_range, violations, duplicate_lines;
  std::vector<std::unordered_set<std::uint64_t>> extra;  // (crm_row << 32 | vendor_row) beyond the first

  explicit Attachments(const Truth& t) {
    std::size_t nv = t.vendors.size();
    first.assign(nv, std::vector<std::int64_t>(t.crm_person.size(), -1));
    correct.assign(nv, std::vector<std::uint8_t>(t.crm_person.size(), 0));
    attached.assign(nv, 0);
    n_correct.assign(nv, 0);
    out_of_range.assign(nv, 0);
    violations.assign(nv, 0);
    duplicate_lines.assign(nv, 0);
    extra.resize(nv);
  }

  void add(const Truth& t, int v, std::int64_t crm_row, std::int64_t vendor_row) {
    const VendorTruth& vt = t.vendors[static_cast<std::size_t>(v)];
    std::size_t vi = static_cast<std::size_t>(v);
    bool crm_ok = crm_row >= 0 && crm_row < static_cast<std::int64_t>(t.crm_person.size());
    bool vendor_ok = vendor_row >= 0 && vendor_row < static_cast<std::int64_t>(vt.person.size());
    if (!crm_ok || !vendor_ok) {
      ++attached[vi];
      ++out_of_range[vi];
      return;
    }
    std::size_t cr = static_cast<std::size_t>(crm_row);
    std::int64_t& f = first[vi][cr];
    if (f == vendor_row) {
      ++duplicate_lines[vi];
      return;
    }
    if (f >= 0) {
      std::uint64_t key = (static_cast<std::uint64_t>(crm_row) << 32) | static_cast<std::uint64_t>(vendor_row);
      if (!extra[vi].insert(key).second) {
        ++duplicate_lines[vi];
        return;
      }
    } else {
      f = vendor_row;
    }
    ++attached[vi];
    bool ok = t.crm_person[cr] == vt.person[static_cast<std::size_t>(vendor_row)];
    if (ok) {
      ++n_correct[vi];
      correct[vi][cr] = 1;
    }
  }

  void finish(const Truth& t) {
    // Pairs with more than one distinct vendor record.
    for (std::size_t v = 0; v < t.vendors.size(); ++v) {
      std::unordered_set<std::uint64_t> pairs;
      for (std::uint64_t key : extra[v]) pairs.insert(key >> 32);
      violations[v] = pairs.size();
    }
  }
};

struct Score {
  json j;
  std::string text;
};

std::string pct(std::uint64_t num, std::uint64_t den) {
  if (den == 0) return "n/a";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f%%", 100.0 * static_cast<double>(num) / static_cast<double>(den));
  return buf;
}

json pct_json(std::uint64_t num, std::uint64_t den) {
  if (den == 0) return nullptr;
  return 100.0 * static_cast<double>(num) / static_cast<double>(den);
}

Score score(const Truth& t, const Attachments& a) {
  Score s;
  std::uint64_t tot_att = 0, tot_cor = 0, tot_pos = 0, tot_found = 0, tot_viol = 0, tot_oor = 0;
  json vendors = json::object();
  std::string rows;
  char buf[512];
  for (std::size_t v = 0; v < t.vendors.size(); ++v) {
    const VendorTruth& vt = t.vendors[v];
    // CRM rows with at least one possible record of this vendor.
    std::vector<std::uint8_t> has_possible(t.crm_person.size(), 0);
    for (std::size_t r = 0; r < vt.person.size(); ++r)
      if (vt.possible[r]) has_possible[static_cast<std::size_t>(t.crm_row_of.at(vt.person[r]))] = 1;
    std::uint64_t possible = 0, found = 0;
    for (std::size_t c = 0; c < has_possible.size(); ++c) {
      possible += has_possible[c];
      found += has_possible[c] && a.correct[v][c];
    }
    std::uint64_t att = a.attached[v], cor = a.n_correct[v];
    tot_att += att;
    tot_cor += cor;
    tot_pos += possible;
    tot_found += found;
    tot_viol += a.violations[v];
    tot_oor += a.out_of_range[v];
    vendors[vt.name] = {{"attached", att},
                        {"correct", cor},
                        {"wrong", att - cor},
                        {"possible_pairs", possible},
                        {"found_pairs", found},
                        {"missed_pairs", possible - found},
                        {"violations", a.violations[v]},
                        {"out_of_range", a.out_of_range[v]},
                        {"duplicate_lines", a.duplicate_lines[v]},
                        {"precision", pct_json(cor, att)},
                        {"recall", pct_json(found, possible)}};
    std::snprintf(buf, sizeof buf, "  %-10s %10llu %10llu %8llu %10llu %10llu %8llu %10llu  %9s %9s\n",
                  vt.name.c_str(), static_cast<unsigned long long>(att), static_cast<unsigned long long>(cor),
                  static_cast<unsigned long long>(att - cor), static_cast<unsigned long long>(possible),
                  static_cast<unsigned long long>(found), static_cast<unsigned long long>(possible - found),
                  static_cast<unsigned long long>(a.violations[v]), pct(cor, att).c_str(),
                  pct(found, possible).c_str());
    rows += buf;
  }
  s.j = {{"precision", pct_json(tot_cor, tot_att)},
         {"recall", pct_json(tot_found, tot_pos)},
         {"attached", tot_att},
         {"correct", tot_cor},
         {"wrong", tot_att - tot_cor},
         {"possible_pairs", tot_pos},
         {"found_pairs", tot_found},
         {"missed_pairs", tot_pos - tot_found},
         {"violations", tot_viol},
         {"out_of_range", tot_oor},
         {"vendors", vendors}};
  s.text += "precision: " + pct(tot_cor, tot_att) + " (" + std::to_string(tot_cor) + " correct of " +
            std::to_string(tot_att) + " attached records)\n";
  s.text += "recall: " + pct(tot_found, tot_pos) + " (" + std::to_string(tot_found) + " of " +
            std::to_string(tot_pos) + " matchable (CRM row, vendor) pairs found)\n";
  s.text += "violations: " + std::to_string(tot_viol) + " (CRM rows with more than one record of a vendor)\n";
  if (tot_oor) s.text += "out of range: " + std::to_string(tot_oor) + " attached rows outside the files\n";
  std::snprintf(buf, sizeof buf, "  %-10s %10s %10s %8s %10s %10s %8s %10s  %9s %9s\n", "vendor", "attached",
                "correct", "wrong", "possible", "found", "missed", "violations", "precision", "recall");
  s.text += buf;
  s.text += rows;
  return s;
}

// ---------------------------------------------------------------- matches

void load_matches(const std::string& path, const Truth& t, Attachments& a) {
  CsvReader r;
  open_or_fail(r, path);
  std::vector<std::string> f;
  read_header(r, path, f);
  int c_crm = required_column(f, "crm_row", path), c_vendor = required_column(f, "vendor", path),
      c_vrow = required_column(f, "vendor_row", path);
  int c_field = bench::find_column(f, "field"), c_decision = bench::find_column(f, "decision");
  int last_v = -1;
  std::string last_name;
  while (r.next(f)) {
    auto cell = [&](int c) -> const std::string& {
      static const std::string kEmpty;
      return c >= 0 && static_cast<std::size_t>(c) < f.size() ? f[static_cast<std::size_t>(c)] : kEmpty;
    };
    if (c_field >= 0 && !cell(c_field).empty()) continue;
    if (c_decision >= 0 && cell(c_decision) != "matched") continue;
    const std::string& vname = cell(c_vendor);
    if (vname != last_name) {
      last_v = t.vendor_index(vname);
      last_name = vname;
      if (last_v < 0) {
        std::string known;
        for (const auto& v : t.vendors) known += (known.empty() ? "" : ", ") + v.name;
        fail(path + " line " + std::to_string(r.record_line()) + ": vendor \"" + vname +
             "\" has no truth file (known: " + known + ")");
      }
    }
    std::int64_t crm_row = parse_int(cell(c_crm), path, r, "crm_row");
    std::int64_t vendor_row = parse_int(cell(c_vrow), path, r, "vendor_row");
    a.add(t, last_v, crm_row, vendor_row);
  }
  if (!r.error().empty()) fail(r.error());
  a.finish(t);
}

// ---------------------------------------------------------------- baseline

// The matcher a user writes first: raw CRM Email == raw vendor e-mail, exactly.
void baseline_raw_email(const std::string& crm_path, const std::string& vendors_dir, const Truth& t,
                        Attachments& a) {
  std::vector<std::string> crm_email;
  std::vector<std::string> f;
  {
    CsvReader r;
    open_or_fail(r, crm_path);
    read_header(r, crm_path, f);
    int c = required_column(f, "Email", crm_path);
    while (r.next(f)) crm_email.push_back(static_cast<std::size_t>(c) < f.size() ? f[static_cast<std::size_t>(c)] : "");
    if (!r.error().empty()) fail(r.error());
  }
  static const std::map<std::string, std::string> kMainEmail = {
      {"apollo", "Email"}, {"zoominfo", "Email Address"}, {"cognism", "Email"}};
  for (std::size_t v = 0; v < t.vendors.size(); ++v) {
    const std::string& name = t.vendors[v].name;
    std::string path = vendors_dir + "/" + name + ".csv";
    CsvReader r;
    open_or_fail(r, path);
    read_header(r, path, f);
    int c = -1;
    auto it = kMainEmail.find(name);
    if (it != kMainEmail.end()) c = required_column(f, it->second.c_str(), path);
    for (const char* cand : {"Email", "Email Address", "E-mail", "email"})
      if (c < 0) c = bench::find_column(f, cand);
    if (c < 0) fail(path + ": no e-mail column (Email, Email Address) in the header");
    std::unordered_map<std::string, std::int64_t> first_row;
    std::int64_t row = 0;
    while (r.next(f)) {
      const std::string& e = static_cast<std::size_t>(c) < f.size() ? f[static_cast<std::size_t>(c)] : "";
      if (!e.empty()) first_row.emplace(e, row);
      ++row;
    }
    if (!r.error().empty()) fail(r.error());
    for (std::size_t cr = 0; cr < crm_email.size(); ++cr) {
      if (crm_email[cr].empty()) continue;
      auto hit = first_row.find(crm_email[cr]);
      if (hit != first_row.end()) a.add(t, static_cast<int>(v), static_cast<std::int64_t>(cr), hit->second);
    }
  }
  a.finish(t);
}

// ---------------------------------------------------------------- fidelity

enum class Mode { kFill, kOverwrite, kAppend };

struct Fidelity {
  std::uint64_t crm_rows = 0, output_rows = 0, changed = 0, filled = 0, overwritten = 0, short_rows = 0;
  bool header_ok = true;
  std::string header_problem;
  std::int64_t first_row = -1;
  std::string first_column;
};

Fidelity check_fidelity(const std::string& crm_path, const std::string& out_path, Mode mode) {
  Fidelity fd;
  CsvReader crm, out;
  open_or_fail(crm, crm_path);
  open_or_fail(out, out_path, crm.delimiter());  // the output keeps the CRM's delimiter
  std::vector<std::string> ch, oh;
  read_header(crm, crm_path, ch);
  read_header(out, out_path, oh);
  const std::size_t width = ch.size();
  if (oh.size() < width) {
    fd.header_ok = false;
    fd.header_problem = "the output header has " + std::to_string(oh.size()) + " fields, the CRM's " +
                        std::to_string(width);
  } else {
    for (std::size_t i = 0; i < width; ++i)
      if (oh[i] != ch[i]) {
        fd.header_ok = false;
        fd.header_problem = "output header field " + std::to_string(i + 1) + " differs from the CRM's (\"" +
                            ch[i] + "\")";
        break;
      }
  }
  std::vector<std::string> cr, orow;
  for (;;) {
    bool have_c = crm.next(cr);
    if (!have_c && !crm.error().empty()) fail(crm.error());
    bool have_o = out.next(orow);
    if (!have_o && !out.error().empty()) fail(out.error());
    if (!have_c && !have_o) break;
    if (have_o) ++fd.output_rows;
    if (!have_c) continue;
    std::int64_t row = static_cast<std::int64_t>(fd.crm_rows++);
    if (!have_o) continue;
    if (orow.size() < width) ++fd.short_rows;
    for (std::size_t i = 0; i < width; ++i) {
      static const std::string kEmpty;
      const std::string& a = i < cr.size() ? cr[i] : kEmpty;
      const std::string& b = i < orow.size() ? orow[i] : kEmpty;
      if (a == b) continue;
      bool changed = false;
      if (a.empty() && mode != Mode::kAppend) ++fd.filled;
      else if (mode == Mode::kOverwrite) ++fd.overwritten;
      else changed = true;
      if (changed) {
        ++fd.changed;
        if (fd.first_row < 0) {
          fd.first_row = row;
          fd.first_column = i < ch.size() ? ch[i] : std::to_string(i + 1);
        }
      }
    }
  }
  return fd;
}

// -------------------------------------------------------------------- main

const char kUsage[] =
    "usage: crmerge-eval --truth DIR/truth --crm DIR/crm.csv --output MERGED.csv --matches MATCHES.csv\n"
    "                    [--mode fill|overwrite|append] [--json FILE]\n"
    "       crmerge-eval --truth DIR/truth --crm DIR/crm.csv --baseline raw-email --vendors DIR [--json FILE]\n"
    "  --matches   crmerge's --audit file: columns crm_row, vendor, vendor_row (field, decision optional)\n"
    "  --output    the merged file, checked against the CRM (optional with --matches)\n"
    "  --mode      what the merge may do to CRM cells (default fill: fill empty cells, as crmerge's\n"
    "              default; append: nothing; overwrite: change any cell)\n"
    "  --baseline raw-email  score a matcher on raw, exactly equal e-mail cells instead of --matches\n"
    "  --json      also write the figures as JSON\n"
    "Exit: 0 scored, 2 bad usage or unreadable input.\n";

int usage_error(const std::string& msg) {
  std::fprintf(stderr, "crmerge-eval: %s\n%s", msg.c_str(), kUsage);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string truth_dir, crm, output, matches, json_path, baseline, vendors_dir, mode_s = "fill";
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "-h" || a == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    std::string* target = a == "--truth"      ? &truth_dir
                          : a == "--crm"      ? &crm
                          : a == "--output"   ? &output
                          : a == "--matches"  ? &matches
                          : a == "--json"     ? &json_path
                          : a == "--baseline" ? &baseline
                          : a == "--vendors"  ? &vendors_dir
                          : a == "--mode"     ? &mode_s
                                              : nullptr;
    if (!target) return usage_error("unknown argument: " + a);
    if (i + 1 >= argc || argv[i + 1][0] == '\0') return usage_error(a + " needs a value");
    *target = argv[++i];
  }
  if (truth_dir.empty()) return usage_error("--truth is required");
  Mode mode;
  if (mode_s == "fill") mode = Mode::kFill;
  else if (mode_s == "overwrite") mode = Mode::kOverwrite;
  else if (mode_s == "append") mode = Mode::kAppend;
  else return usage_error("--mode must be fill, overwrite or append");
  if (!baseline.empty()) {
    if (baseline != "raw-email") return usage_error("--baseline: the only baseline is raw-email");
    if (vendors_dir.empty()) return usage_error("--baseline needs --vendors DIR");
    if (crm.empty()) return usage_error("--baseline needs --crm");
    if (!matches.empty()) return usage_error("--baseline and --matches exclude each other");
  } else {
    if (matches.empty()) return usage_error("--matches is required (or --baseline raw-email)");
    if (!output.empty() && crm.empty()) return usage_error("--output needs --crm");
  }

  auto t0 = std::chrono::steady_clock::now();
  try {
    Truth truth = load_truth(truth_dir);
    Attachments att(truth);
    if (!baseline.empty()) baseline_raw_email(crm, vendors_dir, truth, att);
    else load_matches(matches, truth, att);
    Score s = score(truth, att);
    std::optional<Fidelity> fd;
    if (!output.empty()) fd = check_fidelity(crm, output, mode);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    std::string text;
    text += baseline.empty() ? "crmerge-eval: " + matches : "crmerge-eval: baseline raw-email on " + vendors_dir;
    text += " (" + std::to_string(truth.crm_person.size()) + " CRM rows, " + std::to_string(truth.vendors.size()) +
            " vendors)\n";
    text += s.text;
    json j = {{"source", baseline.empty() ? "matches" : "baseline raw-email"},
              {"crm_rows", truth.crm_person.size()}};
    for (auto& [k, v] : s.j.items()) j[k] = v;
    if (fd) {
      const Fidelity& f = *fd;
      std::int64_t diff = static_cast<std::int64_t>(f.output_rows) - static_cast<std::int64_t>(f.crm_rows);
      std::uint64_t gained = diff > 0 ? static_cast<std::uint64_t>(diff) : 0;
      std::uint64_t lost = diff < 0 ? static_cast<std::uint64_t>(-diff) : 0;
      text += "fidelity (mode " + mode_s + "): " + std::to_string(f.crm_rows) + " CRM rows, " +
              std::to_string(f.output_rows) + " output rows\n";
      text += "header: " + std::string(f.header_ok ? "ok" : "DIFFERS: " + f.header_problem) + "\n";
      text += "rows gained: " + std::to_string(gained) + "\n";
      text += "rows lost: " + std::to_string(lost) + "\n";
      text += "cells changed: " + std::to_string(f.changed);
      if (f.first_row >= 0)
        text += " (first at data row " + std::to_string(f.first_row) + ", column \"" + f.first_column + "\")";
      text += "\n";
      text += "cells filled: " + std::to_string(f.filled) + "\n";
      text += "cells overwritten: " + std::to_string(f.overwritten) + "\n";
      if (f.short_rows) text += "short rows: " + std::to_string(f.short_rows) + " (fewer fields than the CRM)\n";
      j["fidelity"] = {{"mode", mode_s},
                       {"crm_rows", f.crm_rows},
                       {"output_rows", f.output_rows},
                       {"rows_gained", gained},
                       {"rows_lost", lost},
                       {"header_ok", f.header_ok},
                       {"cells_changed", f.changed},
                       {"cells_filled", f.filled},
                       {"cells_overwritten", f.overwritten},
                       {"short_rows", f.short_rows},
                       {"first_change", f.first_row < 0 ? json(nullptr)
                                                        : json{{"row", f.first_row}, {"column", f.first_column}}}};
    }
    char tbuf[64];
    std::snprintf(tbuf, sizeof tbuf, "evaluated in %.2f s\n", secs);
    text += tbuf;
    j["seconds"] = secs;
    std::fputs(text.c_str(), stdout);
    if (!json_path.empty()) {
      std::ofstream js(json_path, std::ios::binary | std::ios::trunc);
      js << j.dump(2) << "\n";
      js.close();
      if (!js) {
        std::fprintf(stderr, "crmerge-eval: cannot write %s\n", json_path.c_str());
        return 2;
      }
    }
  } catch (const InputError& e) {
    std::fprintf(stderr, "crmerge-eval: %s\n", e.message.c_str());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "crmerge-eval: %s\n", e.what());
    return 2;
  }
  return 0;
}
