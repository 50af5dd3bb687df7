// fuzz_http: the input is what one client connection sends (any number of
// requests, keep-alive), served by the real handlers of `crmerge serve`
// through HttpApi::serve_bytes, without a socket.
//
// One HttpApi is built at start over a SQLite job store and a data folder in a
// scratch folder, with two tenants' API keys, an allowed root per tenant
// holding tiny CSV files and a webhook policy whose resolver answers without
// DNS. The job runner is made but never started: a submit that succeeds
// leaves its job queued, and no merge runs inside the fuzzer.
//
// The scratch folder's name is random, so inputs write it as
// /tmp/crmerge-fuzz-http-XXXXXX (the same length): every occurrence is
// replaced by the real name before the bytes are served, and a JSON submit
// can name /tmp/crmerge-fuzz-http-XXXXXX/acme/crm.csv. A crashed run's folder
// is removed by the next run.
//
// The jobs an input can name are the seeded ones below (a submitted job's id
// is random, so no input can know it), all in a final state: an event stream
// ends at once for a final job, and would wait for ever on a queued one. After
// every input that changed the store (a submit, a delete), the store and the
// seeded files are put back, so that each input runs against the same server.
//
// Fails on: a crash or an exception leaving the server (serve_bytes), an
// exception answered by the server's last-resort handler (a library's
// exception left a handler: DESIGN.md, Security), and an answer that is not
// valid UTF-8 unless compressed (the server never echoes invalid bytes).
// FUZZ_HTTP_SHOW=1 in the environment prints every answer.
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "base/files.h"
#include "base/utf8.h"
#include "fuzz_check.h"
#include "jobs/data_dir.h"
#include "jobs/job_spec.h"
#include "jobs/runner.h"
#include "jobs/sqlite_store.h"
#include "server/address_policy.h"
#include "server/api_keys.h"
#include "server/http_api.h"
#include "server/metrics.h"

namespace crmerge::fuzz {
namespace {

using jobs::JobState;

// The keys of tenants acme and globex (the seed corpus and the dictionary use them).
constexpr char kKeysFile[] =
    "acme acme-key-0123456789abcdef\n"
    "globex globex-key-0123456789abcdef\n";

// How inputs write the scratch folder (see above).
constexpr std::string_view kRootPlaceholder = "/tmp/crmerge-fuzz-http-XXXXXX";

enum class Stored { kNothing, kFiles, kGone, kEmpty };
struct SeedJob {
  const char* id;
  const char* tenant;
  JobState state;
  Stored stored;
};
// a...1: a result and a report (Range requests); a...4: deleted by retention
// (410); a...5: an empty result; b...1: another tenant's (404 for acme).
constexpr SeedJob kSeedJobs[] = {
    {"a0000000000000000000000000000001", "acme", JobState::kSucceeded, Stored::kFiles},
    {"a0000000000000000000000000000002", "acme", JobState::kFailed, Stored::kNothing},
    {"a0000000000000000000000000000003", "acme", JobState::kCancelled, Stored::kNothing},
    {"a0000000000000000000000000000004", "acme", JobState::kSucceeded, Stored::kGone},
    {"a0000000000000000000000000000005", "acme", JobState::kSucceeded, Stored::kEmpty},
    {"b0000000000000000000000000000001", "globex", JobState::kSucceeded, Stored::kFiles},
};

constexpr char kResultCsv[] =
    "email,phone,apollo_title\r\njane@acme.com,+14155550134,CTO\r\n\"doe, john\",,\"Head of \"\"Sales\"\"\"\r\n";
constexpr char kReportJson[] = R"({"rows":2,"matched":{"apollo":1}})";

class Server {
 public:
  Server()
      : root_(scratch_folder("fuzz-http", true)),
        dir_(root_ + "/data"),
        allowed_(root_ + "/acme"),
        globex_allowed_(root_ + "/globex") {
    FUZZ_CHECK(root_.size() == kRootPlaceholder.size(),
               "the scratch folder's name is not as long as " + std::string(kRootPlaceholder));
    write(root_ + "/pid", std::to_string(::getpid()));
    FUZZ_CHECK(dir_.create().is_ok(), "cannot make the data folder");
    for (const std::string& d : {allowed_, globex_allowed_, allowed_ + "/sub"})
      FUZZ_CHECK(make_directories(d).is_ok(), "cannot make " + d);
    write(allowed_ + "/crm.csv", "Email,First Name\njane@acme.com,Jane\n");
    write(allowed_ + "/apollo.csv", "email,title\njane@acme.com,CTO\n");
    write(globex_allowed_ + "/crm.csv", "Email\nbob@globex.com\n");

    auto store = jobs::open_sqlite_store(dir_.store_path());
    FUZZ_CHECK(store.is_ok(), store.status().message());
    store_ = std::move(*store);
    auto keys = server::ApiKeys::parse(kKeysFile, "fuzz keys");
    FUZZ_CHECK(keys.is_ok(), keys.status().message());
    keys_ = std::move(*keys);
    runner_ = std::make_unique<jobs::Runner>(*store_, dir_, jobs::RunnerConfig{1, 256 << 20, 1},
                                             [](const jobs::JobRecord&) {});

    server::HttpConfig config;
    config.port = 0;
    config.max_upload_bytes = 1 << 20;
    config.allowed_root = allowed_;
    config.tenant_roots["globex"] = globex_allowed_;
    // Names under example.com resolve to a public address, localhost.example to
    // a loopback one; any other name does not resolve. No DNS query is sent.
    auto policy = server::WebhookPolicy::create(
        {"hooks.internal:8443"}, [](const std::string& host) -> Result<std::vector<std::string>> {
          if (host == "localhost.example") return std::vector<std::string>{"127.0.0.1"};
          if (host.size() > 12 && host.compare(host.size() - 12, 12, ".example.com") == 0)
            return std::vector<std::string>{"93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"};
          return Status::io_error("cannot resolve " + host);
        });
    FUZZ_CHECK(policy.is_ok(), policy.status().message());
    config.webhook_policy = *policy;
    api_ = std::make_unique<server::HttpApi>(config, *store_, *runner_, metrics_, keys_, dir_);

    for (const SeedJob& s : kSeedJobs) seed(s);
    auto counts = store_->count_by_state();
    FUZZ_CHECK(counts.is_ok(), counts.status().message());
    seeded_counts_ = *counts;
  }

  void serve(std::string_view input) {
    std::string request(input);
    for (size_t at = request.find(kRootPlaceholder); at != std::string::npos;
         at = request.find(kRootPlaceholder, at + root_.size()))
      request.replace(at, root_.size(), root_);
    const std::string answer = api_->serve_bytes(request);
    if (show_answers_) std::fprintf(stderr, "%s\n----\n", answer.c_str());
    // Counted, not read from the answer: a request may make the server quote
    // its own words back (a header's name in a 400), the sentinel included.
    FUZZ_CHECK(metrics_.render({}).find("\ncrmerge_http_handler_exceptions_total 0\n") != std::string::npos,
               "an exception left a handler (answered by the last-resort handler)");
    // (A body compressed for Accept-Encoding is bytes, not text.)
    FUZZ_CHECK(answer.find("\r\nContent-Encoding: ") != std::string::npos || is_valid_utf8(answer),
               "the answer is not valid UTF-8");
    auto counts = store_->count_by_state();
    FUZZ_CHECK(counts.is_ok(), counts.status().message());
    if (*counts != seeded_counts_) restore();
  }

 private:
  static void write(const std::string& path, std::string_view text) {
    FUZZ_CHECK(write_file_atomically(path, text).is_ok(), "cannot write " + path);
  }

  void seed(const SeedJob& s) {
    jobs::JobRecord job;
    job.id = s.id;
    job.tenant = s.tenant;
    job.state = s.state;
    job.phase = s.state == JobState::kFailed ? "match" : "export";
    job.percent = s.state == JobState::kSucceeded ? 100 : 40;
    job.created_ms = 1700000000000;
    job.started_ms = 1700000001000;
    job.finished_ms = 1700000009000;
    jobs::JobSpec spec;
    spec.crm.name = "crm.csv";
    spec.crm.path = dir_.uploads(job.id) + "/crm.csv";
    spec.crm.bytes = 36;
    jobs::JobInput vendor;
    vendor.label = "apollo";
    vendor.name = "apollo.csv";
    vendor.path = dir_.uploads(job.id) + "/enrich-1.csv";
    vendor.bytes = 31;
    spec.enrich.push_back(vendor);
    job.spec_json = jobs::job_spec_json(spec);
    job.timings_json = R"({"import":0.1,"match":0.2})";
    job.runs = 1;
    if (s.state == JobState::kFailed) {
      job.error = "crm.csv line 3: a quoted field is never closed";
      job.error_reason = "invalid_input";
    }
    if (s.stored != Stored::kNothing) {
      job.result_path = dir_.result_file(job.id);
      job.report_path = dir_.report_file(job.id);
      job.rows_in = 2;
    }
    if (s.stored == Stored::kFiles || s.stored == Stored::kEmpty) {
      FUZZ_CHECK(make_directories(dir_.results(job.id)).is_ok(), "cannot make " + dir_.results(job.id));
      const std::string_view result = s.stored == Stored::kFiles ? kResultCsv : "";
      write(job.result_path, result);
      write(job.report_path, kReportJson);
      job.bytes_out = result.size();
    }
    auto created = store_->create(job);
    FUZZ_CHECK(created.is_ok() && created->created, "cannot seed job " + job.id);
    FUZZ_CHECK(store_->set_phase_attempts(job.id, {{"import", 1}, {"match", 2}}).is_ok(), "cannot seed attempts");
  }

  // Removes every job that is not a seed and puts back the seeds an input deleted.
  void restore() {
    std::map<std::string, const SeedJob*> seeds;
    for (const SeedJob& s : kSeedJobs) seeds[s.id] = &s;
    for (JobState state : jobs::kAllJobStates) {
      auto found = store_->in_state(state);
      FUZZ_CHECK(found.is_ok(), found.status().message());
      for (const jobs::JobRecord& job : *found) {
        if (seeds.erase(job.id)) continue;
        FUZZ_CHECK(store_->remove(job.id).is_ok(), "cannot remove job " + job.id);
        for (const std::string& d : {dir_.uploads(job.id), dir_.work(job.id), dir_.results(job.id)})
          (void)remove_all(d);
      }
    }
    for (const auto& [id, s] : seeds) {
      (void)remove_all(dir_.results(id));
      seed(*s);
    }
    auto counts = store_->count_by_state();
    FUZZ_CHECK(counts.is_ok() && *counts == seeded_counts_, "the store could not be put back");
  }

  // FUZZ_HTTP_SHOW=1: every answer goes to stderr (to check what a seed reaches).
  const bool show_answers_ = std::getenv("FUZZ_HTTP_SHOW") != nullptr;
  std::string root_;
  jobs::DataDir dir_;
  std::string allowed_, globex_allowed_;
  std::unique_ptr<jobs::JobStore> store_;
  server::ApiKeys keys_;
  server::Metrics metrics_;
  std::unique_ptr<jobs::Runner> runner_;
  std::unique_ptr<server::HttpApi> api_;
  std::map<JobState, uint64_t> seeded_counts_;
};

// The scratch folders of runs that crashed (libFuzzer then exits without
// removing anything): each names its process in "pid", and those of
// processes that are gone are removed.
void remove_stale_folders() {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/tmp", ec)) {
    const std::string path = entry.path().string();
    if (path.size() != kRootPlaceholder.size() || path.rfind("/tmp/crmerge-fuzz-http-", 0) != 0) continue;
    auto pid = read_small_file(path + "/pid", 32);
    if (!pid.is_ok()) continue;  // being made right now, or not ours
    if (::kill(static_cast<pid_t>(std::atol(pid->c_str())), 0) != 0 && errno == ESRCH) (void)remove_all(path);
  }
}

// Built once, and never destroyed: libFuzzer may exit from any thread.
Server& server() {
  static Server* s = [] {
    remove_stale_folders();
    return new Server;
  }();
  return *s;
}

}  // namespace
}  // namespace crmerge::fuzz

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  crmerge::fuzz::server();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  crmerge::fuzz::server().serve(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
