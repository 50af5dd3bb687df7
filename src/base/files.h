// Files: stat, folders, a read-only input file, and output files that appear
// whole or not at all (DESIGN.md invariant 8).
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

namespace crmerge {

struct FileInfo {
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  uint64_t device = 0;
  uint64_t inode = 0;
  bool is_regular = false;
  bool is_directory = false;
};

// "<what> <path>: <the system's message for err>", an I/O error.
Status errno_status(const std::string& what, const std::string& path, int err);
// A write of `what` (a file as a message names it: "the output /x/merged.csv")
// that failed with `err`, an I/O error in plain words: "the disk is full while
// writing <what>" (ENOSPC), "the disk quota is used up ..." (EDQUOT), "the
// disk failed (an I/O error) ..." (EIO), else "cannot write <what>: <the
// system's message>".
Status write_error(const std::string& what, int err);

Result<FileInfo> stat_path(const std::string& path);
bool path_exists(const std::string& path);
// True when both paths name the same existing file (same device and inode).
bool same_file(const std::string& a, const std::string& b);
Status make_directories(const std::string& path);
// Removes a file or a whole folder; a missing path is not an error.
Status remove_all(const std::string& path);
// The folder part of `path` ("." when it has none) and its last component.
std::string parent_dir(const std::string& path);
std::string base_name(const std::string& path);
// The path a file is known by across processes: a descriptor's
// /proc/self/fd/N link (an input opened beneath an allowed root) read back to
// the file's path; any other path as it is.
std::string stable_path(const std::string& path);
std::string absolute_path(const std::string& path);
Result<std::string> read_small_file(const std::string& path, size_t max_bytes = 64 << 20);
// Writes `contents` to `path` through a temporary file and a rename.
Status write_file_atomically(const std::string& path, std::string_view contents);

// A file opened for reading. Movable, not copyable; closes on destruction.
class InputFile {
 public:
  static Result<InputFile> open(const std::string& path);
  InputFile() = default;
  InputFile(InputFile&& other) noexcept;
  InputFile& operator=(InputFile&& other) noexcept;
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;
  ~InputFile();

  const std::string& path() const { return path_; }
  uint64_t size() const { return size_; }
  // Reads up to `n` bytes at the current position; returns 0 at end of file.
  Result<size_t> read(char* buf, size_t n);
  // Reads exactly `n` bytes at `offset` (fails if the file is shorter).
  Status read_at(uint64_t offset, char* buf, size_t n) const;
  Status seek(uint64_t offset);
  // Asks the kernel to drop the file's pages from its cache, those wholly
  // inside `length` bytes from `offset`: for a file read once and not again
  // soon, whose pages would push the inputs' out.
  void drop_cached(uint64_t offset, uint64_t length) const;
  // The open descriptor, for reads the kernel is handed in batches (base/batch_reader.h).
  int descriptor() const { return fd_; }

 private:
  int fd_ = -1;
  uint64_t size_ = 0;
  std::string path_;
};

// How an output file's bytes go to the disk.
enum class WriteMode {
  kBuffered,  // through the kernel's page cache
  // Around it (O_DIRECT), from an aligned buffer of the file's own, where the
  // file system allows it; else as kBuffered. For a large file written once and
  // not read back through the cache (the merged output; the sorted runs, read
  // back by base/direct_reader.h): on the machines measured,
  // filling new page-cache pages cost more than the disk's own writes (memory
  // the kernel has left unused for a few seconds is slow to touch again:
  // bench/RESULTS.md), and those pages push the inputs' out of the cache.
  kDirect,
};
// False when the environment sets CRMERGE_NO_DIRECT_IO: every file then goes
// through the page cache (kDirect and base/direct_reader.h; for tests of that
// way, and a way out on a file system that mishandles direct I/O).
bool direct_io_allowed();
// Direct reads and writes start and end on this alignment (the largest logical
// block size of common disks).
constexpr size_t kDirectIoAlign = 4096;

// Syncs every file in folder `dir`, then the folder (the names in it).
Status sync_files_in(const std::string& dir);

// What an output file is: how its write errors name it ("the output <target>",
// "the sorted run <target>", else the target alone), and which write fault of
// base/fault.h fails its writes ("output", "runs"; none for kFile).
enum class OutputKind { kFile, kRun, kOutput };

// An output file written under a temporary name beside its target
// (".<name>.<random>.crmerge-tmp") and renamed over the target by commit().
// Destroying an uncommitted file removes the temporary file.
class AtomicOutputFile {
 public:
  // True when `name` (a file name, no folder) is a temporary name this class
  // gives for a target named `target_name`: what a killed process leaves.
  static bool is_temporary_name(std::string_view name, std::string_view target_name);
  static Result<AtomicOutputFile> create(const std::string& target, WriteMode mode = WriteMode::kBuffered,
                                         OutputKind kind = OutputKind::kFile);
  AtomicOutputFile();
  AtomicOutputFile(AtomicOutputFile&& other) noexcept;
  AtomicOutputFile& operator=(AtomicOutputFile&& other) noexcept;
  AtomicOutputFile(const AtomicOutputFile&) = delete;
  AtomicOutputFile& operator=(const AtomicOutputFile&) = delete;
  ~AtomicOutputFile();

  const std::string& temp_path() const { return temp_path_; }
  const std::string& target() const { return target_; }
  uint64_t bytes_written() const { return bytes_written_; }
  // Whether the bytes still go around the page cache (kDirect, and the file
  // system has taken every write so far).
  bool direct() const { return direct_ != nullptr; }
  // Buffered; errors surface from write() or commit().
  Status write(std::string_view data);
  Status commit();  // flush, fsync, rename, fsync the folder
  // commit() without the syncs: for a file that sync_files_in() makes durable
  // later with others (the match's runs: one sync for all at the end of the
  // keys phase, rather than a wait for the disk after each).
  Status commit_unsynced();
  void abandon();   // removes the temporary file now

 private:
  struct Aligned;  // kDirect's buffer
  Status flush();
  // The file's one write call (write(2)'s result and errno).
  ssize_t put(const char* data, size_t size);
  Status write_failed(int err) const;
  Status write_all(const char* data, size_t size);
  Status write_direct();
  Status stop_direct();
  Status finish(bool sync);
  int fd_ = -1;
  std::string target_;
  std::string temp_path_;
  std::string buffer_;
  std::unique_ptr<Aligned> direct_;  // null: buffered
  uint64_t bytes_written_ = 0;
  OutputKind kind_ = OutputKind::kFile;
};

}  // namespace crmerge
