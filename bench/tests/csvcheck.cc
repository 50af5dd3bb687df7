// bench-csvcheck FILE... : parses each file as CSV (delimiter sniffed) and checks
// every record has as many fields as the header. Prints "FILE: N records x K fields".
// bench-csvcheck --dump FILE [DELIM] : writes the records to stdout, fields separated by
// 0x1F and records ended by 0x1E (to compare the parser with another one).
#include <cstdio>
#include <string>
#include <vector>

#include "csv.h"

int main(int argc, char** argv) {
  if ((argc == 3 || argc == 4) && std::string(argv[1]) == "--dump") {
    bench::CsvReader r;
    if (!r.open(argv[2], argc == 4 ? argv[3][0] : 0)) {
      std::fprintf(stderr, "%s\n", r.error().c_str());
      return 1;
    }
    std::vector<std::string> f;
    while (r.next(f)) {
      for (std::size_t i = 0; i < f.size(); ++i) {
        if (i) std::fputc(0x1f, stdout);
        std::fwrite(f[i].data(), 1, f[i].size(), stdout);
      }
      std::fputc(0x1e, stdout);
    }
    if (!r.error().empty()) {
      std::fprintf(stderr, "%s\n", r.error().c_str());
      return 1;
    }
    return 0;
  }
  int rc = 0;
  for (int i = 1; i < argc; ++i) {
    bench::CsvReader r;
    if (!r.open(argv[i])) {
      std::fprintf(stderr, "%s\n", r.error().c_str());
      rc = 1;
      continue;
    }
    std::vector<std::string> f;
    if (!r.next(f)) {
      std::fprintf(stderr, "%s: no header\n", argv[i]);
      rc = 1;
      continue;
    }
    std::size_t width = f.size();
    unsigned long long n = 0, bad = 0;
    while (r.next(f)) {
      ++n;
      if (f.size() != width) {
        if (bad++ < 5)
          std::fprintf(stderr, "%s line %llu: %zu fields, header has %zu\n", argv[i],
                       static_cast<unsigned long long>(r.record_line()), f.size(), width);
      }
    }
    if (!r.error().empty()) {
      std::fprintf(stderr, "%s\n", r.error().c_str());
      rc = 1;
    }
    if (bad) rc = 1;
    std::printf("%s: %llu records x %zu fields, delimiter '%c'%s\n", argv[i], n, width, r.delimiter(),
                bad ? " INCONSISTENT" : "");
  }
  return rc;
}
