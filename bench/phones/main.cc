// bench-phones: how fast phone normalization is, with and without the fast
// path, and how much of the input the fast path answers.
//
//   build/crmerge-gen --out /tmp/gen --crm-rows 200000
//   build/bench/phones/bench-phones --data /tmp/gen [--region US] [--slow-sample 200000] [--threads 2]
//
// (1) The realistic mix: every phone cell of the generator's four files
//     (crm.csv, apollo.csv, zoominfo.csv, cognism.csv). The fast path runs on
//     all of them; libphonenumber (parse_phone_slow) on an evenly spaced sample
//     (it costs tens of microseconds a number), where both answers are also
//     compared.
// (2) Every shape: one row per way of writing a number, on generated numbers.
// Prints a Markdown snippet for bench/RESULTS.md on stdout.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_set>
#include <vector>

#include "csv/reader.h"
#include "normalize/phone.h"
#include "normalize/phone_fast.h"

namespace {

using crmerge::normalize::parse_phone;
using crmerge::normalize::parse_phone_fast;
using crmerge::normalize::parse_phone_slow;
using crmerge::normalize::Phone;

struct Source {
  const char* file;
  char delimiter;
  std::vector<const char*> columns;
};

const Source kSources[] = {
    {"crm.csv", ',', {"Phone Number", "Mobile Phone Number"}},
    {"apollo.csv", ',', {"Work Direct Phone", "Home Phone", "Mobile Phone", "Corporate Phone", "Other Phone"}},
    {"zoominfo.csv", ',', {"Direct Phone Number", "Mobile phone", "Company HQ Phone"}},
    {"cognism.csv", ';', {"Mobile", "Direct", "Company Phone"}},
};

bool read_cells(const std::string& dir, std::vector<std::string>* cells, size_t* empty) {
  for (const Source& src : kSources) {
    std::string path = dir + "/" + src.file;
    crmerge::csv::Dialect dialect;
    dialect.delimiter = src.delimiter;
    auto reader = crmerge::csv::RecordReader::open(path, dialect, crmerge::csv::ReaderOptions{});
    if (!reader.is_ok()) {
      std::fprintf(stderr, "bench-phones: %s\n", reader.status().to_string().c_str());
      return false;
    }
    crmerge::csv::Record rec;
    std::string scratch;
    std::vector<size_t> at;
    bool header = true;
    while (true) {
      auto more = reader->next(rec);
      if (!more.is_ok()) {
        std::fprintf(stderr, "bench-phones: %s\n", more.status().to_string().c_str());
        return false;
      }
      if (!*more) break;
      if (rec.blank) continue;
      if (header) {
        for (const char* col : src.columns) {
          size_t i = 0;
          while (i < rec.field_count() && rec.field(i, '"', scratch) != col) ++i;
          if (i == rec.field_count()) {
            std::fprintf(stderr, "bench-phones: %s has no column %s\n", path.c_str(), col);
            return false;
          }
          at.push_back(i);
        }
        header = false;
        continue;
      }
      for (size_t i : at) {
        if (i >= rec.field_count()) continue;
        std::string_view v = rec.field(i, '"', scratch);
        if (v.empty()) ++*empty;
        else cells->emplace_back(v);
      }
    }
  }
  return true;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Wall time of `work(begin, end)` over [0, n) split among `threads` threads.
double timed(size_t n, int threads, const std::function<void(size_t, size_t)>& work) {
  auto t0 = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (int k = 0; k < threads; ++k) {
    size_t b = n * static_cast<size_t>(k) / static_cast<size_t>(threads);
    size_t e = n * static_cast<size_t>(k + 1) / static_cast<size_t>(threads);
    pool.emplace_back([&work, b, e] { work(b, e); });
  }
  for (std::thread& t : pool) t.join();
  return seconds_since(t0);
}

std::string with_commas(uint64_t v) {
  std::string digits = std::to_string(v), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string ns(double seconds, size_t n) {
  double v = n ? seconds * 1e9 / static_cast<double>(n) : 0;
  return with_commas(static_cast<uint64_t>(v + 0.5));
}

std::string pct(size_t part, size_t whole) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", whole ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0);
  return buf;
}

bool same(const Phone& a, const Phone& b) {
  return a.status == b.status && a.e164 == b.e164 && a.extension == b.extension && a.marker == b.marker;
}

// --- (2) shapes -------------------------------------------------------------

struct Rng {
  uint64_t s;
  uint64_t next() {
    uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::string digits(int n) {
    std::string d;
    for (int i = 0; i < n; ++i) d.push_back(static_cast<char>('0' + next() % 10));
    return d;
  }
};

struct Shape {
  const char* name;
  const char* region;
  std::function<std::string(Rng&)> make;
};

std::vector<Shape> shapes() {
  static const char* const kAreas[] = {"212", "415", "310", "646", "202", "305", "312", "617", "713", "808",
                                       "416", "604", "503", "720", "404", "206", "512", "602", "702", "615"};
  auto nanp = [](Rng& r, const char* fmt) {
    std::string a = kAreas[r.next() % std::size(kAreas)];
    std::string e = std::to_string(2 + r.next() % 8) + r.digits(2), l = r.digits(4);
    std::string out;
    for (const char* p = fmt; *p; ++p) {
      if (*p == 'A') out += a;
      else if (*p == 'E') out += e;
      else if (*p == 'L') out += l;
      else out.push_back(*p);
    }
    return out;
  };
  auto n = [nanp](const char* fmt) { return [nanp, fmt](Rng& r) { return nanp(r, fmt); }; };
  auto london = [](Rng& r) { return "20 " + std::to_string(3 + r.next() % 6) + r.digits(3) + " " + r.digits(4); };
  auto berlin = [](Rng& r) { return "30 " + std::to_string(1 + r.next() % 9) + r.digits(6); };
  return {
      {"`(415) 555-0134`", "US", n("(A) E-L")},
      {"`415.555.0134`", "US", n("A.E.L")},
      {"`415-555-0134`", "US", n("A-E-L")},
      {"`415 555 0134`", "US", n("A E L")},
      {"`4155550134`", "US", n("AEL")},
      {"`1-415-555-0134`", "US", n("1-A-E-L")},
      {"`1 (415) 555-0134`", "US", n("1 (A) E-L")},
      {"`+14155550134`", "US", n("+1AEL")},
      {"`+1 415 555 0134`", "US", n("+1 A E L")},
      {"`+1 (415) 555-0134`", "US", n("+1 (A) E-L")},
      {"`'+1 415-555-0134`", "US", n("'+1 A-E-L")},
      {"`00 1 415 555 0134`", "US", n("00 1 A E L")},
      {"`(415) 555-0134 x123`", "US", n("(A) E-L x123")},
      {"`415-555-0134 ext. 12`", "US", n("A-E-L ext. 12")},
      {"`+1 415 555 0134 ext 12`", "US", n("+1 A E L ext 12")},
      {"`415 555 0134 #12`", "US", n("A E L #12")},
      {"`+44 20 7946 0018`", "US", [london](Rng& r) { return "+44 " + london(r); }},
      {"`+44 (0)20 3269 5754`", "US", [london](Rng& r) { return "+44 (0)" + london(r); }},
      {"`011 44 20 7946 0018`", "US", [london](Rng& r) { return "011 44 " + london(r); }},
      {"`0044 20 7946 0018`", "US", [london](Rng& r) { return "0044 " + london(r); }},
      {"`+44 7400 123456`", "US", [](Rng& r) { return "+44 74" + r.digits(2) + " " + r.digits(6); }},
      {"`+49 30 901820`", "US", [berlin](Rng& r) { return "+49 " + berlin(r); }},
      {"`+49 151 23456789`", "US", [](Rng& r) { return "+49 151 " + r.digits(8); }},
      {"`020 7946 0018` (GB)", "GB", [london](Rng& r) { return "0" + london(r); }},
      {"`030/901820` (DE)", "DE", [](Rng& r) { return "030/" + std::to_string(1 + r.next() % 9) + r.digits(6); }},
      {"`020 7946 0018` (US: invalid)", "US", [london](Rng& r) { return "0" + london(r); }},
      {"`(415) 555-013` (invalid)", "US", [nanp](Rng& r) {
         std::string t = nanp(r, "(A) E-L");
         t.pop_back();
         return t;
       }},
      {"`+33 1 23 45 67 89` (slow path)", "US", [](Rng& r) { return "+33 1 " + r.digits(2) + " " + r.digits(2) + " " + r.digits(2) + " " + r.digits(2); }},
      {"`1-800-FLOWERS` (slow path)", "US", [](Rng&) { return std::string("1-800-FLOWERS"); }},
  };
}

}  // namespace

int main(int argc, char** argv) {
  std::string data, region = "US";
  size_t slow_sample = 200000, per_shape = 2000;
  int threads = 2;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "bench-phones: %s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--data") data = value();
    else if (a == "--region") region = value();
    else if (a == "--slow-sample") slow_sample = std::stoul(value());
    else if (a == "--per-shape") per_shape = std::stoul(value());
    else if (a == "--threads") threads = std::max(1, std::stoi(value()));
    else {
      std::fprintf(stderr,
                   "usage: bench-phones --data DIR [--region US] [--slow-sample N (0: all)] [--per-shape N] "
                   "[--threads T]\n  DIR: written by crmerge-gen (crm.csv, apollo.csv, zoominfo.csv, cognism.csv)\n");
      return 2;
    }
  }
  if (data.empty()) {
    std::fprintf(stderr, "bench-phones: --data DIR is required (see --help)\n");
    return 2;
  }

  // Table build (first use), timed on its own.
  auto t0 = std::chrono::steady_clock::now();
  bool enabled = crmerge::normalize::phone_fast_enabled();
  double build_s = seconds_since(t0);
  if (!enabled) std::fprintf(stderr, "bench-phones: the fast path is OFF (its self-check failed)\n");

  std::vector<std::string> cells;
  size_t empty = 0;
  t0 = std::chrono::steady_clock::now();
  if (!read_cells(data, &cells, &empty)) return 1;
  double read_s = seconds_since(t0);
  std::unordered_set<std::string> distinct_set(cells.begin(), cells.end());
  std::vector<std::string> distinct(distinct_set.begin(), distinct_set.end());
  std::sort(distinct.begin(), distinct.end());
  std::fprintf(stderr, "bench-phones: %zu non-empty cells (%zu distinct), %zu empty, read in %.1f s\n", cells.size(),
               distinct.size(), empty, read_s);

  // (1) The realistic mix. The fast path on every cell, one thread.
  std::atomic<size_t> handled{0};
  double fast_s = timed(cells.size(), 1, [&](size_t b, size_t e) {
    size_t h = 0;
    for (size_t i = b; i < e; ++i) h += parse_phone_fast(cells[i], region).has_value();
    handled += h;
  });
  size_t handled_distinct = 0;
  for (const std::string& v : distinct) handled_distinct += parse_phone_fast(v, region).has_value();

  // The sample: every k-th cell.
  std::vector<const std::string*> sample;
  size_t step = slow_sample == 0 || slow_sample >= cells.size() ? 1 : cells.size() / slow_sample;
  for (size_t i = 0; i < cells.size() && (slow_sample == 0 || sample.size() < slow_sample); i += step)
    sample.push_back(&cells[i]);
  double slow_s = timed(sample.size(), 1, [&](size_t b, size_t e) {
    for (size_t i = b; i < e; ++i) (void)parse_phone_slow(*sample[i], region);
  });
  double both_s = timed(sample.size(), 1, [&](size_t b, size_t e) {
    for (size_t i = b; i < e; ++i) (void)parse_phone(*sample[i], region);
  });
  double fast_sample_s = timed(sample.size(), 1, [&](size_t b, size_t e) {
    for (size_t i = b; i < e; ++i) (void)parse_phone_fast(*sample[i], region);
  });
  size_t agree = 0, answered = 0;
  for (const std::string* v : sample) {
    std::optional<Phone> f = parse_phone_fast(*v, region);
    if (!f) continue;
    ++answered;
    agree += same(*f, parse_phone_slow(*v, region));
  }
  double slow_mt_s = 0, both_mt_s = 0;
  if (threads > 1) {
    slow_mt_s = timed(sample.size(), threads, [&](size_t b, size_t e) {
      for (size_t i = b; i < e; ++i) (void)parse_phone_slow(*sample[i], region);
    });
    both_mt_s = timed(sample.size(), threads, [&](size_t b, size_t e) {
      for (size_t i = b; i < e; ++i) (void)parse_phone(*sample[i], region);
    });
  }

  std::printf("### Phone normalization: fast path vs libphonenumber\n\n");
  std::printf("```sh\nbuild/crmerge-gen --out /tmp/gen --crm-rows 200000\nbuild/bench/phones/bench-phones --data /tmp/gen "
              "--region %s --slow-sample %zu --threads %d\n```\n\n",
              region.c_str(), slow_sample, threads);
  std::printf("Realistic mix: the 13 phone columns of the generated files, %s non-empty cells (%s distinct; %s empty "
              "cells left out), default region %s. The fast path's tables: %s KB, built at first use in %.0f ms.\n\n",
              with_commas(cells.size()).c_str(), with_commas(distinct.size()).c_str(), with_commas(empty).c_str(),
              region.c_str(), with_commas(crmerge::normalize::phone_fast_table_bytes() / 1024).c_str(), build_s * 1e3);
  std::printf("| | ns per number | numbers |\n|---|---:|---|\n");
  std::printf("| fast path (`parse_phone_fast`) | %s | all %s cells; answers %s of them (%s of the distinct values) |\n",
              ns(fast_s, cells.size()).c_str(), with_commas(cells.size()).c_str(), pct(handled, cells.size()).c_str(),
              pct(handled_distinct, distinct.size()).c_str());
  std::printf("| fast path, same sample as below | %s | %s cells (every %zu-th) |\n", ns(fast_sample_s, sample.size()).c_str(),
              with_commas(sample.size()).c_str(), step);
  std::printf("| libphonenumber (`parse_phone_slow`) | %s | the sample |\n", ns(slow_s, sample.size()).c_str());
  std::printf("| `parse_phone` (fast path, else libphonenumber) | %s | the sample |\n", ns(both_s, sample.size()).c_str());
  if (threads > 1) {
    std::printf("| libphonenumber, %d threads (wall time / numbers) | %s | the sample |\n", threads,
                ns(slow_mt_s, sample.size()).c_str());
    std::printf("| `parse_phone`, %d threads (wall time / numbers) | %s | the sample |\n", threads,
                ns(both_mt_s, sample.size()).c_str());
  }
  std::printf("\nOn the sample, the fast path answered %s cells, and %s of its answers equal libphonenumber's "
              "(status, E.164, extension).\n\n",
              with_commas(answered).c_str(), answered == agree ? "all" : (with_commas(agree) + " (MISMATCH)").c_str());

  // (2) Every shape.
  std::printf("Every shape (%zu generated numbers each, one thread):\n\n", per_shape);
  std::printf("| shape | region | fast path answers | fast path ns | libphonenumber ns | valid |\n");
  std::printf("|---|---|---:|---:|---:|---:|\n");
  bool all_agree = answered == agree;
  Rng rng{42};
  for (const Shape& s : shapes()) {
    std::vector<std::string> texts;
    for (size_t i = 0; i < per_shape; ++i) {
      texts.push_back(s.make(rng));
    }
    size_t h = 0, valid = 0;
    double f = timed(texts.size(), 1, [&](size_t b, size_t e) {
      for (size_t i = b; i < e; ++i) h += parse_phone_fast(texts[i], s.region).has_value();
    });
    double sl = timed(texts.size(), 1, [&](size_t b, size_t e) {
      for (size_t i = b; i < e; ++i) valid += parse_phone_slow(texts[i], s.region).status == crmerge::normalize::PhoneStatus::kValid;
    });
    for (const std::string& t : texts) {
      std::optional<Phone> fp = parse_phone_fast(t, s.region);
      if (fp && !same(*fp, parse_phone_slow(t, s.region))) all_agree = false;
    }
    std::printf("| %s | %s | %s | %s | %s | %s |\n", s.name, s.region, pct(h, texts.size()).c_str(),
                ns(f, texts.size()).c_str(), ns(sl, texts.size()).c_str(), pct(valid, texts.size()).c_str());
  }
  if (!all_agree) {
    std::fprintf(stderr, "bench-phones: the fast path and libphonenumber DISAGREE on some numbers\n");
    return 1;
  }
  return 0;
}
