// How `crmerge merge` shows progress on stderr: a redrawn bar on a terminal
// (phase, percent, rate, ETA), one line per phase otherwise, nothing but
// warnings with --quiet.
#pragma once

#include <memory>

#include "base/progress.h"

namespace crmerge::cli {

enum class ProgressStyle { kAuto, kBar, kLines, kQuiet };

// kAuto: a bar when stderr is a terminal, lines otherwise.
std::unique_ptr<ProgressSink> make_progress_display(ProgressStyle style);

}  // namespace crmerge::cli
