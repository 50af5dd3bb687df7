// The four generated files and their truth files.
#pragma once

#include <cstdint>
#include <string>

#include "population.h"

namespace gen {

enum VendorId : int { kApollo = 0, kZoomInfo = 1, kCognism = 2 };
constexpr int kNumVendors = 3;
const char* vendor_name(int vendor);  // "apollo", "zoominfo", "cognism"

struct FileStats {
  std::string name;
  std::uint64_t rows = 0;
  std::uint64_t bytes = 0;        // of the data file
  std::uint64_t truth_bytes = 0;
  std::uint64_t crm_persons = 0;  // vendor rows whose person is in the CRM
  std::uint64_t possible = 0;     // vendor rows marked possible
  std::uint64_t duplicates = 0;   // vendor rows repeating a person of the file
  std::string error;              // non-empty on failure
};

// DIR/crm.csv and DIR/truth/crm.csv.
FileStats write_crm(const Population& pop, const std::string& dir);
// DIR/<vendor>.csv and DIR/truth/<vendor>.csv with M rows.
FileStats write_vendor(const Population& pop, int vendor, std::uint64_t rows, const std::string& dir);

}  // namespace gen
