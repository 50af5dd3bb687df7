#include "base/fault.h"

#include <csignal>
#include <cstdlib>
#include <string>

namespace crmerge {

namespace {
std::string_view fault_spec() {
  const char* v = std::getenv("CRMERGE_FAULT");
  return v ? std::string_view(v) : std::string_view();
}
}  // namespace

void fault_kill() {
  std::raise(SIGKILL);
  std::abort();
}

void fault_point(std::string_view phase, std::string_view when) {
  std::string_view spec = fault_spec();
  if (spec.empty()) return;
  std::string want = "phase:" + std::string(phase) + ":" + std::string(when);
  if (spec == want) fault_kill();
}

RowFault::RowFault(std::string_view pass) {
  std::string_view spec = fault_spec();
  std::string prefix = std::string(pass) + ":rows:";
  if (spec.substr(0, prefix.size()) != prefix) return;
  trigger_ = std::strtoull(std::string(spec.substr(prefix.size())).c_str(), nullptr, 10);
}

}  // namespace crmerge
