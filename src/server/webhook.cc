#include "server/webhook.h"

#include <httplib.h>

#include <algorithm>
#include <memory>

namespace crmerge::server {

WebhookSender::WebhookSender(WebhookPolicy policy, std::function<void(const std::string&, bool, int)> on_done,
                             std::vector<int> backoff_ms)
    : policy_(std::move(policy)),
      on_done_(std::move(on_done)),
      backoff_ms_(std::move(backoff_ms)),
      thread_([this] { work(); }) {}

WebhookSender::~WebhookSender() { stop(); }

void WebhookSender::send(const std::string& job_id, const std::string& url, std::string body) {
  std::lock_guard<std::mutex> lock(mutex_);
  queue_.push_back({job_id, url, std::move(body), 0, std::chrono::steady_clock::now()});
  cv_.notify_all();
}

void WebhookSender::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stop_) return;
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

WebhookSender::Outcome WebhookSender::post(const Delivery& d) const {
  auto url = parse_webhook_url(d.url);
  if (!url.is_ok()) return Outcome::kRefused;
  // Checked at every attempt, not only at submit: the name may resolve
  // elsewhere by now.
  auto address = policy_.check(d.url);
  if (!address.is_ok()) return address.status().code() == StatusCode::kIoError ? Outcome::kFailed : Outcome::kRefused;
  std::unique_ptr<httplib::ClientImpl> client;
  if (url->scheme == "http") {
    client = std::make_unique<httplib::ClientImpl>(url->host, url->port);
  } else {
#ifdef CPPHTTPLIB_OPENSSL_SUPPORT
    client = std::make_unique<httplib::SSLClient>(url->host, url->port);
#else
    return Outcome::kRefused;
#endif
  }
  // The connection goes to the checked address and to no other: httplib
  // resolves nothing for a mapped host (it reads the address with
  // AI_NUMERICHOST), while the Host header and TLS still name the host.
  client->set_hostname_addr_map({{url->host, *address}});
  // A redirect would lead to a target nobody checked.
  client->set_follow_location(false);
  // Short timeouts: stop() waits for a delivery in progress.
  client->set_connection_timeout(2);
  client->set_read_timeout(5);
  client->set_write_timeout(5);
  httplib::Headers headers{{"X-Crmerge-Event", "job.finished"}};
  auto res = client->Post(url->target.c_str(), headers, d.body, "application/json");
  return res && res->status >= 200 && res->status < 300 ? Outcome::kDelivered : Outcome::kFailed;
}

void WebhookSender::work() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stop_) {
    if (queue_.empty()) {
      cv_.wait(lock);
      continue;
    }
    auto next = std::min_element(queue_.begin(), queue_.end(),
                                 [](const Delivery& a, const Delivery& b) { return a.due < b.due; });
    if (next->due > std::chrono::steady_clock::now()) {
      cv_.wait_until(lock, next->due);
      continue;
    }
    Delivery d = std::move(*next);
    queue_.erase(next);
    lock.unlock();
    Outcome outcome = post(d);
    bool ok = outcome == Outcome::kDelivered;
    ++d.attempts;
    lock.lock();
    size_t retries = static_cast<size_t>(d.attempts - 1);
    if (outcome != Outcome::kFailed || retries >= backoff_ms_.size()) {
      lock.unlock();
      if (on_done_) on_done_(d.job_id, ok, d.attempts);
      lock.lock();
    } else {
      d.due = std::chrono::steady_clock::now() + std::chrono::milliseconds(backoff_ms_[retries]);
      queue_.push_back(std::move(d));
    }
  }
}

}  // namespace crmerge::server
