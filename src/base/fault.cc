#include "base/fault.h"

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
};

Spec fault_spec() {
  const char* v = std::getenv("CRMERGE_FAULT");
  Spec s;
  if (!v) return s;
  s.point = v;
  constexpr std::string_view kPause = "@pause";
  if (s.point.size() > kPause.size() && s.point.compare(s.point.size() - kPause.size(), kPause.size(), kPause) == 0) {
    s.pause = true;
    s.point.resize(s.point.size() - kPause.size());
  }
  return s;
}

void act(const Spec& spec, const CancelToken& cancel) {
  if (!spec.pause) {
    std::raise(SIGKILL);
    std::abort();
  }
  std::fprintf(stderr, "crmerge: paused at %s\n", spec.point.c_str());
  std::fflush(stderr);
  while (!cancel.is_cancelled()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

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

}  // namespace crmerge
