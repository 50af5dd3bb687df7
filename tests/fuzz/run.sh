#!/usr/bin/env bash
# Replays each fuzz target's committed corpus and regressions, then fuzzes it
# for a bounded time (docs/reliability.md, "Fuzzing"). The targets come from a
# tree configured with -DCRMERGE_FUZZ=ON (scripts/check.sh's "fuzz build").
#
#   tests/fuzz/run.sh BUILD_DIR [SECONDS_PER_TARGET [TARGET...]]
#
# New corpus entries go to BUILD_DIR/fuzz-out/corpus/<target> (kept between
# runs, so later runs start where earlier ones stopped), never into the
# committed corpus; crashing inputs to BUILD_DIR/fuzz-out/crashes/<target>.
# Fails when any target crashes, leaks, times out or runs out of memory, and
# prints the path of the input that did it. Extra libFuzzer flags can be given
# in FUZZ_FLAGS (e.g. FUZZ_FLAGS="-jobs=2 -workers=2").
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 1 ] || { echo "usage: $0 BUILD_DIR [SECONDS_PER_TARGET [TARGET...]]" >&2; exit 2; }
build=$(cd "$1" && pwd) || exit 2
seconds=${2:-25}
shift $(($# >= 2 ? 2 : 1))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_http fuzz_csv fuzz_encoding fuzz_roles fuzz_normalize fuzz_phone_diff)
out="$build/fuzz-out"
read -r -a extra <<< "${FUZZ_FLAGS:-}"

# The targets' scratch files (fuzz_check.h) go to a folder of this run, in
# memory where there is /dev/shm: fuzz_encoding syncs a file per input.
shm=/dev/shm
[ -d "$shm" ] && [ -w "$shm" ] || shm="$out"
mkdir -p "$out"
TMPDIR=$(mktemp -d "$shm/crmerge-fuzz-run-XXXXXX") || exit 2
export TMPDIR
trap 'rm -rf "$TMPDIR"' EXIT
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# fuzz_http's inputs each reach some 15,000 features, and libFuzzer's entropic
# bookkeeping of them took 44% of its time (perf): without it, 1.7x the runs
# and more coverage in the same time. The other targets fuzz better with it.
declare -A target_flags=([fuzz_http]=-entropic=0)

failed=()
summary=()
for t in "${targets[@]}"; do
  bin="$build/fuzz/$t"
  if [ ! -x "$bin" ]; then
    echo "$t: no $bin (build the fuzz_targets target of a -DCRMERGE_FUZZ=ON tree)" >&2
    failed+=("$t")
    continue
  fi
  seeds=("$here/corpus/$t")
  [ -d "$here/regressions/$t" ] && seeds+=("$here/regressions/$t")
  dict=()
  [ -f "$here/$t.dict" ] && dict=("-dict=$here/$t.dict")
  crashes="$out/crashes/$t"
  rm -rf "$crashes"
  mkdir -p "$out/corpus/$t" "$crashes"
  read -r -a own <<< "${target_flags[$t]:-}"
  common=(-rss_limit_mb=2048 -timeout=10 "-artifact_prefix=$crashes/" "${dict[@]}" "${own[@]}" "${extra[@]}")
  log="$out/$t.log"

  # The committed inputs first, once each: a regression fails here, on its own name.
  ok=1
  if ! "$bin" -runs=0 "${common[@]}" "${seeds[@]}" > "$out/$t.replay.log" 2>&1; then
    ok=0
    log="$out/$t.replay.log"
  elif ! "$bin" -max_total_time="$seconds" -print_final_stats=1 "${common[@]}" "$out/corpus/$t" "${seeds[@]}" \
      > "$log" 2>&1; then
    ok=0
  fi
  if [ $ok = 0 ]; then
    failed+=("$t")
    echo "==== $t FAILED; the end of $log:"
    tail -n 40 "$log"
    found=$(find "$crashes" -type f | sort)
    if [ -n "$found" ]; then
      while read -r f; do echo "$t: crashing input: $f   (reproduce: $bin $f)"; done <<< "$found"
    else
      echo "$t: failed without saving an input (see $log)"
    fi
    continue
  fi
  done_line=$(grep -a 'DONE' "$log" | tail -n 1)
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  per_sec=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  added=$(sed -n 's/^stat::new_units_added: *//p' "$log")
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<< "$done_line")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<< "$done_line")
  corp=$(sed -n 's/.* corp: \([0-9]*\)\/.*/\1/p' <<< "$done_line")
  summary+=("$(printf '%-16s %4ss %9s runs %7s exec/s  cov %6s  ft %6s  corpus %5s (+%s)' \
    "$t" "$seconds" "${runs:-?}" "${per_sec:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "${added:-?}")")
done

echo "fuzzing, $seconds s per target (corpus and logs in $out):"
printf '  %s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED: ${failed[*]}"
  exit 1
fi
