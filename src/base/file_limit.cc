#include "base/file_limit.h"

#include <sys/resource.h>

namespace crmerge {

uint64_t raise_open_file_limit() {
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) != 0) return 0;
  if (lim.rlim_cur < lim.rlim_max) {
    rlimit want = lim;
    want.rlim_cur = lim.rlim_max;
    // An unlimited hard limit is refused for open files (beyond fs.nr_open):
    // then 2^20, the kernel's default nr_open.
    if (setrlimit(RLIMIT_NOFILE, &want) != 0 && lim.rlim_max == RLIM_INFINITY) {
      want.rlim_cur = rlim_t{1} << 20;
      if (want.rlim_cur > lim.rlim_cur) (void)setrlimit(RLIMIT_NOFILE, &want);
    }
    if (getrlimit(RLIMIT_NOFILE, &lim) != 0) return 0;
  }
  return lim.rlim_cur == RLIM_INFINITY ? UINT64_MAX : static_cast<uint64_t>(lim.rlim_cur);
}

}  // namespace crmerge
