#include "server/webhook.h"

#include <httplib.h>

#include <algorithm>

namespace crmerge::server {

WebhookSender::WebhookSender(std::function<void(const std::string&, bool, int)> on_done, std::vector<int> backoff_ms)
    : on_done_(std::move(on_done)), backoff_ms_(std::move(backoff_ms)), thread_([this] { work(); }) {}

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

bool WebhookSender::post(const Delivery& d) const {
  // "http://host:port/path?q" -> client "http://host:port", path "/path?q";
  // "http://host?q" -> path "/?q".
  size_t scheme_end = d.url.find("://");
  if (scheme_end == std::string::npos) return false;
  size_t path_start = d.url.find_first_of("/?#", scheme_end + 3);
  std::string origin = path_start == std::string::npos ? d.url : d.url.substr(0, path_start);
  std::string path = path_start == std::string::npos ? "/" : d.url.substr(path_start);
  if (path[0] != '/') path = "/" + path;
  httplib::Client client(origin);
  // Short timeouts: stop() waits for a delivery in progress.
  client.set_connection_timeout(2);
  client.set_read_timeout(5);
  client.set_write_timeout(5);
  httplib::Headers headers{{"X-Crmerge-Event", "job.finished"}};
  auto res = client.Post(path.c_str(), headers, d.body, "application/json");
  return res && res->status >= 200 && res->status < 300;
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
    bool ok = post(d);
    ++d.attempts;
    lock.lock();
    size_t retries = static_cast<size_t>(d.attempts - 1);
    if (ok || retries >= backoff_ms_.size()) {
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
