#include "cli/signals.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <csignal>
#include <thread>

#include "cli/exit_codes.h"

namespace crmerge::cli {

SignalWatcher::SignalWatcher(CancelToken& token) {
  // A process started in the background by a non-interactive shell inherits
  // SIGINT ignored; an ignored signal may be discarded instead of reaching
  // sigwait (seen under ASan). `kill -INT` must still cancel: take both back.
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::thread([set, &token]() {
    int received = 0;
    for (;;) {
      int sig = 0;
      if (sigwait(&set, &sig) != 0) continue;
      if (++received == 1) {
        token.cancel();
        continue;
      }
      static const char msg[] = "\ncrmerge: interrupted again, exiting now\n";
      ssize_t ignored = ::write(STDERR_FILENO, msg, sizeof msg - 1);
      (void)ignored;
      _exit(kExitInterrupted);
    }
  }).detach();
}

}  // namespace crmerge::cli
