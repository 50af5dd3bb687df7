// crmerge-testtool: what the shell tests need that the shell lacks.
//   crmerge-testtool fixture DIR SEED CRM_ROWS VENDORS VENDOR_ROWS
//   crmerge-testtool fidelity CRM OUT [APPENDED_FIELDS|-] [fill]
#include <cstdio>
#include <cstdlib>
#include <string>

#include "support/csv_gen.h"
#include "support/fidelity.h"

int main(int argc, char** argv) {
  std::string cmd = argc > 1 ? argv[1] : "";
  if (cmd == "fixture" && argc == 7) {
    crmerge::test::write_merge_fixture(argv[2], std::strtoull(argv[3], nullptr, 10), std::strtoull(argv[4], nullptr, 10),
                                       std::strtoull(argv[5], nullptr, 10), std::strtoull(argv[6], nullptr, 10));
    return 0;
  }
  if (cmd == "fidelity" && argc >= 4 && argc <= 6) {
    long appended = argc >= 5 && std::string(argv[4]) != "-" ? std::strtol(argv[4], nullptr, 10) : -1;
    bool fill = argc == 6 && std::string(argv[5]) == "fill";
    std::string problem = crmerge::test::check_fidelity(argv[2], argv[3], appended, fill);
    if (problem.empty()) return 0;
    std::fprintf(stderr, "fidelity: %s\n", problem.c_str());
    return 1;
  }
  std::fprintf(stderr, "usage: crmerge-testtool fixture DIR SEED CRM_ROWS VENDORS VENDOR_ROWS\n"
                       "       crmerge-testtool fidelity CRM OUT [APPENDED_FIELDS|-] [fill]\n");
  return 2;
}
