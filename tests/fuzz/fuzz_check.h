// What the fuzz targets share: a check that holds in every build (assert is
// compiled out with NDEBUG), and a scratch folder for targets that need files.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "base/files.h"

// Prints what does not hold, and aborts: libFuzzer saves the input as a crash,
// the replay driver fails its test.
#define FUZZ_CHECK(cond, what)                                                          \
  do {                                                                                  \
    if (!(cond)) {                                                                      \
      std::fprintf(stderr, "%s:%d: FUZZ_CHECK(%s) failed: %s\n", __FILE__, __LINE__, #cond, \
                   std::string(what).c_str());                                          \
      std::abort();                                                                     \
    }                                                                                   \
  } while (0)

namespace crmerge::fuzz {

// A new empty folder under $TMPDIR (else /tmp), named after `tag`, removed
// when the process exits normally; aborts when it cannot be made. With
// `in_tmp`, always /tmp/crmerge-<tag>-XXXXXX: a name whose length inputs can know.
inline std::string scratch_folder(const char* tag, bool in_tmp = false) {
  // Never destroyed: the exit handler reads it after static destructors may have run.
  static auto* folders = new std::vector<std::string>;
  static const bool registered = std::atexit([] {
    for (const std::string& f : *folders) (void)remove_all(f);
  }) == 0;
  const char* tmp = in_tmp ? nullptr : std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/crmerge-" + tag + "-XXXXXX";
  FUZZ_CHECK(registered && mkdtemp(pattern.data()) != nullptr, "cannot make a folder " + pattern);
  folders->push_back(pattern);
  return pattern;
}

}  // namespace crmerge::fuzz
