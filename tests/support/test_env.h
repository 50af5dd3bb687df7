// Test helpers: where the shared test data is, temporary folders, small files.
#pragma once

#include <string>
#include <string_view>

namespace crmerge::test {

// ../shared/testdata next to the checkout, or $CRMERGE_TESTDATA.
std::string testdata_dir();
std::string csv_spectrum_dir();

// A fresh folder under $TMPDIR, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(std::string_view name) const { return path_ + "/" + std::string(name); }

 private:
  std::string path_;
};

void write_file(const std::string& path, std::string_view bytes);
std::string read_file(const std::string& path);

}  // namespace crmerge::test
