# SIGINT and SIGTERM stop a job, remove partial files and exit 130; a job in a
# folder named with --work-dir keeps it and can be resumed.
source "$(dirname "$0")/lib.sh"
"$TESTTOOL" fixture "$T" 7 20000 1 10000
args=(merge --crm "$T/crm.csv" --enrich a="$T/vendor1.csv")
mkdir -p "$T/out"
expect_exit 0 "reference run" -- "$CRMERGE" "${args[@]}" --out "$T/reference.csv"

# Starts the job paused at a fault point, sends a signal once it got there.
# (The job runs in the background of this non-interactive shell, so it starts
# with SIGINT ignored, as such jobs do: crmerge must handle SIGINT regardless.)
interrupt_at() {  # POINT SIGNAL OUT [more args]
  local point=$1 sig=$2 out=$3
  shift 3
  CRMERGE_FAULT="$point@pause" "$CRMERGE" "${args[@]}" --out "$out" "$@" >"$T/stdout" 2>"$T/stderr" &
  local pid=$!
  for _ in $(seq 1 600); do
    grep -q "paused at" "$T/stderr" && break
    sleep 0.05
  done
  grep -q "paused at" "$T/stderr" || fail "the job never reached $point"
  kill -s "$sig" "$pid"
  # A job that ignored the signal would hang the test: give it 60 s, then kill it.
  for _ in $(seq 1 600); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null && fail "the job did not stop within 60 s of SIG$sig"
  wait "$pid"
  rc=$?
}

for sig in INT TERM; do
  for point in export:rows:1000 phase:match:start import:rows:500; do
    interrupt_at "$point" "$sig" "$T/out/merged.csv"
    if [ "$rc" -eq 130 ]; then pass "SIG$sig at $point exits 130"; else
      fail "SIG$sig at $point: exit $rc, expected 130"; sed "s/^/  stderr: /" "$T/stderr" >&2
    fi
    expect_contains "$T/stderr" "interrupted" "SIG$sig at $point is reported"
    expect_only "$T/out" "SIG$sig at $point left no partial output"
    expect_only "$TMPDIR" "SIG$sig at $point removed the default job folder"
  done
done

interrupt_at export:rows:1000 INT "$T/out/merged.csv" --work-dir "$T/job"
[ -d "$T/job" ] && pass "a named job folder is kept after an interrupt" || fail "the named job folder was deleted"
expect_exit 0 "resume after Ctrl-C" -- "$CRMERGE" "${args[@]}" --out "$T/out/merged.csv" --work-dir "$T/job"
expect_contains "$T/stderr" "match: already done by an earlier run" "the resumed job kept its finished phases"
expect_same_file "$T/reference.csv" "$T/out/merged.csv" "same bytes after Ctrl-C and resume"

# A second crmerge given the folder of a running job stops at once and touches
# nothing in it (it used to delete the folder under the running job).
CRMERGE_FAULT="phase:match:start@pause" "$CRMERGE" "${args[@]}" --out "$T/out/first.csv" --work-dir "$T/busy" \
  >"$T/first.out" 2>"$T/first.err" &
first=$!
for _ in $(seq 1 600); do
  grep -q "paused at" "$T/first.err" && break
  sleep 0.05
done
grep -q "paused at" "$T/first.err" || fail "the first job never reached phase:match:start"
expect_exit 1 "a second job in the folder of a running one fails" -- \
  "$CRMERGE" "${args[@]}" --out "$T/out/second.csv" --work-dir "$T/busy"
expect_contains "$T/stderr" "is in use by another crmerge process" "the second job says the folder is in use"
[ -f "$T/busy/job.duckdb" ] && pass "the running job's folder is untouched" || fail "the running job's database is gone"
[ ! -e "$T/out/second.csv" ] && pass "the second job wrote no output" || fail "the second job wrote an output"
kill -INT "$first"
wait "$first"
expect_exit 0 "the first job resumes in its folder" -- "$CRMERGE" "${args[@]}" --out "$T/out/first.csv" --work-dir "$T/busy"
expect_contains "$T/stderr" "keys: already done by an earlier run" "the first job's finished phases survived"
expect_same_file "$T/reference.csv" "$T/out/first.csv" "same bytes after a second job was turned away"
finish
