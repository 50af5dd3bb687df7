// Every file of the csv-spectrum conformance corpus reads value for value as
// its JSON says (../shared/testdata/csv-spectrum, used as it is).
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/read_csv.h"
#include "support/test_env.h"

namespace crmerge::test {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> spectrum_files() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(csv_spectrum_dir() + "/csvs"))
    if (e.path().extension() == ".csv") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(CsvSpectrum, CorpusIsPresent) {
  ASSERT_TRUE(fs::exists(csv_spectrum_dir() + "/csvs")) << "csv-spectrum not found at " << csv_spectrum_dir();
  EXPECT_GE(spectrum_files().size(), 12u);
}

TEST(CsvSpectrum, EveryFileReadsAsItsJsonSays) {
  auto names = spectrum_files();
  ASSERT_FALSE(names.empty());
  for (const auto& name : names) {
    SCOPED_TRACE(name);
    auto parsed = read_csv_file(csv_spectrum_dir() + "/csvs/" + name + ".csv");
    ASSERT_TRUE(parsed.is_ok()) << parsed.status().message();
    auto expected = nlohmann::ordered_json::parse(read_file(csv_spectrum_dir() + "/json/" + name + ".json"));
    ASSERT_TRUE(expected.is_array());
    ASSERT_EQ(parsed->rows.size(), expected.size());
    for (size_t r = 0; r < expected.size(); ++r) {
      const auto& obj = expected[r];
      ASSERT_EQ(obj.size(), parsed->header.size()) << "row " << r;
      size_t c = 0;
      for (auto it = obj.begin(); it != obj.end(); ++it, ++c) {
        EXPECT_EQ(parsed->header[c], it.key()) << "column " << c;
        EXPECT_EQ(parsed->rows[r][c], it.value().get<std::string>()) << "row " << r << " column " << it.key();
      }
    }
  }
}

}  // namespace
}  // namespace crmerge::test
