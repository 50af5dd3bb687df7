#include "cli/progress_display.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "base/strings.h"

namespace crmerge::cli {

namespace {

using Clock = std::chrono::steady_clock;

class Display : public ProgressSink {
 public:
  explicit Display(ProgressStyle style) : style_(style) {}

  void begin(std::string_view phase, uint64_t total, ProgressUnit unit) override {
    phase_ = phase;
    total_ = total;
    unit_ = unit;
    start_ = Clock::now();
    last_draw_ = Clock::time_point();
    done_ = rows_ = 0;
    if (style_ == ProgressStyle::kBar) draw();
  }

  void update(uint64_t done, uint64_t rows) override {
    done_ = done;
    if (rows) rows_ = rows;
    if (style_ != ProgressStyle::kBar) return;
    auto now = Clock::now();
    if (now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    draw();
  }

  void end(std::string_view phase, double seconds, std::string_view detail) override {
    if (style_ == ProgressStyle::kQuiet) return;
    std::string line = "crmerge: " + std::string(phase) + " done in " + format_seconds(seconds);
    if (rows_ > 0) line += " (" + format_count(rows_) + " rows)";
    if (!detail.empty()) line += ", " + std::string(detail);
    if (style_ == ProgressStyle::kBar) std::fputs("\r\033[K", stderr);
    std::fprintf(stderr, "%s\n", line.c_str());
  }

  void note(std::string_view message) override {
    if (style_ == ProgressStyle::kBar) std::fputs("\r\033[K", stderr);
    std::fprintf(stderr, "crmerge: %.*s\n", static_cast<int>(message.size()), message.data());
  }

 private:
  void draw() {
    double fraction = total_ ? static_cast<double>(done_) / static_cast<double>(total_) : 0;
    if (fraction > 1) fraction = 1;
    constexpr int kWidth = 24;
    int filled = static_cast<int>(fraction * kWidth);
    std::string bar(static_cast<size_t>(filled), '#');
    bar.append(static_cast<size_t>(kWidth - filled), '.');
    double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
    std::string rate;
    if (rows_ > 0 && elapsed > 0.05) rate = format_count(static_cast<uint64_t>(rows_ / elapsed)) + " rows/s";
    else if (unit_ == ProgressUnit::kBytes && elapsed > 0.05)
      rate = format_bytes(static_cast<uint64_t>(done_ / elapsed)) + "/s";
    std::string eta;
    if (fraction > 0.01 && fraction < 1 && elapsed > 0.5) eta = "ETA " + format_seconds(elapsed * (1 / fraction - 1));
    std::fprintf(stderr, "\r\033[K%-8s [%s] %3d%%  %s  %s", phase_.c_str(), bar.c_str(),
                 static_cast<int>(fraction * 100), rate.c_str(), eta.c_str());
    std::fflush(stderr);
  }

  ProgressStyle style_;
  std::string phase_;
  uint64_t total_ = 0;
  ProgressUnit unit_ = ProgressUnit::kBytes;
  uint64_t done_ = 0;
  uint64_t rows_ = 0;
  Clock::time_point start_;
  Clock::time_point last_draw_;
};

}  // namespace

std::unique_ptr<ProgressSink> make_progress_display(ProgressStyle style) {
  if (style == ProgressStyle::kAuto) style = isatty(STDERR_FILENO) ? ProgressStyle::kBar : ProgressStyle::kLines;
  return std::make_unique<Display>(style);
}

}  // namespace crmerge::cli
