// GCC 12's libstdc++ <regex> (included by httplib.h) trips a false
// -Wmaybe-uninitialized in std::function at -O1 with sanitizers; it is
// reported at header lines, so the pragma has to come before any include.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include "server/webhook.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace crmerge::server {
namespace {

using std::chrono::seconds;

// Long enough for any delivery on a loaded machine; a passing test never waits it out.
constexpr auto kPatience = seconds(30);
// Short backoffs keep the retry tests fast.
const std::vector<int> kFastBackoffs = {20, 40, 80};

struct SeenRequest {
  std::string method, path, target, body, content_type, event, token;
};

// An HTTP server on a free loopback port that records every request and
// answers the n-th one (from 1) with status_for(n).
class Receiver {
 public:
  explicit Receiver(std::function<int(int)> status_for) : status_for_(std::move(status_for)) {
    server_.Post(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> lock(mutex_);
      seen_.push_back({req.method, req.path, req.target, req.body, req.get_header_value("Content-Type"),
                       req.get_header_value("X-Crmerge-Event"), req.get_param_value("token")});
      res.status = status_for_(static_cast<int>(seen_.size()));
      res.set_content("{}", "application/json");
      cv_.notify_all();
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // stop() before the listen loop runs would be lost and the join would hang.
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~Receiver() {
    server_.stop();
    thread_.join();
  }

  int port() const { return port_; }
  std::string url(const std::string& path_and_query) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path_and_query;
  }
  bool wait_for_requests(size_t n) {
    std::unique_lock<std::mutex> lock(mutex_);
    return cv_.wait_for(lock, kPatience, [&] { return seen_.size() >= n; });
  }
  std::vector<SeenRequest> seen() {
    std::lock_guard<std::mutex> lock(mutex_);
    return seen_;
  }

 private:
  std::function<int(int)> status_for_;
  httplib::Server server_;
  int port_ = -1;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<SeenRequest> seen_;
};

struct Done {
  std::string job_id;
  bool delivered;
  int attempts;
};

// Collects the sender's on_done calls.
class DoneLog {
 public:
  std::function<void(const std::string&, bool, int)> callback() {
    return [this](const std::string& id, bool delivered, int attempts) {
      std::lock_guard<std::mutex> lock(mutex_);
      done_.push_back({id, delivered, attempts});
      cv_.notify_all();
    };
  }
  bool wait_for(size_t n) {
    std::unique_lock<std::mutex> lock(mutex_);
    return cv_.wait_for(lock, kPatience, [&] { return done_.size() >= n; });
  }
  std::vector<Done> done() {
    std::lock_guard<std::mutex> lock(mutex_);
    return done_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<Done> done_;
};

// A loopback port with a socket bound to it but not listening: connecting is
// refused at once, and no other test can take the port while it is held.
class RefusingPort {
 public:
  RefusingPort() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    bool ok = fd_ >= 0 && bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
              getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0;
    EXPECT_TRUE(ok) << "cannot bind a loopback socket";
    port_ = ntohs(addr.sin_port);
  }
  ~RefusingPort() {
    if (fd_ >= 0) close(fd_);
  }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

const char* const kBody = R"({"id":"0123456789abcdef0123456789abcdef","state":"succeeded"})";

TEST(WebhookSender, PostsTheJobOnceToAReceiverThatAnswers200) {
  Receiver receiver([](int) { return 200; });
  DoneLog log;
  WebhookSender sender(log.callback(), kFastBackoffs);
  sender.send("job-1", receiver.url("/hooks/crmerge"), kBody);

  ASSERT_TRUE(log.wait_for(1));
  std::vector<Done> done = log.done();
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0].job_id, "job-1");
  EXPECT_TRUE(done[0].delivered);
  EXPECT_EQ(done[0].attempts, 1);

  std::vector<SeenRequest> seen = receiver.seen();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].method, "POST");
  EXPECT_EQ(seen[0].path, "/hooks/crmerge");
  EXPECT_EQ(seen[0].body, kBody);
  EXPECT_EQ(seen[0].content_type, "application/json");
  EXPECT_EQ(seen[0].event, "job.finished");
}

TEST(WebhookSender, AnyTwoHundredAnswerCountsAsDelivered) {
  Receiver receiver([](int) { return 204; });
  DoneLog log;
  WebhookSender sender(log.callback(), kFastBackoffs);
  sender.send("job-204", receiver.url("/h"), kBody);

  ASSERT_TRUE(log.wait_for(1));
  EXPECT_TRUE(log.done()[0].delivered);
  EXPECT_EQ(log.done()[0].attempts, 1);
  EXPECT_EQ(receiver.seen().size(), 1u);
}

TEST(WebhookSender, RetriesAfterErrorsUntilTheReceiverAccepts) {
  Receiver receiver([](int n) { return n <= 2 ? 500 : 200; });
  DoneLog log;
  WebhookSender sender(log.callback(), kFastBackoffs);
  sender.send("job-2", receiver.url("/retry"), kBody);

  ASSERT_TRUE(log.wait_for(1));
  std::vector<Done> done = log.done();
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0].job_id, "job-2");
  EXPECT_TRUE(done[0].delivered);
  EXPECT_EQ(done[0].attempts, 3);
  std::vector<SeenRequest> seen = receiver.seen();
  ASSERT_EQ(seen.size(), 3u);
  for (const SeenRequest& r : seen) {
    EXPECT_EQ(r.body, kBody);
    EXPECT_EQ(r.event, "job.finished");
  }
}

TEST(WebhookSender, GivesUpAfterEveryBackoffWhenTheReceiverKeepsFailing) {
  for (int status : {500, 404}) {
    SCOPED_TRACE(status);
    Receiver receiver([status](int) { return status; });
    DoneLog log;
    {
      WebhookSender sender(log.callback(), kFastBackoffs);
      sender.send("job-3", receiver.url("/fail"), kBody);
      ASSERT_TRUE(log.wait_for(1));
    }  // the sender is stopped: no request can come after this point
    std::vector<Done> done = log.done();
    ASSERT_EQ(done.size(), 1u);
    EXPECT_EQ(done[0].job_id, "job-3");
    EXPECT_FALSE(done[0].delivered);
    EXPECT_EQ(done[0].attempts, 1 + static_cast<int>(kFastBackoffs.size()));
    EXPECT_EQ(receiver.seen().size(), 1 + kFastBackoffs.size());
  }
}

TEST(WebhookSender, GivesUpOnAnUnreachableReceiver) {
  RefusingPort refusing;
  DoneLog log;
  WebhookSender sender(log.callback(), kFastBackoffs);
  sender.send("job-4", "http://127.0.0.1:" + std::to_string(refusing.port()) + "/hook", kBody);

  ASSERT_TRUE(log.wait_for(1));
  std::vector<Done> done = log.done();
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0].job_id, "job-4");
  EXPECT_FALSE(done[0].delivered);
  EXPECT_EQ(done[0].attempts, 1 + static_cast<int>(kFastBackoffs.size()));
}

TEST(WebhookSender, KeepsThePathAndQueryOfTheUrl) {
  Receiver receiver([](int) { return 200; });
  DoneLog log;
  WebhookSender sender(log.callback(), kFastBackoffs);
  sender.send("job-5", receiver.url("/api/v2/hooks/crm?token=a%20b&job=5"), kBody);

  ASSERT_TRUE(log.wait_for(1));
  EXPECT_TRUE(log.done()[0].delivered);
  std::vector<SeenRequest> seen = receiver.seen();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].target, "/api/v2/hooks/crm?token=a%20b&job=5");
  EXPECT_EQ(seen[0].path, "/api/v2/hooks/crm");
  EXPECT_EQ(seen[0].token, "a b");
}

TEST(WebhookSender, AUrlWithoutAPathPostsToTheRoot) {
  Receiver receiver([](int) { return 200; });
  DoneLog log;
  WebhookSender sender(log.callback(), kFastBackoffs);
  sender.send("job-6", receiver.url(""), kBody);

  ASSERT_TRUE(log.wait_for(1));
  EXPECT_TRUE(log.done()[0].delivered);
  ASSERT_EQ(receiver.seen().size(), 1u);
  EXPECT_EQ(receiver.seen()[0].path, "/");
}

// Regression: "http://host:port?token=1" was split at the first '/', so the
// query became part of the host and every attempt failed.
TEST(WebhookSender, AUrlWithAQueryButNoPathKeepsItsQuery) {
  Receiver receiver([](int) { return 200; });
  DoneLog log;
  WebhookSender sender(log.callback(), kFastBackoffs);
  sender.send("job-6q", receiver.url("?token=a%20b"), kBody);

  ASSERT_TRUE(log.wait_for(1));
  EXPECT_TRUE(log.done()[0].delivered);
  ASSERT_EQ(receiver.seen().size(), 1u);
  EXPECT_EQ(receiver.seen()[0].path, "/");
  EXPECT_EQ(receiver.seen()[0].token, "a b");
}

TEST(WebhookSender, ADeliveryWaitingToRetryDoesNotHoldUpAnother) {
  Receiver failing([](int) { return 503; });
  Receiver accepting([](int) { return 200; });
  DoneLog log;
  // One minute before the failing delivery's retry: far longer than the test.
  WebhookSender sender(log.callback(), {60000});
  sender.send("job-slow", failing.url("/down"), kBody);
  ASSERT_TRUE(failing.wait_for_requests(1));
  sender.send("job-fast", accepting.url("/up"), kBody);

  ASSERT_TRUE(log.wait_for(1));
  std::vector<Done> done = log.done();
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0].job_id, "job-fast");
  EXPECT_TRUE(done[0].delivered);
  EXPECT_EQ(failing.seen().size(), 1u);
}

TEST(WebhookSender, StopDropsADeliveryWaitingOnABackoff) {
  Receiver receiver([](int) { return 500; });
  DoneLog log;
  WebhookSender sender(log.callback(), {10 * 60 * 1000, 10 * 60 * 1000});
  sender.send("job-7", receiver.url("/later"), kBody);
  ASSERT_TRUE(receiver.wait_for_requests(1));

  // Returns although the retry is ten minutes away (a hang here is the failure).
  sender.stop();
  EXPECT_TRUE(log.done().empty());
  EXPECT_EQ(receiver.seen().size(), 1u);
  sender.stop();  // a second stop (and the destructor's) is harmless
}

}  // namespace
}  // namespace crmerge::server
