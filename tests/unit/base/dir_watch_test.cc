#include "base/dir_watch.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "support/test_env.h"

namespace crmerge {
namespace {

using test::TempDir;

void write_bytes(const std::string& path, size_t n) {
  std::ofstream f(path, std::ios::binary);
  std::string block(n, 'x');
  f.write(block.data(), static_cast<std::streamsize>(block.size()));
}

TEST(DirWatch, CountsTheFilesOfATree) {
  TempDir dir;
  EXPECT_EQ(tree_bytes(dir.file("missing")), 0u);
  std::filesystem::create_directories(dir.file("a/b"));
  write_bytes(dir.file("a/one"), 100000);
  write_bytes(dir.file("a/b/two"), 200000);
  uint64_t n = tree_bytes(dir.file("a"));
  EXPECT_GE(n, 300000u);      // allocated blocks: at least the bytes written
  EXPECT_LT(n, 300000u + 64 * 1024);
  EXPECT_GE(tree_bytes(dir.file("a/b")), 200000u);
  EXPECT_LT(tree_bytes(dir.file("a/b")), n);
}

TEST(DirWatch, KeepsThePeakAfterFilesAreGone) {
  TempDir dir;
  std::filesystem::create_directories(dir.file("w/spill"));
  DirWatch watch({dir.file("w"), dir.file("w/spill")}, std::chrono::milliseconds(5));
  write_bytes(dir.file("w/spill/tmp"), 1 << 20);
  write_bytes(dir.file("w/db"), 1 << 19);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::filesystem::remove(dir.file("w/spill/tmp"));
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  watch.stop();
  watch.stop();  // idempotent
  EXPECT_GE(watch.peak(1), 1u << 20);
  EXPECT_GE(watch.peak(0), (1u << 20) + (1u << 19));
  EXPECT_EQ(tree_bytes(dir.file("w/spill")), 0u);
}

}  // namespace
}  // namespace crmerge
