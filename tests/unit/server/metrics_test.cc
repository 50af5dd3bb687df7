// GCC 12's libstdc++ <regex> trips a false -Wmaybe-uninitialized in
// std::function at -O1 with sanitizers; it is reported at header lines, so
// the pragma has to come before any include.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include "server/metrics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <latch>
#include <regex>
#include <sstream>
#include <thread>
#include <vector>

namespace crmerge::server {
namespace {

using jobs::JobState;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool has_line(const std::string& text, const std::string& line) {
  for (const std::string& l : lines_of(text))
    if (l == line) return true;
  return false;
}

// Fails the test with the whole text, so a wrong line is easy to see.
void expect_line(const std::string& text, const std::string& line) {
  EXPECT_TRUE(has_line(text, line)) << "missing line: " << line << "\nin:\n" << text;
}

TEST(Metrics, EveryFamilyHasHelpAndType) {
  Metrics m;
  std::string text = m.render({});
  const std::pair<const char*, const char*> families[] = {
      {"crmerge_jobs", "gauge"},
      {"crmerge_job_duration_seconds", "histogram"},
      {"crmerge_jobs_finished_total", "counter"},
      {"crmerge_job_failures_total", "counter"},
      {"crmerge_rows_processed_total", "counter"},
      {"crmerge_bytes_in_total", "counter"},
      {"crmerge_bytes_out_total", "counter"},
      {"crmerge_uploads_bytes_total", "counter"},
      {"crmerge_http_requests_total", "counter"},
  };
  for (const auto& [name, type] : families) {
    expect_line(text, std::string("# TYPE ") + name + " " + type);
    EXPECT_NE(text.find(std::string("# HELP ") + name + " "), std::string::npos) << name;
  }
}

TEST(Metrics, EveryJobStateIsWrittenWithItsCount) {
  Metrics m;
  std::string text = m.render({{JobState::kQueued, 3}, {JobState::kFailed, 7}, {JobState::kRunning, 1}});
  expect_line(text, "crmerge_jobs{state=\"queued\"} 3");
  expect_line(text, "crmerge_jobs{state=\"running\"} 1");
  expect_line(text, "crmerge_jobs{state=\"succeeded\"} 0");
  expect_line(text, "crmerge_jobs{state=\"failed\"} 7");
  expect_line(text, "crmerge_jobs{state=\"cancelled\"} 0");
}

TEST(Metrics, HistogramBucketsAreCumulative) {
  Metrics m;
  for (double s : {0.5, 3.0, 3.0, 100.0, 9000.0}) m.job_finished(JobState::kSucceeded, s, "");
  std::string text = m.render({});
  const std::pair<const char*, int> expected[] = {{"1", 1},    {"5", 3},    {"15", 3},   {"30", 3},
                                                  {"60", 3},   {"120", 4},  {"300", 4},  {"600", 4},
                                                  {"1800", 4}, {"3600", 4}, {"7200", 4}, {"+Inf", 5}};
  for (const auto& [le, n] : expected)
    expect_line(text, std::string("crmerge_job_duration_seconds_bucket{le=\"") + le + "\"} " + std::to_string(n));
  expect_line(text, "crmerge_job_duration_seconds_count 5");
  expect_line(text, "crmerge_job_duration_seconds_sum 9106.5");
  expect_line(text, "crmerge_jobs_finished_total{state=\"succeeded\"} 5");
}

TEST(Metrics, BucketBoundsAreInclusive) {
  Metrics m;
  m.job_finished(JobState::kSucceeded, 5, "");
  std::string text = m.render({});
  expect_line(text, "crmerge_job_duration_seconds_bucket{le=\"1\"} 0");
  expect_line(text, "crmerge_job_duration_seconds_bucket{le=\"5\"} 1");
}

TEST(Metrics, FailuresAreCountedByReason) {
  Metrics m;
  m.job_finished(JobState::kFailed, 1, "invalid_input");
  m.job_finished(JobState::kFailed, 2, "invalid_input");
  m.job_finished(JobState::kFailed, 2, "io_error");
  m.job_finished(JobState::kFailed, 2, "");
  m.job_finished(JobState::kCancelled, 2, "ignored_when_not_failed");
  std::string text = m.render({});
  expect_line(text, "crmerge_job_failures_total{reason=\"invalid_input\"} 2");
  expect_line(text, "crmerge_job_failures_total{reason=\"io_error\"} 1");
  expect_line(text, "crmerge_job_failures_total{reason=\"unknown\"} 1");
  EXPECT_EQ(text.find("ignored_when_not_failed"), std::string::npos) << text;
  expect_line(text, "crmerge_jobs_finished_total{state=\"failed\"} 4");
  expect_line(text, "crmerge_jobs_finished_total{state=\"cancelled\"} 1");
  expect_line(text, "crmerge_jobs_finished_total{state=\"succeeded\"} 0");
}

TEST(Metrics, LabelValuesAreEscaped) {
  Metrics m;
  m.job_finished(JobState::kFailed, 1, "a\\b\"c\nd");
  expect_line(m.render({}), "crmerge_job_failures_total{reason=\"a\\\\b\\\"c\\nd\"} 1");
}

TEST(Metrics, HttpResponsesAndByteCounters) {
  Metrics m;
  m.http_response(200);
  m.http_response(200);
  m.http_response(404);
  m.http_response(503);
  m.add_rows(1000);
  m.add_rows(234);
  m.add_bytes_in(5);
  m.add_bytes_out(6);
  m.add_upload_bytes(uint64_t{1} << 40);
  std::string text = m.render({});
  expect_line(text, "crmerge_http_requests_total{code=\"200\"} 2");
  expect_line(text, "crmerge_http_requests_total{code=\"404\"} 1");
  expect_line(text, "crmerge_http_requests_total{code=\"503\"} 1");
  expect_line(text, "crmerge_rows_processed_total 1234");
  expect_line(text, "crmerge_bytes_in_total 5");
  expect_line(text, "crmerge_bytes_out_total 6");
  expect_line(text, "crmerge_uploads_bytes_total 1099511627776");
}

TEST(Metrics, ConcurrentUpdatesAreAllCounted) {
  Metrics m;
  constexpr int kThreads = 4, kEach = 10000;
  std::latch start(kThreads);  // all threads begin together, so their updates overlap
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&m, &start] {
      start.arrive_and_wait();
      // Tight loops of one call each, so that an unguarded counter loses updates.
      for (int i = 0; i < kEach; ++i) m.add_rows(1);
      for (int i = 0; i < kEach; ++i) m.add_upload_bytes(2);
      for (int i = 0; i < kEach; ++i) m.http_response(200);
      for (int i = 0; i < kEach; ++i) {
        m.job_finished(JobState::kSucceeded, 2, "");
        if (i % 1000 == 0) (void)m.render({});  // readers race with writers too
      }
    });
  }
  for (std::thread& t : threads) t.join();
  std::string text = m.render({});
  const std::string total = std::to_string(kThreads * kEach);
  expect_line(text, "crmerge_http_requests_total{code=\"200\"} " + total);
  expect_line(text, "crmerge_rows_processed_total " + total);
  expect_line(text, "crmerge_uploads_bytes_total " + std::to_string(2 * kThreads * kEach));
  expect_line(text, "crmerge_job_duration_seconds_count " + total);
  expect_line(text, "crmerge_job_duration_seconds_bucket{le=\"5\"} " + total);
  expect_line(text, "crmerge_job_duration_seconds_sum " + std::to_string(2 * kThreads * kEach));
}

TEST(Metrics, NegativeOrNanDurationsDoNotPoisonTheSum) {
  Metrics m;
  m.job_finished(JobState::kSucceeded, -3, "");
  m.job_finished(JobState::kSucceeded, std::nan(""), "");
  m.job_finished(JobState::kSucceeded, 2.25, "");
  std::string text = m.render({});
  expect_line(text, "crmerge_job_duration_seconds_sum 2.25");
  expect_line(text, "crmerge_job_duration_seconds_bucket{le=\"1\"} 2");
}

TEST(Metrics, EveryLineIsWellFormed) {
  Metrics m;
  m.job_finished(JobState::kFailed, 0.1, "odd \"reason\"\nwith newline");
  m.job_finished(JobState::kSucceeded, 1e7, "");
  m.http_response(500);
  m.add_bytes_in(uint64_t{1} << 63);
  std::string text = m.render({{JobState::kRunning, 2}});
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.back(), '\n') << "the exposition ends with a newline";

  // A name, optional labels whose values are quoted with escapes, a number.
  const std::string label = R"re([a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\[\\"n])*")re";
  const std::regex sample_line(R"(^[a-zA-Z_:][a-zA-Z0-9_:]*(\{)" + label + "(," + label + R"()*\})? [0-9eE+.\-]+$)");
  const std::regex comment_line(R"(^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+$)");
  const std::regex type_line(R"(^# TYPE \S+ (counter|gauge|histogram|summary|untyped)$)");
  int samples = 0;
  for (const std::string& line : lines_of(text)) {
    if (line.rfind("#", 0) == 0) {
      EXPECT_TRUE(std::regex_match(line, comment_line)) << line;
      if (line.rfind("# TYPE", 0) == 0) {
        EXPECT_TRUE(std::regex_match(line, type_line)) << line;
      }
    } else {
      EXPECT_TRUE(std::regex_match(line, sample_line)) << line;
      ++samples;
    }
  }
  EXPECT_GT(samples, 20);
}

}  // namespace
}  // namespace crmerge::server
