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

#include <atomic>
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
  std::string method, path, target, body, content_type, event, token, host;
};

// An HTTP server on a free port of a loopback address that records every
// request and answers the n-th one (from 1) with status_for(n), and with a
// Location header when `location` is given.
class Receiver {
 public:
  explicit Receiver(std::function<int(int)> status_for, std::string address = "127.0.0.1",
                    std::string location = "")
      : status_for_(std::move(status_for)), address_(std::move(address)) {
    server_.Post(R"(/.*)", [this, location](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> lock(mutex_);
      seen_.push_back({req.method, req.path, req.target, req.body, req.get_header_value("Content-Type"),
                       req.get_header_value("X-Crmerge-Event"), req.get_param_value("token"),
                       req.get_header_value("Host")});
      res.status = status_for_(static_cast<int>(seen_.size()));
      if (!location.empty()) res.set_header("Location", location);
      res.set_content("{}", "application/json");
      cv_.notify_all();
    });
    port_ = server_.bind_to_any_port(address_.c_str());
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
    return "http://" + address_ + ":" + std::to_string(port_) + path_and_query;
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
  std::string address_;
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

// The receivers here listen on 127.0.0.1, which the policy refuses unless allowed.
WebhookPolicy loopback_allowed() {
  auto policy = WebhookPolicy::create({"127.0.0.1"});
  EXPECT_TRUE(policy.is_ok());
  return *policy;
}

// A resolver that answers `answer(n)` to its n-th call (from 1), for any name.
Resolver counting_dns(std::function<Result<std::vector<std::string>>(int)> answer, std::atomic<int>& calls) {
  return [answer = std::move(answer), &calls](const std::string&) { return answer(++calls); };
}

const char* const kBody = R"({"id":"0123456789abcdef0123456789abcdef","state":"succeeded"})";

TEST(WebhookSender, PostsTheJobOnceToAReceiverThatAnswers200) {
  Receiver receiver([](int) { return 200; });
  DoneLog log;
  WebhookSender sender(loopback_allowed(), log.callback(), kFastBackoffs);
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
  WebhookSender sender(loopback_allowed(), log.callback(), kFastBackoffs);
  sender.send("job-204", receiver.url("/h"), kBody);

  ASSERT_TRUE(log.wait_for(1));
  EXPECT_TRUE(log.done()[0].delivered);
  EXPECT_EQ(log.done()[0].attempts, 1);
  EXPECT_EQ(receiver.seen().size(), 1u);
}

TEST(WebhookSender, RetriesAfterErrorsUntilTheReceiverAccepts) {
  Receiver receiver([](int n) { return n <= 2 ? 500 : 200; });
  DoneLog log;
  WebhookSender sender(loopback_allowed(), log.callback(), kFastBackoffs);
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
      WebhookSender sender(loopback_allowed(), log.callback(), kFastBackoffs);
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
  WebhookSender sender(loopback_allowed(), log.callback(), kFastBackoffs);
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
  WebhookSender sender(loopback_allowed(), log.callback(), kFastBackoffs);
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
  WebhookSender sender(loopback_allowed(), log.callback(), kFastBackoffs);
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
  WebhookSender sender(loopback_allowed(), log.callback(), kFastBackoffs);
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
  WebhookSender sender(loopback_allowed(), log.callback(), {60000});
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
  WebhookSender sender(loopback_allowed(), log.callback(), {10 * 60 * 1000, 10 * 60 * 1000});
  sender.send("job-7", receiver.url("/later"), kBody);
  ASSERT_TRUE(receiver.wait_for_requests(1));

  // Returns although the retry is ten minutes away (a hang here is the failure).
  sender.stop();
  EXPECT_TRUE(log.done().empty());
  EXPECT_EQ(receiver.seen().size(), 1u);
  sender.stop();  // a second stop (and the destructor's) is harmless
}

// Regression (issue 22): the sender connected to whatever the URL named.
TEST(WebhookSender, Issue22ARefusedTargetIsNeverContactedAndGivenUpAtOnce) {
  Receiver receiver([](int) { return 200; });
  DoneLog log;
  {
    WebhookSender sender(WebhookPolicy(), log.callback(), kFastBackoffs);  // no exception for loopback
    sender.send("job-refused", receiver.url("/hook"), kBody);
    ASSERT_TRUE(log.wait_for(1));
  }
  std::vector<Done> done = log.done();
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0].job_id, "job-refused");
  EXPECT_FALSE(done[0].delivered);
  EXPECT_EQ(done[0].attempts, 1);
  EXPECT_TRUE(receiver.seen().empty());
}

// The policy maps "localhost" to 127.0.0.2, where the receiver listens; the
// system resolver says 127.0.0.1, where nothing does. The delivery arriving
// proves the connection goes to the checked address, not to a second lookup.
TEST(WebhookSender, Issue22ConnectsToTheAddressThePolicyChecked) {
  Receiver receiver([](int) { return 200; }, "127.0.0.2");
  std::atomic<int> calls{0};
  auto policy = WebhookPolicy::create(
      {"localhost"}, counting_dns([](int) { return std::vector<std::string>{"127.0.0.2"}; }, calls));
  ASSERT_TRUE(policy.is_ok());
  DoneLog log;
  WebhookSender sender(*policy, log.callback(), kFastBackoffs);
  std::string port = std::to_string(receiver.port());
  sender.send("job-mapped", "http://localhost:" + port + "/h", kBody);

  ASSERT_TRUE(log.wait_for(1));
  EXPECT_TRUE(log.done()[0].delivered);
  EXPECT_EQ(log.done()[0].attempts, 1);
  ASSERT_EQ(receiver.seen().size(), 1u);
  EXPECT_EQ(receiver.seen()[0].host, "localhost:" + port);  // the Host header still names the host
  EXPECT_EQ(calls, 1);
}

TEST(WebhookSender, ChecksTheTargetAgainBeforeEveryAttempt) {
  Receiver receiver([](int n) { return n <= 2 ? 500 : 200; });
  std::atomic<int> calls{0};
  auto policy = WebhookPolicy::create(
      {"localhost"}, counting_dns([](int) { return std::vector<std::string>{"127.0.0.1"}; }, calls));
  ASSERT_TRUE(policy.is_ok());
  DoneLog log;
  WebhookSender sender(*policy, log.callback(), kFastBackoffs);
  sender.send("job-again", "http://localhost:" + std::to_string(receiver.port()) + "/h", kBody);

  ASSERT_TRUE(log.wait_for(1));
  EXPECT_TRUE(log.done()[0].delivered);
  EXPECT_EQ(log.done()[0].attempts, 3);
  EXPECT_EQ(calls, 3);
}

// A name that fails to resolve is retried; when it later resolves to a
// loopback address (not allowed), that attempt is refused and the delivery
// ends there, without a connection.
TEST(WebhookSender, Issue22ALaterAnswerOfTheResolverIsJudgedAgain) {
  Receiver receiver([](int) { return 200; });
  std::atomic<int> calls{0};
  auto policy = WebhookPolicy::create({}, counting_dns(
                                              [](int n) -> Result<std::vector<std::string>> {
                                                if (n == 1) return Status::io_error("cannot resolve hooks.test");
                                                return std::vector<std::string>{"127.0.0.1"};
                                              },
                                              calls));
  ASSERT_TRUE(policy.is_ok());
  DoneLog log;
  {
    WebhookSender sender(*policy, log.callback(), kFastBackoffs);
    sender.send("job-rebound", "http://hooks.test:" + std::to_string(receiver.port()) + "/h", kBody);
    ASSERT_TRUE(log.wait_for(1));
  }
  EXPECT_FALSE(log.done()[0].delivered);
  EXPECT_EQ(log.done()[0].attempts, 2);
  EXPECT_EQ(calls, 2);
  EXPECT_TRUE(receiver.seen().empty());
}

TEST(WebhookSender, ANameThatNeverResolvesIsRetriedThenGivenUp) {
  std::atomic<int> calls{0};
  auto policy = WebhookPolicy::create(
      {}, counting_dns([](int) -> Result<std::vector<std::string>> { return Status::io_error("no such name"); },
                       calls));
  ASSERT_TRUE(policy.is_ok());
  DoneLog log;
  WebhookSender sender(*policy, log.callback(), kFastBackoffs);
  sender.send("job-nxdomain", "http://nowhere.test/h", kBody);

  ASSERT_TRUE(log.wait_for(1));
  EXPECT_FALSE(log.done()[0].delivered);
  EXPECT_EQ(log.done()[0].attempts, 1 + static_cast<int>(kFastBackoffs.size()));
}

// A redirect would lead to a target nobody checked.
TEST(WebhookSender, Issue22DoesNotFollowRedirects) {
  Receiver elsewhere([](int) { return 200; });
  Receiver redirecting([](int) { return 307; }, "127.0.0.1", elsewhere.url("/stolen"));
  DoneLog log;
  {
    WebhookSender sender(loopback_allowed(), log.callback(), {20});
    sender.send("job-redirect", redirecting.url("/hook"), kBody);
    ASSERT_TRUE(log.wait_for(1));
  }
  EXPECT_FALSE(log.done()[0].delivered);
  EXPECT_EQ(log.done()[0].attempts, 2);
  EXPECT_EQ(redirecting.seen().size(), 2u);
  EXPECT_TRUE(elsewhere.seen().empty());
}

}  // namespace
}  // namespace crmerge::server
