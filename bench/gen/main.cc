// crmerge-gen: writes a synthetic CRM export, three vendor files and the truth
// needed to score a merge. See bench/README.md.
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "files.h"
#include "lists.h"
#include "population.h"

namespace {

const char kUsage[] =
    "usage: crmerge-gen --out DIR --crm-rows N [--vendor-rows M] [--seed S] [--threads T]\n"
    "  Writes DIR/crm.csv, DIR/apollo.csv, DIR/zoominfo.csv, DIR/cognism.csv and DIR/truth/*.csv.\n"
    "  --vendor-rows  rows of each vendor file (default: N)\n"
    "  --seed         the data is a function of the seed and the sizes (default: 1)\n"
    "  --threads      files written in parallel (default: the number of cores, at most 4)\n";

int usage_error(const std::string& msg) {
  std::fprintf(stderr, "crmerge-gen: %s\n%s", msg.c_str(), kUsage);
  return 2;
}

bool parse_u64(const char* s, std::uint64_t& out) {
  if (!*s) return false;
  char* end = nullptr;
  errno = 0;
  unsigned long long v = std::strtoull(s, &end, 10);
  if (errno || *end || s[0] == '-') return false;
  out = v;
  return true;
}

std::string mb(std::uint64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  std::string out;
  std::uint64_t crm_rows = 0, vendor_rows = 0, seed = 1, threads = 0;
  bool have_crm = false, have_vendor = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "-h" || a == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    auto value = [&](const char* name) -> const char* {
      if (i + 1 >= argc) return nullptr;
      (void)name;
      return argv[++i];
    };
    const char* v = nullptr;
    if (a == "--out") {
      if (!(v = value("--out"))) return usage_error("--out needs a folder");
      out = v;
    } else if (a == "--crm-rows") {
      if (!(v = value("--crm-rows")) || !parse_u64(v, crm_rows)) return usage_error("--crm-rows needs a number");
      have_crm = true;
    } else if (a == "--vendor-rows") {
      if (!(v = value("--vendor-rows")) || !parse_u64(v, vendor_rows))
        return usage_error("--vendor-rows needs a number");
      have_vendor = true;
    } else if (a == "--seed") {
      if (!(v = value("--seed")) || !parse_u64(v, seed)) return usage_error("--seed needs a number");
    } else if (a == "--threads") {
      if (!(v = value("--threads")) || !parse_u64(v, threads) || threads == 0)
        return usage_error("--threads needs a positive number");
    } else {
      return usage_error("unknown argument: " + a);
    }
  }
  if (out.empty()) return usage_error("--out is required");
  if (!have_crm) return usage_error("--crm-rows is required");
  if (!have_vendor) vendor_rows = crm_rows;
  if (threads == 0) threads = std::min<std::uint64_t>(4, std::max(1u, std::thread::hardware_concurrency()));

  if (const char* err = gen::check_lists()) {
    std::fprintf(stderr, "crmerge-gen: internal error: %s\n", err);
    return 1;
  }
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(out) / "truth", ec);
  if (ec) {
    std::fprintf(stderr, "crmerge-gen: cannot create %s/truth: %s\n", out.c_str(), ec.message().c_str());
    return 1;
  }

  auto t0 = std::chrono::steady_clock::now();
  gen::Sizes sizes{seed, crm_rows, vendor_rows};
  const gen::Population pop(sizes);
  if (pop.numbers_wrap())
    std::fprintf(stderr, "crmerge-gen: warning: population too large for unique phone numbers; some may repeat\n");

  // Four independent jobs (each file depends only on the seed and the sizes).
  std::vector<gen::FileStats> stats(1 + gen::kNumVendors);
  std::vector<std::thread> pool;
  std::atomic_int next{0};
  auto work = [&]() {
    for (int job; (job = next.fetch_add(1)) < 1 + gen::kNumVendors;) {
      if (job == 0) stats[0] = gen::write_crm(pop, out);
      else stats[static_cast<std::size_t>(job)] = gen::write_vendor(pop, job - 1, vendor_rows, out);
    }
  };
  for (std::uint64_t t = 0; t < threads; ++t) pool.emplace_back(work);
  for (auto& t : pool) t.join();
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  int rc = 0;
  std::uint64_t total = 0, truth = 0;
  std::string line = "crmerge-gen:";
  for (const auto& s : stats) {
    if (!s.error.empty()) {
      std::fprintf(stderr, "crmerge-gen: %s\n", s.error.c_str());
      rc = 1;
    }
    total += s.bytes;
    truth += s.truth_bytes;
    line += " " + s.name + " " + std::to_string(s.rows) + " rows " + mb(s.bytes) + ";";
  }
  char tail[160];
  std::snprintf(tail, sizeof tail, " truth %s; total %s in %.1f s (seed %llu)", mb(truth).c_str(),
                mb(total + truth).c_str(), secs, static_cast<unsigned long long>(seed));
  std::fprintf(stderr, "%s%s\n", line.c_str(), tail);
  return rc;
}
