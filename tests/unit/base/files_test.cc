#include "base/files.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <vector>

#include "base/hash.h"
#include "support/test_env.h"

namespace crmerge {
namespace {

using test::TempDir;

size_t files_in(const std::string& dir) {
  size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++n;
  return n;
}

TEST(AtomicOutputFile, AppearsOnlyWhenCommitted) {
  TempDir dir;
  std::string target = dir.file("out.csv");
  {
    auto out = AtomicOutputFile::create(target);
    ASSERT_TRUE(out.is_ok());
    ASSERT_TRUE(out->write("hello ").is_ok());
    ASSERT_TRUE(out->write(std::string(3 << 20, 'x')).is_ok());  // more than the buffer
    EXPECT_FALSE(path_exists(target));
    EXPECT_TRUE(path_exists(out->temp_path()));
    EXPECT_EQ(parent_dir(out->temp_path()), dir.path()) << "the temporary file sits beside the target";
    ASSERT_TRUE(out->commit().is_ok());
  }
  EXPECT_EQ(test::read_file(target), "hello " + std::string(3 << 20, 'x'));
  EXPECT_EQ(files_in(dir.path()), 1u);
}

TEST(AtomicOutputFile, AbandonedFilesLeaveNothing) {
  TempDir dir;
  test::write_file(dir.file("out.csv"), "old contents");
  {
    auto out = AtomicOutputFile::create(dir.file("out.csv"));
    ASSERT_TRUE(out.is_ok());
    ASSERT_TRUE(out->write("partial").is_ok());
  }  // destroyed without commit
  EXPECT_EQ(test::read_file(dir.file("out.csv")), "old contents");
  EXPECT_EQ(files_in(dir.path()), 1u);
}

// The export joins the ranges of its output this way: every byte of the part
// follows the output's, in order, over several copy chunks (64 MiB each), and
// the part's blocks are given back as they are copied (at 50M CRM rows the
// part is 10 GB: keeping it until the end needed the output's room twice).
// Small writes are buffered, large ones go straight to the file: the bytes
// come out in the order written either way; commit_unsynced() renames without
// syncing, and sync_files_in() syncs a folder's files (or names what it cannot).
TEST(AtomicOutputFile, LargeWritesKeepTheirOrderAndUnsyncedCommitsAppear) {
  TempDir dir;
  const std::string target = dir.file("runs/r.run");
  ASSERT_TRUE(make_directories(dir.file("runs")).is_ok());
  auto out = AtomicOutputFile::create(target);
  ASSERT_TRUE(out.is_ok());
  std::string want;
  for (size_t size : {size_t{10}, size_t{3} << 20, size_t{7}, (size_t{1} << 20) - 3, size_t{1} << 20, size_t{1}}) {
    const std::string part(size, static_cast<char>('a' + want.size() % 26));
    want += part;
    ASSERT_TRUE(out->write(part).is_ok());
  }
  EXPECT_EQ(out->bytes_written(), want.size());
  EXPECT_FALSE(path_exists(target));
  ASSERT_TRUE(out->commit_unsynced().is_ok());
  auto got = read_small_file(target);
  ASSERT_TRUE(got.is_ok());
  EXPECT_TRUE(*got == want);
  EXPECT_EQ(files_in(dir.file("runs")), 1u) << "no temporary file left";
  EXPECT_TRUE(sync_files_in(dir.file("runs")).is_ok());
  Status missing = sync_files_in(dir.file("nowhere"));
  EXPECT_FALSE(missing.is_ok());
  EXPECT_NE(missing.message().find("nowhere"), std::string::npos) << missing.message();
}

TEST(Files, SameFileSeesThroughPaths) {
  TempDir dir;
  test::write_file(dir.file("a.csv"), "x");
  EXPECT_TRUE(same_file(dir.file("a.csv"), dir.path() + "/./a.csv"));
  std::filesystem::create_symlink(dir.file("a.csv"), dir.file("link.csv"));
  EXPECT_TRUE(same_file(dir.file("a.csv"), dir.file("link.csv")));
  EXPECT_FALSE(same_file(dir.file("a.csv"), dir.file("missing.csv")));
}

TEST(Files, InputFileReadsAtOffsets) {
  TempDir dir;
  test::write_file(dir.file("f"), "0123456789");
  auto f = InputFile::open(dir.file("f"));
  ASSERT_TRUE(f.is_ok());
  char buf[4];
  ASSERT_TRUE(f->read_at(3, buf, 4).is_ok());
  EXPECT_EQ(std::string(buf, 4), "3456");
  EXPECT_FALSE(f->read_at(8, buf, 4).is_ok());
  EXPECT_FALSE(InputFile::open(dir.file("missing")).is_ok());
  EXPECT_FALSE(InputFile::open(dir.path()).is_ok());
}

TEST(Hash, FileAndStringAgree) {
  TempDir dir;
  std::string data(10 << 20, 'q');
  data[12345] = 'z';
  test::write_file(dir.file("f"), data);
  auto h = hash_file(dir.file("f"));
  ASSERT_TRUE(h.is_ok());
  EXPECT_EQ(*h, hash_string(data));
  EXPECT_EQ(h->size(), 32u);
  data[12345] = 'y';
  EXPECT_NE(*h, hash_string(data));
}

TEST(Status, CarriesCodeAndContext) {
  Status s = Status::invalid_input("bad line").with_context("crm.csv");
  EXPECT_EQ(s.message(), "crm.csv: bad line");
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_TRUE(Status::ok().with_context("x").is_ok());
  Result<int> r = Status::io_error("disk");
  EXPECT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), StatusCode::kIoError);
}

// Whether files in `dir` can be opened for direct I/O at all.
bool folder_allows_direct_io(const std::string& dir) {
  const std::string probe = dir + "/direct-probe";
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_DIRECT, 0644);
  if (fd >= 0) ::close(fd);
  ::unlink(probe.c_str());
  return fd >= 0;
}

// Sets CRMERGE_NO_DIRECT_IO for its lifetime when asked to.
class NoDirectIo {
 public:
  explicit NoDirectIo(bool set) : set_(set) {
    if (set_) setenv("CRMERGE_NO_DIRECT_IO", "1", 1);
  }
  ~NoDirectIo() {
    if (set_) unsetenv("CRMERGE_NO_DIRECT_IO");
  }

 private:
  bool set_;
};

// Written around the page cache (whole aligned blocks, the last one padded,
// then the file cut to its length) or through it, a file holds exactly the
// bytes written, in order: writes smaller and larger than a block and than the
// direct buffer (4 MiB), ending on a block boundary or not, none at all.
TEST(AtomicOutputFile, DirectWritesGiveExactlyTheBytesWritten) {
  const std::vector<std::vector<size_t>> writes = {
      {}, {1}, {4096}, {4095, 1, 4097}, {size_t{4} << 20}, {(size_t{4} << 20) - 1, 2, size_t{3} << 20, 10},
      {(size_t{9} << 20) + 5}};
  for (bool forbidden : {false, true}) {
    NoDirectIo env(forbidden);
    TempDir dir;
    const bool can = folder_allows_direct_io(dir.path());
    for (size_t k = 0; k < writes.size(); ++k) {
      const std::string target = dir.file("out-" + std::to_string(k) + ".csv");
      auto out = AtomicOutputFile::create(target, WriteMode::kDirect);
      ASSERT_TRUE(out.is_ok()) << out.status().message();
      EXPECT_EQ(out->direct(), can && !forbidden) << "where the folder allows it, unless the environment says no";
      std::string want;
      for (size_t size : writes[k]) {
        std::string part(size, '\0');
        for (size_t i = 0; i < size; ++i) part[i] = static_cast<char>('a' + (want.size() + i) % 23);
        want += part;
        ASSERT_TRUE(out->write(part).is_ok());
      }
      EXPECT_EQ(out->bytes_written(), want.size());
      ASSERT_TRUE((k % 2 ? out->commit() : out->commit_unsynced()).is_ok());
      auto got = read_small_file(target);
      ASSERT_TRUE(got.is_ok()) << got.status().message();
      EXPECT_EQ(got->size(), want.size()) << "writes " << k << (forbidden ? ", buffered" : "");
      EXPECT_TRUE(*got == want) << "writes " << k << (forbidden ? ", buffered" : "");
    }
    EXPECT_EQ(files_in(dir.path()), writes.size()) << "no temporary file left";
  }
}

// The names a killed process leaves are recognised, for the target they were for only.
TEST(AtomicOutputFile, KnowsItsTemporaryNames) {
  TempDir dir;
  auto f = AtomicOutputFile::create(dir.file("out.csv"));
  ASSERT_TRUE(f.is_ok()) << f.status().message();
  EXPECT_TRUE(AtomicOutputFile::is_temporary_name(base_name(f->temp_path()), "out.csv")) << f->temp_path();
  EXPECT_FALSE(AtomicOutputFile::is_temporary_name(base_name(f->temp_path()), "out.cs"));
  EXPECT_FALSE(AtomicOutputFile::is_temporary_name("out.csv", "out.csv"));
  EXPECT_FALSE(AtomicOutputFile::is_temporary_name(".out.csv.crmerge-tmp", "out.csv"));  // no suffix of its own
  EXPECT_FALSE(AtomicOutputFile::is_temporary_name(".out.csv.12.crmerge-tm", "out.csv"));
}

}  // namespace
}  // namespace crmerge
