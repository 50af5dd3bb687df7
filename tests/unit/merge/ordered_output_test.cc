// The export's output written by several threads, a piece each, in piece order
// (merge/ordered_output.h).
#include "merge/ordered_output.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "base/files.h"
#include "support/test_env.h"

namespace crmerge::merge {
namespace {

using test::TempDir;

std::string text_of_piece(size_t k) { return "piece " + std::to_string(k) + std::string(k % 7 * 3, '.') + "\n"; }

// Three threads take 200 pieces in order, each written in two writes; whatever
// the cap (none held; a few bytes: pieces wait while they write; about a
// piece: pieces wait when they end, the ended ones holding twice the cap; all
// held), the file holds them in order.
TEST(OrderedOutput, PiecesFromSeveralThreadsLandInOrder) {
  for (size_t cap : {size_t{0}, size_t{10}, size_t{40}, size_t{1} << 20}) {
    TempDir dir;
    auto out = AtomicOutputFile::create(dir.file("out.txt"));
    ASSERT_TRUE(out.is_ok());
    std::string want;
    for (size_t k = 0; k < 200; ++k) want += text_of_piece(k) + text_of_piece(k);
    {
      OrderedOutput ordered(*out, cap);
      std::atomic<size_t> next{0};
      std::atomic<int> errors{0};
      auto work = [&] {
        for (size_t k = next++; k < 200; k = next++) {
          OrderedOutput::Piece p = ordered.piece(k);
          if (k % 5 == 0) std::this_thread::yield();
          for (int twice = 0; twice < 2; ++twice)
            if (!p.write(text_of_piece(k)).is_ok()) ++errors;
          if (!p.finish().is_ok()) ++errors;
        }
      };
      std::vector<std::thread> threads;
      for (int t = 0; t < 3; ++t) threads.emplace_back(work);
      for (auto& t : threads) t.join();
      EXPECT_EQ(errors.load(), 0);
    }
    ASSERT_TRUE(out->commit().is_ok());
    auto got = read_small_file(dir.file("out.txt"));
    ASSERT_TRUE(got.is_ok());
    EXPECT_TRUE(*got == want) << "cap " << cap;
  }
}

// A piece waiting for its turn when another fails stops with an error instead
// of waiting for ever; so does one that asks for its turn afterwards.
TEST(OrderedOutput, AbandonedPiecesStopWaiting) {
  TempDir dir;
  auto out = AtomicOutputFile::create(dir.file("out.txt"));
  ASSERT_TRUE(out.is_ok());
  OrderedOutput ordered(*out, 0);
  Status waited = Status::ok();
  std::thread second([&] {
    OrderedOutput::Piece p = ordered.piece(1);
    waited = p.write("more than the cap");  // waits for piece 0, which never finishes
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ordered.abandon();
  second.join();
  EXPECT_FALSE(waited.is_ok());
  OrderedOutput::Piece late = ordered.piece(3);
  EXPECT_FALSE(late.write("more than the cap").is_ok());
}

}  // namespace
}  // namespace crmerge::merge
