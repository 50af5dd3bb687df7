#!/usr/bin/env bash
# `make check`: set up, build, run every test; then the same tests built with
# AddressSanitizer and UndefinedBehaviorSanitizer; then each fuzz target
# (tests/fuzz) fuzzed for a bounded time. Prints the time of each stage.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jobs=$(nproc)
stages=()
failed=""

stage() {  # NAME COMMAND...
  local name=$1
  shift
  echo "==> $name"
  local start ms
  start=$(date +%s%N)
  if "$@"; then status=ok; else status=FAILED; failed="$failed $name"; fi
  ms=$((($(date +%s%N) - start) / 1000000))
  stages+=("$(printf '%-24s %5d.%d s  %s' "$name" $((ms / 1000)) $((ms % 1000 / 100)) "$status")")
  [ "$status" = ok ]
}

configure_and_build() {  # DIR FLAGS...
  local dir=$1
  shift
  cmake -S . -B "$dir" "$@" > /dev/null && cmake --build "$dir" -j"$jobs"
}

# The fuzz targets only (clang, libFuzzer; the library instrumented, with ASan + UBSan).
build_fuzz_targets() {  # DIR
  cmake -S . -B "$1" -DCMAKE_CXX_COMPILER=clang++ -DCRMERGE_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug \
    "-DCMAKE_CXX_FLAGS=-O1 -gline-tables-only" > /dev/null && cmake --build "$1" --target fuzz_targets -j"$jobs"
}

run_tests() {  # DIR LABEL
  (cd "$1" && ctest --output-on-failure -L "$2" -j"$jobs")
}

summary() {
  echo
  echo "make check, time per stage:"
  printf '  %s\n' "${stages[@]}"
}
trap summary EXIT

stage "setup" scripts/setup.sh || exit 1
stage "build" configure_and_build build -DCMAKE_BUILD_TYPE=RelWithDebInfo || exit 1
stage "unit tests" run_tests build unit
stage "cli tests" run_tests build cli
stage "service tests" run_tests build service
# The sanitizer tree is built with -O1 for speed; ASan + UBSan abort on the first error.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
stage "sanitizer build" configure_and_build build-asan -DCMAKE_BUILD_TYPE=Debug -DCRMERGE_SANITIZE=ON \
  -DCMAKE_CXX_FLAGS=-O1 || exit 1
stage "sanitizer unit tests" run_tests build-asan unit
stage "sanitizer cli tests" run_tests build-asan cli
stage "sanitizer service tests" run_tests build-asan service
# 25 s per target (six targets); longer runs: docs/reliability.md.
stage "fuzz build" build_fuzz_targets build-fuzz || exit 1
stage "fuzz" tests/fuzz/run.sh build-fuzz 25

if [ -n "$failed" ]; then
  echo "FAILED:$failed"
  exit 1
fi
echo "all tests passed"
