#!/usr/bin/env bash
# The job service beside the CLI, on the same files: alternating runs of
# `crmerge merge` and of one job through `crmerge serve` (upload with `crmerge
# jobs submit`, run, `jobs download`), with the server's peak RSS and the CLI's.
# Prints a Markdown section for bench/RESULTS.md. See bench/README.md.
#   bench/service.sh --data DIR [--runs K] [--threads T] [--memory-limit X]
# DIR holds crm.csv and the vendor files (*.csv besides crm.csv), e.g. what
# bench/perf.sh generated (its DIR/data).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
args="$*"
data="" runs=3 threads=2 memory_limit=512MB
usage() { echo "usage: bench/service.sh --data DIR [--runs K] [--threads T] [--memory-limit X]" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data=${2:?}; shift 2 ;;
    --runs) runs=${2:?}; shift 2 ;;
    --threads) threads=${2:?}; shift 2 ;;
    --memory-limit) memory_limit=${2:?}; shift 2 ;;
    *) usage ;;
  esac
done
[ -n "$data" ] && [ -f "$data/crm.csv" ] || usage
crmerge="$root/build/crmerge"
[ -x "$crmerge" ] || { echo "service.sh: build first (make build)" >&2; exit 1; }
enrich=()
for f in "$data"/*.csv; do [ "$(basename "$f")" = crm.csv ] || enrich+=(--enrich "$f"); done
work=$(mktemp -d "${TMPDIR:-/tmp}/crmerge-service-bench-XXXXXX")
server_pid=""
trap '[ -n "$server_pid" ] && kill -TERM "$server_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

now() { date +%s.%N; }
peak_of() { awk '/VmHWM/ {printf "%.0f\n", $2 / 1024}' "/proc/$1/status"; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a - b}'; }
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

for run in $(seq 1 "$runs"); do
  # The CLI, its peak RSS polled from /proc.
  start=$(now)
  "$crmerge" merge -q --crm "$data/crm.csv" "${enrich[@]}" --out "$work/cli.csv" --threads "$threads" \
    --memory-limit "$memory_limit" &
  pid=$!
  peak=0
  while kill -0 "$pid" 2>/dev/null; do
    p=$(peak_of "$pid" 2>/dev/null || echo 0)
    [ "${p:-0}" -gt "$peak" ] && peak=$p
    sleep 0.05
  done
  wait "$pid"
  echo "$(minus "$(now)" "$start") $peak" >> "$work/cli.times"

  # The service: a fresh data folder, one worker with the same budget.
  rm -rf "$work/data"
  "$crmerge" serve --port 0 --data-dir "$work/data" --threads "$threads" --memory-limit "$memory_limit" \
    > "$work/server.log" 2>&1 &
  server_pid=$!
  for i in $(seq 1 100); do grep -q listening "$work/server.log" && break; sleep 0.05; done
  export CRMERGE_SERVER=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/server.log")
  t0=$(now)
  id=$("$crmerge" jobs submit -q --crm "$data/crm.csv" "${enrich[@]}" | tail -n 1)
  t1=$(now)
  "$crmerge" jobs wait -q "$id"
  t2=$(now)
  "$crmerge" jobs download -q "$id" --out "$work/service.csv"
  t3=$(now)
  echo "$(minus "$t1" "$t0") $(minus "$t2" "$t1") $(minus "$t3" "$t2") $(minus "$t3" "$t0") $(peak_of "$server_pid")" \
    >> "$work/service.times"
  kill -TERM "$server_pid"
  wait "$server_pid" || true
  server_pid=""
  cmp -s "$work/cli.csv" "$work/service.csv" || { echo "service.sh: the service's result differs from the CLI's" >&2; exit 1; }
done

col() { awk -v c="$2" '{print $c}' "$work/$1.times" | median; }
cli_wall=$(col cli 1) cli_rss=$(col cli 2)
up=$(col service 1) run=$(col service 2) down=$(col service 3) total=$(col service 4) srss=$(col service 5)
in_mb=$(du -cm "$data"/*.csv | tail -n 1 | cut -f1)
cat <<MD
### Job service beside the CLI ($(date -u +%Y-%m-%d), $(nproc) cores)

\`bench/service.sh $args\` — $runs alternating runs each, medians; inputs ${in_mb} MB
($(wc -l < "$data/crm.csv") CRM lines), --threads $threads, --memory-limit $memory_limit. The service's
result was byte-identical to the CLI's in every run.

| | wall (s) | peak RSS (MB) |
|---|---|---|
| \`crmerge merge\` | $cli_wall | $cli_rss |
| \`crmerge serve\` job: upload (\`jobs submit\`) | $up | |
| ... run (submit to succeeded, \`jobs wait\`) | $run | |
| ... download (\`jobs download\`) | $down | |
| ... in all | $total | $srss (the server process) |
MD
