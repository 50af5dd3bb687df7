#!/usr/bin/env bash
# Match quality, measured: generates data with crmerge-gen, merges it with
# crmerge (--audit), scores the merge and the raw-email baseline with
# crmerge-eval, and prints a Markdown section for bench/RESULTS.md.
#   bench/quality.sh [--rows N] [--seed S] [--dir DIR] [-- extra crmerge merge flags]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rows=1000000 seed=1 dir=""
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "usage: bench/quality.sh [--rows N] [--seed S] [--dir DIR] [-- crmerge merge flags]" >&2; exit 2 ;;
  esac
done
bin=$root/build
for b in crmerge crmerge-gen crmerge-eval; do
  [ -x "$bin/$b" ] || { echo "quality.sh: $bin/$b is missing: run 'make build' first" >&2; exit 2; }
done
[ -n "$dir" ] || dir=$(mktemp -d "${TMPDIR:-/tmp}/crmerge-quality-XXXXXX")
mkdir -p "$dir"
data=$dir/data
[ -f "$data/crm.csv" ] || "$bin/crmerge-gen" --out "$data" --crm-rows "$rows" --seed "$seed" >&2

start=$(date +%s%N)
"$bin/crmerge" merge --crm "$data/crm.csv" --enrich apollo="$data/apollo.csv" --enrich zoominfo="$data/zoominfo.csv" \
  --enrich cognism="$data/cognism.csv" --out "$dir/merged.csv" --audit "$dir/audit.csv" --report "$dir/report.json" \
  "${extra[@]}" >&2
ms=$((($(date +%s%N) - start) / 1000000))
"$bin/crmerge-eval" --truth "$data/truth" --crm "$data/crm.csv" --output "$dir/merged.csv" --matches "$dir/audit.csv" \
  --mode fill --json "$dir/score.json" > "$dir/score.txt"
"$bin/crmerge-eval" --truth "$data/truth" --crm "$data/crm.csv" --baseline raw-email --vendors "$data" \
  --json "$dir/baseline.json" > "$dir/baseline.txt"

field() { grep -m1 "^$1" "$2" | sed "s/^$1: *//"; }
cat <<MD
### Match quality, $(date -u +%Y-%m-%d), $(nproc) cores

Command: \`bench/quality.sh --rows $rows --seed $seed${extra:+ -- ${extra[*]}}\`
(CRM $rows rows; Apollo, ZoomInfo, Cognism $rows rows each; crmerge took $((ms / 1000)).$((ms % 1000 / 100)) s)

| | precision | recall | rows gained | rows lost | CRM cells changed |
|---|---|---|---|---|---|
| crmerge (fill mode) | $(field precision "$dir/score.txt" | cut -d' ' -f1) | $(field recall "$dir/score.txt" | cut -d' ' -f1) | $(field "rows gained" "$dir/score.txt") | $(field "rows lost" "$dir/score.txt") | $(field "cells changed" "$dir/score.txt") |
| raw e-mail equality | $(field precision "$dir/baseline.txt" | cut -d' ' -f1) | $(field recall "$dir/baseline.txt" | cut -d' ' -f1) | | | |

\`\`\`
$(sed -n '1,8p' "$dir/score.txt")
\`\`\`
MD
echo "quality.sh: files in $dir" >&2
