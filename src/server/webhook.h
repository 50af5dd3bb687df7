// Completion webhooks: when a job ends, its Job object is POSTed as JSON to
// the URL it was submitted with (header X-Crmerge-Event: job.finished). A
// connection error or a non-2xx answer is retried after 1, 2, 4, 8 and 16 s;
// then the delivery is given up. Redirects are not followed. Before each
// attempt the URL is checked again by the sender's WebhookPolicy, and the
// connection goes to the very address that check returned; a target the
// policy refuses is given up at once, after that one attempt (a name that
// does not resolve is an ordinary failed attempt, retried). Deliveries run on
// one thread of their own, so a slow receiver never holds up a worker.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "server/address_policy.h"

namespace crmerge::server {

class WebhookSender {
 public:
  // `on_done(job_id, delivered, attempts)` after the last attempt.
  WebhookSender(WebhookPolicy policy, std::function<void(const std::string&, bool, int)> on_done,
                std::vector<int> backoff_ms = {1000, 2000, 4000, 8000, 16000});
  ~WebhookSender();
  void send(const std::string& job_id, const std::string& url, std::string body);
  // Stops; deliveries not yet made are dropped. A delivery in progress is
  // waited for: at most its connect (2 s) and read (5 s) timeouts.
  void stop();

 private:
  struct Delivery {
    std::string job_id, url, body;
    int attempts = 0;
    std::chrono::steady_clock::time_point due;
  };
  enum class Outcome { kDelivered, kFailed, kRefused };
  void work();
  Outcome post(const Delivery& d) const;

  WebhookPolicy policy_;
  std::function<void(const std::string&, bool, int)> on_done_;
  std::vector<int> backoff_ms_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<Delivery> queue_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace crmerge::server
