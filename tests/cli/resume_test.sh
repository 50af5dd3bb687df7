# A job killed with SIGKILL at any point, rerun with the same --work-dir,
# resumes at its first unfinished phase and writes the same bytes as a run
# that was never interrupted (DESIGN.md invariants 3 and 9).
source "$(dirname "$0")/lib.sh"
"$TESTTOOL" fixture "$T" 42 60000 2 40000
args=(merge --crm "$T/crm.csv" --enrich a="$T/vendor1.csv" --enrich b="$T/vendor2.csv")
mkdir -p "$T/out"

expect_exit 0 "an uninterrupted run" -- "$CRMERGE" "${args[@]}" --out "$T/reference.csv"

# point : the phases an interrupted run must have finished already
points=(
  "import:rows:30000:"
  "phase:import:end:"
  "phase:map:start:import"
  "keys:rows:30000:import map"
  "phase:match:start:import map keys"
  "phase:resolve:start:import map keys match"
  "phase:export:start:import map keys match resolve"
  "export:rows:30000:import map keys match resolve"
)
n=0
for entry in "${points[@]}"; do
  n=$((n + 1))
  point=${entry%:*}
  finished=${entry##*:}
  W="$T/job$n"
  out="$T/out/merged$n.csv"
  CRMERGE_FAULT=$point "$CRMERGE" "${args[@]}" --out "$out" --work-dir "$W" >"$T/stdout" 2>"$T/stderr"
  rc=$?
  [ "$rc" -eq 137 ] && pass "killed at $point" || fail "the fault at $point did not kill the job (exit $rc)"
  [ -e "$out" ] && fail "an output appeared although the job was killed at $point"
  expect_exit 0 "rerun after a kill at $point" -- "$CRMERGE" "${args[@]}" --out "$out" --work-dir "$W"
  expect_same_file "$T/reference.csv" "$out" "same bytes after a kill at $point"
  for phase in $finished; do
    expect_contains "$T/stderr" "$phase: already done by an earlier run" "$phase was not run again after a kill at $point"
  done
  if [ -z "$finished" ] && grep -q "already done" "$T/stderr"; then fail "a phase was kept after a kill at $point"; fi
  [ -e "$W" ] && fail "the job folder $W was not deleted at the end"
done
expect_only "$T/out" "no stale temporary files after resumed runs" $(cd "$T/out" && ls merged*.csv)

# Regression: killed while deleting its job folder at the end (kill -9 at 1.3 s
# once hit it), the folder had lost its marker but not its files, and the
# rerun refused it as foreign. The marker now goes last.
W="$T/cleanup"
CRMERGE_FAULT=phase:cleanup:start "$CRMERGE" "${args[@]}" --out "$T/out/cleanup.csv" --work-dir "$W" >/dev/null 2>&1
rc=$?
[ "$rc" -eq 137 ] && pass "killed while deleting the job folder" || fail "the cleanup fault did not fire (exit $rc)"
[ "$(ls -A "$W")" = CRMERGE_JOB ] && pass "only the marker is left when the deletion is cut short" \
  || fail "the cut-short deletion left: $(ls -A "$W" | tr '\n' ' ')"
expect_exit 0 "rerun after a kill during the cleanup" -- "$CRMERGE" "${args[@]}" --out "$T/out/cleanup.csv" --work-dir "$W"
expect_same_file "$T/reference.csv" "$T/out/cleanup.csv" "same bytes after a kill during the cleanup"
rm -f "$T/out/cleanup.csv"

# kill -9 from outside, at moments nobody chose.
for delay in 0.15 0.4 0.8 1.3; do
  W="$T/killed-$delay"
  out="$T/out/killed-$delay.csv"
  "$CRMERGE" "${args[@]}" --out "$out" --work-dir "$W" >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  expect_exit 0 "rerun after kill -9 at ${delay}s" -- "$CRMERGE" "${args[@]}" --out "$out" --work-dir "$W"
  expect_same_file "$T/reference.csv" "$out" "same bytes after kill -9 at ${delay}s"
done

# The export writes pieces of the CRM on several threads (a piece per 16384
# rows): killed while they write, the rerun gives the same bytes, and no
# part of the killed run reaches the output folder.
mkdir -p "$T/big" "$T/out-big"
"$TESTTOOL" fixture "$T/big" 43 140000 1 90000
big=(merge --crm "$T/big/crm.csv" --enrich v="$T/big/vendor1.csv")
expect_exit 0 "an uninterrupted one-range run" -- "$CRMERGE" "${big[@]}" --threads 1 --out "$T/out-big/reference.csv"
big+=(--threads 2)
W="$T/big-job"
CRMERGE_FAULT=export:rows:40000 "$CRMERGE" "${big[@]}" --out "$T/out-big/merged.csv" --work-dir "$W" >"$T/stdout" 2>"$T/stderr"
rc=$?
[ "$rc" -eq 137 ] && pass "killed while two ranges were written" || fail "the export fault did not kill the two-range job (exit $rc)"
expect_exit 0 "rerun after a kill in a two-range export" -- "$CRMERGE" "${big[@]}" --out "$T/out-big/merged.csv" --work-dir "$W"
expect_same_file "$T/out-big/reference.csv" "$T/out-big/merged.csv" "same bytes as one range after a kill in a two-range export"
expect_only "$T/out-big" "no stale temporary files after the two-range export" reference.csv merged.csv

# A changed input is not trusted: the job starts over.
W="$T/changed"
CRMERGE_FAULT=phase:match:start "$CRMERGE" "${args[@]}" --out "$T/out/changed.csv" --work-dir "$W" >/dev/null 2>&1
printf 'person1@example1.com;New;"Co";1\n' >> "$T/vendor1.csv"
expect_exit 0 "rerun after a vendor file changed" -- "$CRMERGE" "${args[@]}" --out "$T/out/changed.csv" --work-dir "$W"
expect_contains "$T/stderr" "starting over" "a changed input restarts the job"
if grep -q "already done" "$T/stderr"; then fail "a phase was kept although an input changed"; fi
finish
