// crmerge-testtool: what the shell tests need that the shell lacks.
//   crmerge-testtool fixture DIR SEED CRM_ROWS VENDORS VENDOR_ROWS
//   crmerge-testtool fidelity CRM OUT [APPENDED_FIELDS|-] [fill]
//   crmerge-testtool json-get FILE KEY OUT       writes the JSON value at top-level KEY to OUT
//   crmerge-testtool webhook-sink DIR [STATUS...] a webhook receiver (support/webhook_sink.h)
//   crmerge-testtool load PORT SERVER_PID FINISHED_ID ROUNDS RUNNING_ID...
//                                               a bounded load on the service (support/load_driver.h)
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <cstdlib>
#include <string>
#include <vector>

#include "support/csv_gen.h"
#include "support/fidelity.h"
#include "support/load_driver.h"
#include "support/webhook_sink.h"

int main(int argc, char** argv) {
  std::string cmd = argc > 1 ? argv[1] : "";
  if (cmd == "webhook-sink" && argc >= 3) {
    std::vector<int> statuses;
    for (int i = 3; i < argc; ++i) statuses.push_back(std::atoi(argv[i]));
    return crmerge::test::run_webhook_sink(argv[2], statuses);
  }
  if (cmd == "load" && argc >= 7) {
    crmerge::test::LoadPlan plan;
    plan.port = std::atoi(argv[2]);
    plan.server_pid = std::atoi(argv[3]);
    plan.finished = argv[4];
    plan.rounds = std::atoi(argv[5]);
    for (int i = 6; i < argc; ++i) plan.running.push_back(argv[i]);
    return crmerge::test::run_load(plan) == 0 ? 0 : 1;
  }
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
  if (cmd == "json-get" && argc == 5) {
    try {
      std::ifstream in(argv[2]);
      auto doc = nlohmann::ordered_json::parse(in);
      if (!doc.contains(argv[3])) return 1;
      std::ofstream(argv[4]) << doc[argv[3]].dump(2) << "\n";
      return 0;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "json-get: %s\n", e.what());
      return 1;
    }
  }
  std::fprintf(stderr, "usage: crmerge-testtool fixture DIR SEED CRM_ROWS VENDORS VENDOR_ROWS\n"
                       "       crmerge-testtool fidelity CRM OUT [APPENDED_FIELDS|-] [fill]\n"
                       "       crmerge-testtool json-get FILE KEY OUT\n"
                       "       crmerge-testtool webhook-sink DIR [STATUS...]\n");
  return 2;
}
