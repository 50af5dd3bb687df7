// Progress of a job, as the pipeline reports it. The CLI draws a bar or log
// lines from it; the server keeps it in the job record. Implementations must
// be cheap to call: update() is called from hot loops (already throttled to a
// few hundred calls per second by the caller) on the job's thread.
#pragma once

#include <cstdint>
#include <string_view>

namespace crmerge {

enum class ProgressUnit { kBytes, kPermille };

class ProgressSink {
 public:
  virtual ~ProgressSink() = default;
  // A phase starts; `total` is in `unit`s (bytes to read, or 1000 for DuckDB's percentage).
  virtual void begin(std::string_view phase, uint64_t total, ProgressUnit unit) = 0;
  // `done` of `total` units; `rows` processed so far in this phase (0 when unknown).
  virtual void update(uint64_t done, uint64_t rows) = 0;
  // The phase ended; `detail` is one human line about what it did (no personal data).
  virtual void end(std::string_view phase, double seconds, std::string_view detail) = 0;
  // A warning or information for the user (no personal data).
  virtual void note(std::string_view message) = 0;
};

class NullProgress : public ProgressSink {
 public:
  void begin(std::string_view, uint64_t, ProgressUnit) override {}
  void update(uint64_t, uint64_t) override {}
  void end(std::string_view, double, std::string_view) override {}
  void note(std::string_view) override {}
};

}  // namespace crmerge
