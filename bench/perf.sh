#!/usr/bin/env bash
# Speed, measured side by side: generates data with crmerge-gen, then alternates timed
# runs of `crmerge merge` and of the I/O floor (bench/duckrun/floor.sql: DuckDB reads
# every input CSV in full and writes one CSV of the CRM's size), runs the naive SQL
# (bench/duckrun/naive.sql) once under a timeout, scores crmerge's output with
# crmerge-eval, and prints a Markdown section for bench/RESULTS.md.
# See bench/README.md, "Performance harness".
#   bench/perf.sh [--rows N] [--vendor-rows M] [--runs K] [--threads T] [--memory-limit X]
#                 [--naive-timeout S] [--seed S] [--dir DIR] [--skip-naive] [--no-score]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
args="$*"
rows=1000000 vendor_rows="" runs=3 threads=2 memory_limit=512MB naive_timeout=300 seed=1 dir="" skip_naive=0 no_score=0
usage() {
  echo "usage: bench/perf.sh [--rows N] [--vendor-rows M] [--runs K] [--threads T] [--memory-limit X]" >&2
  echo "                     [--naive-timeout S] [--seed S] [--dir DIR] [--skip-naive] [--no-score]" >&2
  exit 2
}
need() { [ $# -ge 2 ] && [ -n "$2" ] || { echo "perf.sh: $1 needs a value" >&2; usage; }; }
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) need "$@"; rows=$2; shift 2 ;;
    --vendor-rows) need "$@"; vendor_rows=$2; shift 2 ;;
    --runs) need "$@"; runs=$2; shift 2 ;;
    --threads) need "$@"; threads=$2; shift 2 ;;
    --memory-limit) need "$@"; memory_limit=$2; shift 2 ;;
    --naive-timeout) need "$@"; naive_timeout=$2; shift 2 ;;
    --seed) need "$@"; seed=$2; shift 2 ;;
    --dir) need "$@"; dir=$2; shift 2 ;;
    --skip-naive) skip_naive=1; shift ;;
    --no-score) no_score=1; shift ;;
    -h|--help) usage ;;
    *) echo "perf.sh: unknown argument $1" >&2; usage ;;
  esac
done
for v in rows runs threads naive_timeout seed; do
  [[ ${!v} =~ ^[0-9]+$ ]] || { echo "perf.sh: --${v//_/-} must be a whole number" >&2; exit 2; }
done
[ -z "$vendor_rows" ] || [[ $vendor_rows =~ ^[0-9]+$ ]] || { echo "perf.sh: --vendor-rows must be a whole number" >&2; exit 2; }
[ "$rows" -gt 0 ] && [ "$runs" -gt 0 ] && [ "$threads" -gt 0 ] || { echo "perf.sh: --rows, --runs and --threads must be > 0" >&2; exit 2; }
vrows=${vendor_rows:-$rows}

build=$root/build
for b in crmerge crmerge-gen crmerge-eval bench-duckrun; do
  [ -x "$build/$b" ] || { echo "perf.sh: $build/$b is missing: run 'make build' (or build the target $b) first" >&2; exit 2; }
done
[ -n "$dir" ] || dir=$(mktemp -d "${TMPDIR:-/tmp}/crmerge-perf-XXXXXX")
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
data=$dir/data out=$dir/out log=$dir/log tmp=$dir/tmp bin=$dir/bin
mkdir -p "$out" "$log" "$tmp/duckdb" "$bin"
rm -f "$log"/* "$out"/* "$bin"/*
# Every run uses these copies (a rebuild during the benchmark changes nothing), and the
# SQL files that ran stay beside the results.
for b in crmerge crmerge-gen crmerge-eval bench-duckrun; do cp "$build/$b" "$bin/"; done
cp "$root/bench/duckrun/floor.sql" "$root/bench/duckrun/naive.sql" "$dir/"
rev=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(git -C "$root" status --porcelain -- src CMakeLists.txt 2>/dev/null)" ] || rev+=" + uncommitted changes in src/"
crmerge_sha=$(sha256sum "$bin/crmerge" | cut -c1-12)

# ------------------------------------------------------------------ data
genargs="--crm-rows $rows --vendor-rows $vrows --seed $seed"
if [ -f "$data/crm.csv" ] && [ -f "$data/.perf-gen-args" ]; then
  if [ "$(cat "$data/.perf-gen-args")" != "$genargs" ]; then
    echo "perf.sh: $data was generated with '$(cat "$data/.perf-gen-args")', not '$genargs': use another --dir" >&2
    exit 2
  fi
  echo "perf.sh: reusing $data" >&2
elif [ -f "$data/crm.csv" ]; then
  echo "perf.sh: $data holds data of unknown size: use another --dir" >&2
  exit 2
else
  rm -rf "$data"
  "$bin/crmerge-gen" --out "$data" $genargs >&2
  echo "$genargs" > "$data/.perf-gen-args"
fi
inputs=("$data/crm.csv" "$data/apollo.csv" "$data/zoominfo.csv" "$data/cognism.csv")
# Both contenders read the inputs from the page cache: warm it once, equally for all.
cat "${inputs[@]}" > /dev/null

# ------------------------------------------------------------------ measuring
# measure NAME CMD...: runs CMD (stdout/stderr to $log/NAME.out/.err) and writes
# "wall user sys maxrss_kb" to $log/NAME.time. Returns CMD's exit code.
# With GNU time (/usr/bin/time, Debian package `time`): its %e %U %S %M (getrusage of
# the child). Without it: bash's `time` for wall and CPU, and the child's VmHWM (peak
# resident set) read from /proc every 50 ms (misses growth in its last 50 ms).
if [ -x /usr/bin/time ] && [ -z "${PERF_NO_GNU_TIME:-}" ]; then
  timer="GNU time (\`/usr/bin/time -f '%e %U %S %M'\`)"
  measure() {
    local name=$1 rc=0; shift
    /usr/bin/time -o "$log/$name.time.raw" -f '%e %U %S %M' "$@" > "$log/$name.out" 2> "$log/$name.err" || rc=$?
    tail -n 1 "$log/$name.time.raw" > "$log/$name.time"   # skips "Command exited with non-zero status"
    rm -f "$log/$name.time.raw"
    return $rc
  }
else
  timer="bash \`time\` for wall and CPU, peak RSS from /proc/PID/status VmHWM polled every 50 ms"
  exec {sleepfd}<> <(:)   # read -t on this never-written pipe sleeps without forking
  measure() {
    local name=$1 rc=0 sub peak=0 p q k v _ queue kids; shift
    ( TIMEFORMAT='%R %U %S'; time "$@" > "$log/$name.out" 2> "$log/$name.err" ) 2> "$log/$name.time.raw" &
    sub=$!
    while kill -0 "$sub" 2>/dev/null; do
      # every descendant of the subshell (CMD, and CMD's children, e.g. under `timeout`)
      queue=()
      read -r -a queue < "/proc/$sub/task/$sub/children" 2>/dev/null || true
      for ((q = 0; q < ${#queue[@]}; q++)); do
        p=${queue[q]} kids=()
        read -r -a kids < "/proc/$p/task/$p/children" 2>/dev/null || true
        queue+=("${kids[@]}")
        while read -r k v _; do
          [ "$k" = "VmHWM:" ] && { [ "$v" -gt "$peak" ] && peak=$v; break; }
        done < "/proc/$p/status" 2>/dev/null || true
      done
      read -r -t 0.05 -u "$sleepfd" _ || true
    done
    wait "$sub" || rc=$?
    echo "$(tail -n 1 "$log/$name.time.raw") $peak" > "$log/$name.time"
    rm -f "$log/$name.time.raw"
    return $rc
  }
fi
# Figures of a finished run: wall, cpu (user+sys), rss (MB).
wall_of() { awk '{printf "%.2f\n", $1}' "$log/$1.time"; }
cpu_of() { awk '{printf "%.2f\n", $2 + $3}' "$log/$1.time"; }
rss_of() { awk '{printf "%.0f\n", $4 / 1024}' "$log/$1.time"; }
median() { sort -g | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
# The run whose wall time is the median (the lower middle one for an even count).
median_run() {
  local prefix=$1 i
  for ((i = 1; i <= runs; i++)); do echo "$(wall_of "$prefix-$i") $i"; done | sort -g | awk -v n="$runs" 'NR == int((n + 1) / 2) {print $2}'
}
mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN {printf "%.1f", b / 1e6}'; }

crmerge_cmd=("$bin/crmerge" merge --crm data/crm.csv --enrich apollo=data/apollo.csv --enrich zoominfo=data/zoominfo.csv
  --enrich cognism=data/cognism.csv --threads "$threads" --memory-limit "$memory_limit")
duck_cmd=("$bin/bench-duckrun" --threads "$threads" --temp-dir tmp/duckdb)
cd "$dir"   # the SQL scripts and crmerge's arguments name data/ and out/ relative to here
export TMPDIR=$tmp   # crmerge's job folder: on the same disk as the floor's temp_directory

# ------------------------------------------------------------------ timed runs
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
same_outputs=yes
for ((i = 1; i <= runs; i++)); do
  echo "perf.sh: run $i of $runs: crmerge" >&2
  rm -f out/crmerge.csv
  measure "crmerge-$i" "${crmerge_cmd[@]}" --out out/crmerge.csv \
    || { echo "perf.sh: crmerge failed (exit $?); see $log/crmerge-$i.err" >&2; grep -m1 'error' "$log/crmerge-$i.err" >&2; exit 1; }
  if [ "$i" -eq 1 ]; then mv out/crmerge.csv out/crmerge-1.csv
  elif ! cmp -s out/crmerge.csv out/crmerge-1.csv; then same_outputs=no; fi
  echo "perf.sh: run $i of $runs: floor" >&2
  rm -f out/floor.csv
  measure "floor-$i" "${duck_cmd[@]}" --memory-limit "$memory_limit" floor.sql \
    || { echo "perf.sh: the floor failed (exit $?); see $log/floor-$i.err" >&2; grep -m1 'failed' "$log/floor-$i.err" >&2; exit 1; }
done
rm -f out/crmerge.csv

# ------------------------------------------------------------------ naive SQL, once
naive_result="not run (--skip-naive)"
naive_done=0
if [ "$skip_naive" -eq 0 ]; then
  echo "perf.sh: the naive SQL (timeout ${naive_timeout} s)" >&2
  rm -f out/naive.csv
  naive_rc=0
  # bench-duckrun cancels the query itself at the timeout; `timeout` is a backstop.
  measure naive timeout --kill-after=10 $((naive_timeout + 60)) "${duck_cmd[@]}" --timeout "$naive_timeout" naive.sql || naive_rc=$?
  read -r nw nu ns nm < "$log/naive.time"
  loads=$(sed -n 's/^bench-duckrun: statement [1-4] of [0-9]* done in \([0-9.]*\) s/\1/p' "$log/naive.err" \
    | awk '{t += $1; n++} END {if (n == 4) printf "the four read_csv_auto loads took %.2f s of it", t; else printf "%d of the four read_csv_auto loads done", n}')
  naive_figs="$(awk -v w="$nw" -v u="$nu" -v s="$ns" -v m="$nm" 'BEGIN {printf "wall %.2f s, CPU %.2f s, peak RSS %.0f MB", w, u + s, m / 1024}'); $loads"
  case $naive_rc in
    0)
      written=$(awk '/^Count$/ {getline; n = $1} END {print n}' "$log/naive.out")
      printf 'crm_row,vendor,vendor_row\n' > out/no-matches.csv
      "$bin/crmerge-eval" --truth data/truth --crm data/crm.csv --output out/naive.csv --matches out/no-matches.csv \
        --mode fill > "$log/naive-eval.txt" 2>&1 || true
      ngained=$(grep -m1 '^rows gained:' "$log/naive-eval.txt" | sed 's/^rows gained: *//')
      nlost=$(grep -m1 '^rows lost:' "$log/naive-eval.txt" | sed 's/^rows lost: *//')
      nchanged=$(grep -m1 '^cells changed:' "$log/naive-eval.txt" | sed 's/^cells changed: *//; s/ .*//')
      naive_result="finished: $naive_figs; wrote $written rows for $rows CRM rows (crmerge-eval: rows gained $ngained, lost $nlost; $nchanged CRM cells differ, compared row by row in position: the join does not keep the CRM's order)"
      naive_done=1
      ;;
    3|124|137)
      naive_result="**did not finish in ${naive_timeout} s** (cancelled; $naive_figs)"
      [ "$naive_rc" -eq 3 ] || naive_result="**did not finish in ${naive_timeout} s** (killed after ignoring the cancel; $naive_figs)"
      ;;
    *)
      naive_result="failed (exit $naive_rc): $(grep -m1 'failed:' "$log/naive.err" | sed 's/^bench-duckrun: //' | cut -c1-300)"
      ;;
  esac
  rm -f out/naive.csv
fi

# ------------------------------------------------------------------ scoring
# The timed runs are plain merges (no --audit: it costs time). One more, untimed run
# writes the audit; its output must be byte-identical to the timed runs' (crmerge is
# deterministic), and the timed output is what crmerge-eval scores.
audit_same="not checked (--no-score)"
if [ "$no_score" -eq 0 ]; then
  echo "perf.sh: untimed crmerge run with --audit, then crmerge-eval" >&2
  "${crmerge_cmd[@]}" --out out/crmerge-audited.csv --audit out/audit.csv > "$log/crmerge-audit.out" 2> "$log/crmerge-audit.err" \
    || { echo "perf.sh: the audited crmerge run failed; see $log/crmerge-audit.err" >&2; grep -m1 'error' "$log/crmerge-audit.err" >&2; exit 1; }
  audit_same=yes
  cmp -s out/crmerge-audited.csv out/crmerge-1.csv || audit_same=no
  rm -f out/crmerge-audited.csv
  "$bin/crmerge-eval" --truth data/truth --crm data/crm.csv --output out/crmerge-1.csv --matches out/audit.csv \
    --mode fill --json out/score.json > "$log/score.txt"
fi
field() { [ "$no_score" -eq 0 ] || { echo "-"; return; }; grep -m1 "^$1:" "$log/score.txt" | sed "s/^$1: *//"; }

# ------------------------------------------------------------------ report
med() { local prefix=$1 fn=$2 i; for ((i = 1; i <= runs; i++)); do "$fn" "$prefix-$i"; done | median; }
cw=$(med crmerge wall_of) cc=$(med crmerge cpu_of) cr=$(med crmerge rss_of)
fw=$(med floor wall_of) fc=$(med floor cpu_of) fr=$(med floor rss_of)
runs_of() { local prefix=$1 fn=$2 i s=""; for ((i = 1; i <= runs; i++)); do s+="${s:+, }$("$fn" "$prefix-$i")"; done; echo "$s"; }
rate() { awk -v r="$rows" -v w="$1" 'BEGIN {if (w > 0) printf "%.0f", r / w; else print "-"}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.1f", a / b; else print "-"}'; }
cm=$(median_run crmerge) fm=$(median_run floor)
phases=$(sed -n 's/^crmerge: \([a-z_]*\) done in \([0-9hm.]*s\).*/\1 \2/p' "$log/crmerge-$cm.err" | paste -sd, - | sed 's/,/, /g')
statements=$(sed -n 's/^bench-duckrun: statement \([0-9]*\) of [0-9]* done in \([0-9.]*\) s/\1 \2/p' "$log/floor-$fm.err" \
  | awk 'BEGIN {split("CRM read+write,apollo read,zoominfo read,cognism read", n, ",")} {printf "%s%s %.2f s", (NR > 1 ? ", " : ""), n[$1], $2}')
naive_row=""
[ "$naive_done" -eq 0 ] || naive_row="| naive SQL (once) | $nw | $(awk -v u="$nu" -v s="$ns" 'BEGIN {printf "%.2f", u + s}') | $(awk -v m="$nm" 'BEGIN {printf "%.0f", m / 1024}') | $(rate "$nw") | $(ratio "$nw" "$fw") |"
cores=$(nproc)
cpu_model=$(grep -m1 '^model name' /proc/cpuinfo | sed 's/^model name[[:space:]]*: *//' || true)
in_mb=$(stat -c %s "${inputs[@]}" | awk '{t += $1} END {printf "%.1f", t / 1e6}')

cat <<MD
### Speed, $(date -u +%Y-%m-%d), $cores cores, $rows CRM rows

Command: \`bench/perf.sh $args\`
(crmerge built from $rev, binary sha256 $crmerge_sha…; machine: ${cpu_model:-unknown CPU}, $cores cores, load average at start $load_start; $runs runs each,
alternating crmerge and floor; \`--threads $threads --memory-limit $memory_limit\` for both; measured with $timer)

Inputs (seed $seed): CRM $rows rows $(mb data/crm.csv) MB (25 columns); apollo $vrows rows $(mb data/apollo.csv) MB (40),
zoominfo $vrows rows $(mb data/zoominfo.csv) MB (43), cognism $vrows rows $(mb data/cognism.csv) MB (30); $in_mb MB in all.
Outputs: crmerge $(mb out/crmerge-1.csv) MB, floor $(mb out/floor.csv) MB (the CRM's columns only).

| | wall s (median) | CPU s (median) | peak RSS MB (median) | CRM rows/s | × floor (wall) |
|---|---|---|---|---|---|
| \`crmerge merge\` | $cw | $cc | $cr | $(rate "$cw") | $(ratio "$cw" "$fw") |
| I/O floor (DuckDB) | $fw | $fc | $fr | $(rate "$fw") | 1.0 |
${naive_row:+$naive_row
}
Each run, wall s: crmerge $(runs_of crmerge wall_of); floor $(runs_of floor wall_of).
CPU s: crmerge $(runs_of crmerge cpu_of); floor $(runs_of floor cpu_of). CPU ratio crmerge / floor: $(ratio "$cc" "$fc").

crmerge phases (median run, $cm): $phases.
Floor statements (median run, $fm): $statements.

Naive SQL (\`read_csv_auto\` + three \`LEFT JOIN … ON email = email OR phone = phone\`, \`--threads $threads\`, DuckDB's default memory limit): $naive_result.

Quality of the timed output (crmerge-eval, fill mode; audit from an untimed \`--audit\` run whose output is byte-identical to it: $audit_same;
all $runs timed outputs byte-identical: $same_outputs):

| precision | recall | rows gained | rows lost | CRM cells changed | cells filled |
|---|---|---|---|---|---|
| $(field precision | cut -d' ' -f1) | $(field recall | cut -d' ' -f1) | $(field "rows gained") | $(field "rows lost") | $(field "cells changed" | cut -d' ' -f1) | $(field "cells filled") |
MD
echo "perf.sh: files in $dir (logs in $log)" >&2
