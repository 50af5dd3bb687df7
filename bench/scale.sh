#!/usr/bin/env bash
# One large `crmerge merge` (issue 4, point 3: the 50M run), with the disk checked
# first and watched throughout. Generates the data if DIR/data does not hold it,
# runs the merge once under GNU time with its job folder in DIR/job, samples free
# disk and the job folder every 10 s, and prints wall time, peak RSS, the job
# folder's peak and the output's line count against the CRM's.
#
#   bench/scale.sh --crm-rows 50000000 --vendor-rows 16666667 --dir /data/p50m
#   options: --memory-limit 512MB --threads 2 --seed 1
#
# Needs about 0.43 KB of disk per input row for the data, then the larger of the
# job folder's peak (0.65x the data, in the match, spill included) and what the
# export needs at once (the job's database, 0.1 KB per input row, and 1.4x the
# CRM for the output: the spill is gone by then). Measured at 10M and 50M; it
# stops before starting when the disk has less.
set -euo pipefail

crm_rows= vendor_rows= dir= memory_limit=512MB threads=2 seed=1
while [ $# -gt 0 ]; do
  case $1 in
    --crm-rows) crm_rows=$2; shift 2 ;;
    --vendor-rows) vendor_rows=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --memory-limit) memory_limit=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    *) echo "scale.sh: unknown argument $1 (see the top of $0)" >&2; exit 2 ;;
  esac
done
[ -n "$crm_rows" ] && [ -n "$dir" ] || { echo "usage: bench/scale.sh --crm-rows N [--vendor-rows M] --dir DIR" >&2; exit 2; }
vendor_rows=${vendor_rows:-$crm_rows}
root=$(cd "$(dirname "$0")/.." && pwd)
for b in crmerge crmerge-gen; do
  [ -x "$root/build/$b" ] || { echo "scale.sh: $root/build/$b is missing: run 'make build' first" >&2; exit 2; }
done
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
data=$dir/data

# ------------------------------------------------------------------ disk first
rows=$((crm_rows + 3 * vendor_rows))
need_data=$((rows * 430))
[ -f "$data/crm.csv" ] && need_data=0
need_job=$((rows * 430 * 65 / 100))
need_export=$((rows * 100 + crm_rows * 300 * 14 / 10))
[ "$need_export" -gt "$need_job" ] && need_job=$need_export
free=$(df -B1 --output=avail "$dir" | tail -1)
need=$((need_data + need_job))
echo "scale.sh: $dir has $((free >> 30)) GiB free; data, job folder and output need about $((need >> 30)) GiB" >&2
if [ "$free" -lt "$need" ]; then
  echo "scale.sh: not enough disk: free some, or use --dir on a larger disk" >&2
  exit 1
fi

# ------------------------------------------------------------------ data
if [ ! -f "$data/crm.csv" ]; then
  echo "scale.sh: generating $crm_rows CRM rows and 3 x $vendor_rows vendor rows" >&2
  "$root/build/crmerge-gen" --out "$data" --crm-rows "$crm_rows" --vendor-rows "$vendor_rows" --seed "$seed" --threads "$threads"
  rm -rf "$data/truth"  # no score at these sizes
fi

# ------------------------------------------------------------------ the run
rm -rf "$dir/job" "$dir/out"
mkdir -p "$dir/out"
(while :; do
  echo "$(date +%T) $(df -B1 --output=avail "$dir" | tail -1) $(du -sb "$dir/job" 2>/dev/null | cut -f1)"
  sleep 10
done) > "$dir/disk.log" 2> /dev/null &
watcher=$!
trap 'kill $watcher 2>/dev/null || true' EXIT
status=0
/usr/bin/time -v "$root/build/crmerge" merge --crm "$data/crm.csv" --enrich "apollo=$data/apollo.csv" \
  --enrich "zoominfo=$data/zoominfo.csv" --enrich "cognism=$data/cognism.csv" --threads "$threads" \
  --memory-limit "$memory_limit" --out "$dir/out/crmerge.csv" --work-dir "$dir/job" \
  > "$dir/run.out" 2> "$dir/run.err" || status=$?
kill $watcher 2>/dev/null || true
grep -v '^\s' "$dir/run.err" | grep -v '^$' | tr '\r' '\n' | grep -v '^$' | tail -n 12 >&2
[ "$status" -eq 0 ] || { echo "scale.sh: crmerge failed (exit $status); see $dir/run.err" >&2; exit 1; }
cat "$dir/run.out"
echo "wall: $(grep 'Elapsed (wall clock)' "$dir/run.err" | awk '{print $NF}')"
echo "peak RSS: $(grep 'Maximum resident' "$dir/run.err" | awk '{print $NF}') KB"
echo "lowest free disk: $(sort -k2 -n "$dir/disk.log" | head -1 | awk '{printf "%.1f GiB at %s", $2 / 2^30, $1}')"
echo "lines: output $(wc -l < "$dir/out/crmerge.csv"), CRM $(wc -l < "$data/crm.csv") (must be equal)"
