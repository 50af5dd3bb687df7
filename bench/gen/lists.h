// Static word lists for the generator: names (with their ASCII forms, used in
// e-mail addresses and LinkedIn handles), titles, cities, industries ...
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace gen {

struct Name {
  const char* display;  // as written (may be non-ASCII)
  const char* ascii;    // lower-case [a-z-] form used in addresses
};

struct Culture {
  const char* label;
  const Name* first;
  std::size_t n_first;
  const Name* last;
  std::size_t n_last;
};

extern const Culture kCultures[];
extern const std::size_t kNumCultures;

enum Country : int { kUS = 0, kUK = 1, kDE = 2 };

struct City {
  const char* name;
  const char* state;  // US state code, UK nation/county, DE Land
  const char* zip;    // a base postal code; US and DE: 5 digits (may start with 0)
};
extern const City kUsCities[];
extern const std::size_t kNumUsCities;
extern const City kUkCities[];
extern const std::size_t kNumUkCities;
extern const City kDeCities[];
extern const std::size_t kNumDeCities;

extern const int kUsAreaCodes[];
extern const std::size_t kNumUsAreaCodes;

// Departments x seniority levels.
constexpr int kNumDepartments = 10;
constexpr int kNumLevels = 6;  // 0 C-level, 1 VP, 2 Director, 3 Manager, 4 Senior, 5 Entry
extern const char* const kDepartments[kNumDepartments];
extern const char* const kTitles[kNumLevels][kNumDepartments];
extern const char* const kApolloSeniority[kNumLevels];
extern const char* const kZoomManagementLevel[kNumLevels];
extern const char* const kCognismSeniority[kNumLevels];

extern const char* const kIndustries[];
extern const std::size_t kNumIndustries;
extern const char* const kRoleMailboxes[];
extern const std::size_t kNumRoleMailboxes;
extern const char* const kStreets[];
extern const std::size_t kNumStreets;
extern const char* const kTechnologies[];
extern const std::size_t kNumTechnologies;
extern const char* const kKeywords[];
extern const std::size_t kNumKeywords;
extern const char* const kOwners[];
extern const std::size_t kNumOwners;
extern const char* const kNotes[];
extern const std::size_t kNumNotes;

// Checks the invariants the generator's uniqueness guarantees rely on (ASCII
// forms are [a-z-], surnames' ASCII forms distinct across all cultures, first
// names distinct within a culture and at least 2 letters, no address local part
// can equal a role mailbox). Returns an error message, or nullptr.
const char* check_lists();

}  // namespace gen
