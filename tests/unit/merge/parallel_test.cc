#include "merge/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace crmerge::merge {
namespace {

TEST(RunParallel, RunsEveryInputOnce) {
  std::vector<std::atomic<int>> runs(7);
  std::vector<size_t> order = {6, 2, 0, 5, 1, 4, 3};
  ASSERT_TRUE(run_parallel(order, 3, [&](size_t i) {
                runs[i]++;
                return Status::ok();
              }).is_ok());
  for (auto& r : runs) EXPECT_EQ(r.load(), 1);
}

TEST(RunParallel, ReportsTheFirstFailureInInputOrder) {
  std::vector<size_t> order = {3, 2, 1, 0};  // 3 fails first in time, 1 is first in input order
  Status s = run_parallel(order, 2, [&](size_t i) {
    if (i == 1) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (i == 1 || i == 3) return Status::invalid_input("input " + std::to_string(i));
    return Status::ok();
  });
  ASSERT_FALSE(s.is_ok());
  EXPECT_EQ(s.message(), "input 1");
}

TEST(RunParallel, UsesSeveralThreads) {
  std::atomic<int> running{0}, most{0};
  std::vector<size_t> order = {0, 1, 2, 3};
  ASSERT_TRUE(run_parallel(order, 2, [&](size_t) {
                int now = ++running;
                most = std::max(most.load(), now);
                std::this_thread::sleep_for(std::chrono::milliseconds(30));
                --running;
                return Status::ok();
              }).is_ok());
  EXPECT_EQ(most.load(), 2);
}

}  // namespace
}  // namespace crmerge::merge
