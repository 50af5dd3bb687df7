#include "base/fault.h"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

namespace crmerge {

namespace {

struct Spec {
  std::string point;
  bool pause = false;
  int sleep_seconds = -1;  // -1: no "@sleep:<S>"
};

Spec fault_spec() {
  const char* v = std::getenv("CRMERGE_FAULT");
  Spec s;
  if (!v) return s;
  s.point = v;
  constexpr std::string_view kPause = "@pause";
  constexpr std::string_view kSleep = "@sleep:";
  if (s.point.size() > kPause.size() && s.point.compare(s.point.size() - kPause.size(), kPause.size(), kPause) == 0) {
    s.pause = true;
    s.point.resize(s.point.size() - kPause.size());
  } else if (size_t at = s.point.rfind(kSleep); at != std::string::npos && at > 0) {
    s.sleep_seconds = std::atoi(s.point.c_str() + at + kSleep.size());
    s.point.resize(at);
  }
  return s;
}

void act(const Spec& spec, const CancelToken& cancel) {
  if (!spec.pause && spec.sleep_seconds < 0) {
    std::raise(SIGKILL);
    std::abort();
  }
  if (spec.pause) std::fprintf(stderr, "crmerge: paused at %s\n", spec.point.c_str());
  else std::fprintf(stderr, "crmerge: sleeping %d s at %s\n", spec.sleep_seconds, spec.point.c_str());
  std::fflush(stderr);
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(spec.sleep_seconds);
  while (!cancel.is_cancelled() && (spec.pause || std::chrono::steady_clock::now() < until))
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

// A "write:<writer>:<error>[:<N>]" point, read once: writes are many, and
// the variable does not change while the process runs.
struct WriteSpec {
  std::string writer;  // empty: no write fault
  int error = 0;
  uint64_t nth = 1;
};

WriteSpec write_spec() {
  WriteSpec w;
  const Spec spec = fault_spec();
  constexpr std::string_view kWrite = "write:";
  if (spec.point.compare(0, kWrite.size(), kWrite) != 0) return w;
  std::string_view rest = std::string_view(spec.point).substr(kWrite.size());
  const size_t colon = rest.find(':');
  if (colon == std::string_view::npos) return w;
  std::string_view error = rest.substr(colon + 1);
  const size_t nth = error.find(':');
  if (nth != std::string_view::npos) {
    w.nth = std::strtoull(std::string(error.substr(nth + 1)).c_str(), nullptr, 10);
    error = error.substr(0, nth);
  }
  if (error == "ENOSPC") w.error = ENOSPC;
  else if (error == "EIO") w.error = EIO;
  else return w;
  w.writer = std::string(rest.substr(0, colon));
  return w;
}

const WriteSpec& armed_write() {
  static const WriteSpec spec = write_spec();
  return spec;
}

std::atomic<uint64_t> armed_writes{0};  // write calls of the armed writer so far

}  // namespace

void fault_point(std::string_view phase, std::string_view when, const CancelToken& cancel) {
  Spec spec = fault_spec();
  if (spec.point.empty()) return;
  if (spec.point == "phase:" + std::string(phase) + ":" + std::string(when)) act(spec, cancel);
}

RowFault::RowFault(std::string_view pass, const CancelToken& cancel) : cancel_(cancel) {
  Spec spec = fault_spec();
  std::string prefix = std::string(pass) + ":rows:";
  if (spec.point.compare(0, prefix.size(), prefix) != 0) return;
  trigger_ = std::strtoull(spec.point.c_str() + prefix.size(), nullptr, 10);
}

void RowFault::fire() const {
  Spec spec = fault_spec();
  act(spec, cancel_);
}

int write_fault(std::string_view writer) {
  const WriteSpec& spec = armed_write();
  if (spec.writer.empty() || writer != spec.writer) return 0;
  return armed_writes.fetch_add(1) + 1 == spec.nth ? spec.error : 0;
}

}  // namespace crmerge
