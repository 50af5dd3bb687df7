// A bounded load on the job service (crmerge-testtool load): rounds of a
// fixed number of requests from several client threads — status polls of
// running jobs, event streams opened and read to their first event, result
// downloads — with the server's resident memory read after each round.
#pragma once

#include <string>
#include <vector>

namespace crmerge::test {

struct LoadPlan {
  std::string host = "127.0.0.1";
  int port = 0;
  int server_pid = 0;              // whose VmRSS is read after each round
  std::vector<std::string> running;  // ids of running jobs: polled, their events streamed
  std::string finished;            // id of a succeeded job: its result downloaded
  int rounds = 5;
  int threads = 4;
  int polls = 6000;      // GET /v1/jobs/{id} per round, over all threads
  int streams = 120;     // GET /v1/jobs/{id}/events per round, each read to its first event
  int downloads = 300;   // GET /v1/jobs/{id}/result per round
  // Waited after each round before the RSS is read: the event streams a
  // client closed end at the server's next write (2 s of silence), and their
  // threads go back to the pool. The reading is then the pool's steady state,
  // whatever the machine's speed made the round's peak.
  int settle_ms = 5000;
};

// Runs the plan and prints one line per round:
//   round N rss_kb R polls P p50_ms X p99_ms Y streams S downloads D errors E threads T
// Returns the total number of errors (a request that failed or answered
// anything but the expected status and body).
int run_load(const LoadPlan& plan);

}  // namespace crmerge::test
