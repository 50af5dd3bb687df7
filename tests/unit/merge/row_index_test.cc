// The row index (merge/row_index.h), the batched reads behind it
// (base/batch_reader.h) and the fetcher that reads rows back through both
// (merge/row_fetcher.h).
#include "merge/row_index.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "base/batch_reader.h"
#include "base/files.h"
#include "merge/row_fetcher.h"
#include "support/test_env.h"

namespace crmerge::merge {
namespace {

using test::TempDir;

TEST(RowIndex, PlacesRoundTripUpToTheirLimits) {
  const RowPlace places[] = {{0, 0, 1},
                             {319, 266, 2},
                             {(uint64_t{1} << 48) - 1, UINT32_MAX, (uint64_t{1} << 48) - 1},
                             {uint64_t{1} << 40, 70000, 123456789}};
  for (const RowPlace& p : places) {
    char buf[kRowPlaceBytes];
    encode_place(p, buf);
    EXPECT_EQ(decode_place(buf), p) << p.offset << " " << p.length << " " << p.line;
  }
}

TEST(RowIndex, WritersOfRunsOfRowsFillOneIndexReadBackByRow) {
  TempDir dir;
  const std::string path = dir.file("0.idx");
  const uint64_t rows = 10000;
  ASSERT_TRUE(create_row_index(path, rows).is_ok());
  auto place_of = [](uint64_t r) { return RowPlace{r * 1000 + 7, static_cast<uint32_t>(r % 997 + 1), r * 2 + 2}; };
  // Three pieces written out of order, one of them longer than a write.
  for (auto [first, end] : {std::pair<uint64_t, uint64_t>{5000, 10000}, {0, 17}, {17, 5000}}) {
    auto w = RowIndexWriter::open(path, first);
    ASSERT_TRUE(w.is_ok()) << w.status().message();
    for (uint64_t r = first; r < end; ++r) {
      const RowPlace p = place_of(r);
      ASSERT_TRUE(w->add(p.offset, p.length, p.line).is_ok());
    }
    ASSERT_TRUE(w->close().is_ok());
  }
  {  // what the 16 bytes cannot hold is refused, not cut short
    auto w = RowIndexWriter::open(path, 0);
    ASSERT_TRUE(w.is_ok());
    EXPECT_FALSE(w->add(uint64_t{1} << 48, 10, 2).is_ok());
    EXPECT_FALSE(w->add(0, 10, uint64_t{1} << 48).is_ok());
    EXPECT_FALSE(w->add(0, size_t{1} << 32, 2).is_ok());
  }
  ASSERT_TRUE(sync_files_in(dir.path()).is_ok());
  auto index = RowIndex::open(path, rows, "crm.csv");
  ASSERT_TRUE(index.is_ok()) << index.status().message();
  for (uint64_t r : {uint64_t{0}, uint64_t{16}, uint64_t{17}, uint64_t{4096}, uint64_t{5000}, rows - 1}) {
    auto p = index->at(r);
    ASSERT_TRUE(p.is_ok());
    EXPECT_EQ(*p, place_of(r)) << r;
  }
  auto beyond = index->at(rows);
  ASSERT_FALSE(beyond.is_ok());
  EXPECT_NE(beyond.status().message().find("crm.csv"), std::string::npos) << beyond.status().message();
  // An index of another size than the input's rows is refused, not read.
  EXPECT_FALSE(RowIndex::open(path, rows + 1, "crm.csv").is_ok());
}

// Many reads in one batch, in both ways (io_uring and one pread each), give the
// bytes asked for; a read past the end of a file fails naming it.
TEST(BatchReader, ReadsEveryQueuedPlaceTheSameWithAndWithoutIoUring) {
  TempDir dir;
  std::string bytes(1 << 20, '\0');
  std::mt19937_64 rng(7);
  for (char& c : bytes) c = static_cast<char>('a' + rng() % 26);
  test::write_file(dir.file("a"), bytes);
  auto file = InputFile::open(dir.file("a"));
  ASSERT_TRUE(file.is_ok());
  for (bool ring : {true, false}) {
    if (!ring) setenv("CRMERGE_NO_IO_URING", "1", 1);
    BatchReader reader;
    if (!ring) unsetenv("CRMERGE_NO_IO_URING");
    EXPECT_FALSE(!ring && reader.batched());
    std::vector<std::pair<uint64_t, uint32_t>> asked;
    for (int i = 0; i < 1000; ++i) asked.push_back({rng() % (bytes.size() - 600), static_cast<uint32_t>(rng() % 600)});
    std::string out(600 * asked.size(), '\0');
    for (size_t i = 0; i < asked.size(); ++i) reader.add(*file, asked[i].first, asked[i].second, out.data() + i * 600);
    EXPECT_EQ(reader.queued(), asked.size());
    ASSERT_TRUE(reader.run().is_ok());
    EXPECT_EQ(reader.queued(), 0u);
    for (size_t i = 0; i < asked.size(); ++i)
      ASSERT_EQ(out.substr(i * 600, asked[i].second), bytes.substr(asked[i].first, asked[i].second)) << i << " ring " << ring;
    char tail[10];
    reader.add(*file, bytes.size() - 5, 10, tail);
    Status s = reader.run();
    ASSERT_FALSE(s.is_ok());
    EXPECT_NE(s.message().find(dir.file("a")), std::string::npos) << s.message();
  }
}

// The fetcher gives each queued row its place and text, rows of several
// inputs mixed, in batches larger than the reader's ring.
TEST(RowFetcher, GivesEachQueuedRowItsPlaceAndText) {
  TempDir dir;
  JobFolder folder;
  folder.dir = dir.path();
  ASSERT_TRUE(make_directories(folder.rows_dir()).is_ok());
  std::vector<InputMeta> metas(3);
  std::vector<std::vector<std::string>> texts(3);
  for (int src = 0; src < 3; ++src) {
    InputMeta& m = metas[static_cast<size_t>(src)];
    m.src = src;
    m.rows = 700 + static_cast<uint64_t>(src) * 100;
    m.scan_path = dir.file("in" + std::to_string(src) + ".csv");
    std::string file = "header\n";
    const std::string path = row_index_path(folder, src);
    ASSERT_TRUE(create_row_index(path, m.rows).is_ok());
    auto w = RowIndexWriter::open(path, 0);
    ASSERT_TRUE(w.is_ok());
    for (uint64_t r = 0; r < m.rows; ++r) {
      std::string t = "input " + std::to_string(src) + " row " + std::to_string(r) + std::string(r % 50, 'x');
      ASSERT_TRUE(w->add(file.size(), t.size(), r + 2).is_ok());
      file += t + "\n";
      texts[static_cast<size_t>(src)].push_back(t);
    }
    ASSERT_TRUE(w->close().is_ok());
    test::write_file(m.scan_path, file);
  }
  auto fetcher = RowFetcher::open(folder, metas, true);
  ASSERT_TRUE(fetcher.is_ok()) << fetcher.status().message();
  std::mt19937_64 rng(3);
  for (int round = 0; round < 3; ++round) {
    fetcher->clear();
    std::vector<std::pair<size_t, uint64_t>> asked;
    for (int i = 0; i < 600; ++i) {
      const size_t src = rng() % 3;
      asked.push_back({src, rng() % metas[src].rows});
      ASSERT_TRUE(fetcher->add(asked.back().first, asked.back().second).is_ok());
    }
    ASSERT_TRUE(fetcher->fetch(true).is_ok());
    for (size_t i = 0; i < asked.size(); ++i) {
      EXPECT_EQ(fetcher->text(i), texts[asked[i].first][asked[i].second]) << i;
      EXPECT_EQ(fetcher->place(i).line, asked[i].second + 2) << i;
    }
  }
}

}  // namespace
}  // namespace crmerge::merge
