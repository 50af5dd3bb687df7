#include "support/webhook_sink.h"

#include <httplib.h>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <thread>

namespace crmerge::test {

int run_webhook_sink(const std::string& dir, const std::vector<int>& statuses) {
  httplib::Server server;
  std::mutex mutex;
  size_t seen = 0;
  server.Post(R"(/.*)", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(mutex);
    ++seen;
    std::ofstream(dir + "/" + std::to_string(seen) + ".json") << req.body;
    std::ofstream(dir + "/" + std::to_string(seen) + ".event") << req.get_header_value("X-Crmerge-Event");
    res.status = statuses.empty() ? 200 : statuses[std::min(seen, statuses.size()) - 1];
    int answer = 0;
    if (std::ifstream(dir + "/answer") >> answer) res.status = answer;
    std::ofstream(dir + "/" + std::to_string(seen) + ".status") << res.status;
    res.set_content("{}", "application/json");
  });
  int port = server.bind_to_any_port("127.0.0.1");
  if (port <= 0) return 1;
  std::printf("port %d\n", port);
  std::fflush(stdout);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);  // before the server's threads start: they inherit it
  std::thread stopper([&] {
    int sig = 0;
    sigwait(&set, &sig);
    server.stop();
  });
  server.listen_after_bind();
  stopper.join();
  return 0;
}

}  // namespace crmerge::test
