// The HTTP API driven in process through HttpApi::serve_bytes: the very
// handlers `serve` runs, fed raw requests, with a job store that can be made
// to throw.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include "server/http_api.h"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <string>

#include "jobs/sqlite_store.h"
#include "support/test_env.h"

namespace crmerge::server {
namespace {

// A real store whose reads can be made to throw, as a library might.
class ThrowingStore : public jobs::JobStore {
 public:
  explicit ThrowingStore(std::unique_ptr<jobs::JobStore> real) : real_(std::move(real)) {}
  std::atomic<bool> throw_on_get{false};

  Result<jobs::CreateOutcome> create(const jobs::JobRecord& job) override { return real_->create(job); }
  Result<std::optional<jobs::JobRecord>> get(const std::string& id) override {
    if (throw_on_get) throw std::runtime_error("library failure quoting \xff secret@example.com");
    return real_->get(id);
  }
  Result<jobs::JobPage> list(const std::string& t, size_t n, const std::string& c) override {
    return real_->list(t, n, c);
  }
  Result<std::vector<jobs::JobRecord>> in_state(jobs::JobState s) override { return real_->in_state(s); }
  Status update(const jobs::JobRecord& job) override { return real_->update(job); }
  Status update_progress(const jobs::JobRecord& job) override { return real_->update_progress(job); }
  Result<std::optional<jobs::JobRecord>> claim_next(int64_t now) override { return real_->claim_next(now); }
  Status remove(const std::string& id) override { return real_->remove(id); }
  Result<std::vector<jobs::JobRecord>> finished_before(int64_t t) override { return real_->finished_before(t); }
  Result<std::map<jobs::JobState, uint64_t>> count_by_state() override { return real_->count_by_state(); }
  Status set_phase_attempts(const std::string& id, const std::map<std::string, int>& a) override {
    return real_->set_phase_attempts(id, a);
  }
  Result<std::map<std::string, int>> phase_attempts(const std::string& id) override {
    return real_->phase_attempts(id);
  }

 private:
  std::unique_ptr<jobs::JobStore> real_;
};

class HttpApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::make_unique<jobs::DataDir>(tmp_.path());
    ASSERT_TRUE(dir_->create().is_ok());
    auto real = jobs::open_sqlite_store(dir_->store_path());
    ASSERT_TRUE(real.is_ok()) << real.status().message();
    store_ = std::make_unique<ThrowingStore>(std::move(*real));
    runner_ = std::make_unique<jobs::Runner>(*store_, *dir_, jobs::RunnerConfig{}, [](const jobs::JobRecord&) {});
    api_ = std::make_unique<HttpApi>(HttpConfig{}, *store_, *runner_, metrics_, keys_, *dir_);
  }

  std::string get(const std::string& target, const std::string& headers = "") {
    return api_->serve_bytes("GET " + target + " HTTP/1.1\r\nHost: x\r\n" + headers + "Connection: close\r\n\r\n");
  }

  test::TempDir tmp_;
  std::unique_ptr<jobs::DataDir> dir_;
  std::unique_ptr<ThrowingStore> store_;
  std::unique_ptr<jobs::Runner> runner_;
  Metrics metrics_;
  ApiKeys keys_;
  std::unique_ptr<HttpApi> api_;
};

const std::string kSomeId = "0123456789abcdef0123456789abcdef";

TEST_F(HttpApiTest, Issue22InvalidUtf8InAPathAnswers400) {
  for (const char* path : {"/nope%ff", "/%ff", "/v1/jobs/%ff/result", "/v1/jobs/%c3%28", "/nope\xff"}) {
    std::string answer = get(path);
    EXPECT_EQ(answer.rfind("HTTP/1.1 400", 0), 0u) << path << ": " << answer;
    EXPECT_NE(answer.find("\"invalid_request\""), std::string::npos) << answer;
  }
  EXPECT_EQ(get("/healthz").rfind("HTTP/1.1 200", 0), 0u);
}

TEST_F(HttpApiTest, Issue22InvalidUtf8InAnUnparsableRequestIsAnsweredNotThrown) {
  // A Range header httplib cannot read is refused before routing, and the
  // error path quotes the request's path.
  std::string answer = get("/nope%ff", "Range: bytes=zz\r\n");
  EXPECT_EQ(answer.rfind("HTTP/1.1 400", 0), 0u) << answer;
}

TEST_F(HttpApiTest, Issue22AnExceptionInAHandlerBecomesOurOwn500) {
  store_->throw_on_get = true;
  std::string answer = get("/v1/jobs/" + kSomeId);
  EXPECT_EQ(answer.rfind("HTTP/1.1 500", 0), 0u) << answer;
  EXPECT_NE(answer.find("the server could not handle this request"), std::string::npos) << answer;
  EXPECT_EQ(answer.find("library failure"), std::string::npos) << "the library's text leaked: " << answer;
  EXPECT_EQ(answer.find("secret@example.com"), std::string::npos);
  store_->throw_on_get = false;
  EXPECT_EQ(get("/v1/jobs/" + kSomeId).rfind("HTTP/1.1 404", 0), 0u) << "the API goes on serving";
  EXPECT_NE(get("/metrics").find("crmerge_http_handler_exceptions_total 1"), std::string::npos);
}

TEST_F(HttpApiTest, Issue22InvalidUtf8InAMultipartFileNameAnswers400) {
  const std::string body =
      "--b\r\nContent-Disposition: form-data; name=\"crm\"; filename=\"c\xff.csv\"\r\n\r\nEmail\r\na@b.co\r\n"
      "--b\r\nContent-Disposition: form-data; name=\"enrich\"; filename=\"v.csv\"\r\n\r\nEmail\r\na@b.co\r\n--b--\r\n";
  std::string answer = api_->serve_bytes("POST /v1/jobs HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; "
                                         "boundary=b\r\nConnection: close\r\nContent-Length: " +
                                         std::to_string(body.size()) + "\r\n\r\n" + body);
  EXPECT_EQ(answer.rfind("HTTP/1.1 400", 0), 0u) << answer;
  EXPECT_NE(answer.find("not valid UTF-8"), std::string::npos) << answer;
}

TEST_F(HttpApiTest, KeepAliveRequestsAreServedInOrder) {
  std::string two = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  std::string answer = api_->serve_bytes(two);
  size_t first = answer.find("HTTP/1.1 200"), second = answer.find("HTTP/1.1 404");
  ASSERT_NE(first, std::string::npos) << answer;
  ASSERT_NE(second, std::string::npos) << answer;
  EXPECT_LT(first, second);
}

}  // namespace
}  // namespace crmerge::server
