#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include "support/load_driver.h"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <thread>

namespace crmerge::test {

namespace {

// A number from /proc/PID/status ("VmRSS:", "Threads:").
long proc_status(int pid, const std::string& field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(field, 0) == 0) return std::strtol(line.c_str() + field.size(), nullptr, 10);
  return -1;
}

struct RoundResult {
  std::mutex mutex;
  std::vector<double> poll_ms;
  std::atomic<int> errors{0}, streams{0}, downloads{0};
};

void poll(httplib::Client& client, const std::string& id, RoundResult& r) {
  auto start = std::chrono::steady_clock::now();
  auto res = client.Get(("/v1/jobs/" + id).c_str());
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (!res || res->status != 200 || res->body.find("\"id\":\"" + id + "\"") == std::string::npos) ++r.errors;
  std::lock_guard<std::mutex> lock(r.mutex);
  r.poll_ms.push_back(ms);
}

void stream(const LoadPlan& plan, const std::string& id, RoundResult& r) {
  httplib::Client client(plan.host, plan.port);
  client.set_tcp_nodelay(true);
  client.set_read_timeout(10, 0);
  bool got_event = false;
  // Reading stops at the first event: the client closes, as a browser tab would.
  auto res = client.Get(("/v1/jobs/" + id + "/events").c_str(), [&](const char* data, size_t n) {
    got_event = std::string(data, n).find("event: job") != std::string::npos;
    return !got_event;
  });
  if (!got_event) ++r.errors;
  else ++r.streams;
}

void download(httplib::Client& client, const std::string& id, size_t size, RoundResult& r) {
  auto res = client.Get(("/v1/jobs/" + id + "/result").c_str());
  if (!res || res->status != 200 || res->body.size() != size) ++r.errors;
  else ++r.downloads;
}

}  // namespace

int run_load(const LoadPlan& plan) {
  size_t result_size = 0;
  {
    httplib::Client client(plan.host, plan.port);
    auto res = client.Get(("/v1/jobs/" + plan.finished + "/result").c_str());
    if (!res || res->status != 200) {
      std::fprintf(stderr, "load: the finished job's result cannot be read\n");
      return 1;
    }
    result_size = res->body.size();
  }
  int total_errors = 0;
  for (int round = 1; round <= plan.rounds; ++round) {
    RoundResult r;
    std::atomic<int> next{0};
    const int total = plan.polls + plan.streams + plan.downloads;
    std::vector<std::thread> workers;
    for (int t = 0; t < plan.threads; ++t) {
      workers.emplace_back([&] {
        httplib::Client client(plan.host, plan.port);
        client.set_keep_alive(true);
        client.set_tcp_nodelay(true);
        client.set_read_timeout(10, 0);
        for (int i; (i = next++) < total;) {
          // Interleaved: every kind of request is in flight beside the others.
          const std::string& id = plan.running[static_cast<size_t>(i) % plan.running.size()];
          if (i % total < plan.polls) poll(client, id, r);
          else if (i % total < plan.polls + plan.streams) stream(plan, id, r);
          else download(client, plan.finished, result_size, r);
        }
      });
    }
    for (auto& w : workers) w.join();
    std::this_thread::sleep_for(std::chrono::milliseconds(plan.settle_ms));
    std::sort(r.poll_ms.begin(), r.poll_ms.end());
    auto pct = [&](double p) {
      return r.poll_ms.empty() ? 0.0 : r.poll_ms[std::min(r.poll_ms.size() - 1, static_cast<size_t>(p * r.poll_ms.size()))];
    };
    std::printf("round %d rss_kb %ld polls %zu p50_ms %.2f p99_ms %.2f streams %d downloads %d errors %d threads %ld\n",
                round, proc_status(plan.server_pid, "VmRSS:"), r.poll_ms.size(), pct(0.50), pct(0.99),
                r.streams.load(), r.downloads.load(), r.errors.load(), proc_status(plan.server_pid, "Threads:"));
    std::fflush(stdout);
    total_errors += r.errors;
  }
  return total_errors;
}

}  // namespace crmerge::test
