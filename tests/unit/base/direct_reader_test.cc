#include "base/direct_reader.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "base/files.h"
#include "support/test_env.h"

namespace crmerge {
namespace {

using test::TempDir;

// Any byte range of a file comes back exactly, around the page cache or
// through it (CRMERGE_NO_DIRECT_IO): ranges that start and end off the blocks'
// boundaries, cross them, end at the end of the file, as long as the buffer.
TEST(DirectReader, ReadsAnyRangeExactly) {
  TempDir dir;
  const std::string path = dir.file("f.run");
  std::string bytes(3 * 4096 + 123, '\0');
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 7 % 251);
  test::write_file(path, bytes);
  const std::vector<std::pair<uint64_t, size_t>> ranges = {
      {0, 1}, {4095, 2}, {100, 2 * 4096}, {4096, 4096}, {bytes.size() - 10, 10}, {0, bytes.size()}, {5000, 0}};
  for (bool forbidden : {false, true}) {
    if (forbidden) setenv("CRMERGE_NO_DIRECT_IO", "1", 1);
    auto r = DirectReader::open(path, bytes.size());
    if (forbidden) unsetenv("CRMERGE_NO_DIRECT_IO");
    ASSERT_TRUE(r.is_ok()) << r.status().message();
    if (forbidden) {
      EXPECT_FALSE(r->direct());
    }
    for (const auto& [offset, size] : ranges) {
      auto got = r->read(offset, size);
      ASSERT_TRUE(got.is_ok()) << got.status().message();
      EXPECT_TRUE(*got == std::string_view(bytes).substr(offset, size))
          << offset << "+" << size << (r->direct() ? " direct" : " buffered");
    }
    DirectReader moved = std::move(r).value();  // a reader moves with its file and buffer
    auto again = moved.read(1, 4096);
    ASSERT_TRUE(again.is_ok());
    EXPECT_TRUE(*again == std::string_view(bytes).substr(1, 4096));

    auto beyond = moved.read(bytes.size() - 5, 10);
    ASSERT_FALSE(beyond.is_ok()) << "past the end of the file";
    EXPECT_NE(beyond.status().message().find("f.run"), std::string::npos) << beyond.status().message();
    auto longer = moved.read(0, bytes.size() + 1);
    ASSERT_FALSE(longer.is_ok()) << "longer than the buffer";
  }
  auto missing = DirectReader::open(dir.file("none.run"), 10);
  ASSERT_FALSE(missing.is_ok());
  EXPECT_NE(missing.status().message().find("none.run"), std::string::npos);
}

}  // namespace
}  // namespace crmerge
