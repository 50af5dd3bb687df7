# Issue 22, faults: a write of crmerge's own that fails (injected: the
# CRMERGE_FAULT write points of src/base/fault.h), a disk that really fills (a
# tmpfs of a few MB, mounted in a private mount namespace), and a job folder
# deleted under a running job each fail that job with a plain error, leave
# nothing of it behind, and the server goes on: the next job succeeds with the
# CLI's bytes. Checks named issue22_<bug> hold a fixed bug fixed.
#
# As root the script runs itself again under `unshare -m`, so that its tmpfs
# mounts are seen by nothing outside it; where it cannot (not root, no mount
# namespaces) the real-disk checks are skipped, and say so.
if [ -z "${CRMERGE_FAULTS_NS:-}" ] && [ "$(id -u)" = 0 ] && unshare -m true 2> /dev/null; then
  CRMERGE_FAULTS_NS=1 exec unshare -m --propagation private bash "$0" "$@"
fi
source "$(dirname "$0")/lib.sh"
MOUNTS=()
trap 'stop_server; for m in "${MOUNTS[@]}"; do umount "$m"; done; rm -rf "$T"' EXIT

mkdir -p "$T/inputs/small" "$T/inputs/big"
"$TESTTOOL" fixture "$T/inputs/small" 7 60000 2 40000
S="$T/inputs/small"
UPLOAD=(-F "crm=@$S/crm.csv" -F "enrich=@$S/vendor1.csv;filename=a.csv" -F "enrich=@$S/vendor2.csv;filename=b.csv")
"$CRMERGE" merge -q --crm "$S/crm.csv" --enrich a="$S/vendor1.csv" --enrich b="$S/vendor2.csv" \
  --out "$T/reference.csv" || fail "the reference merge failed"

# The files a data folder holds besides its job store and uploaded inputs: none
# once its jobs failed (no job folder, no result, no temporary file).
leftovers() {  # DATA-DIR
  (cd "$1" && find . -mindepth 1 ! -name 'jobs.sqlite*' ! -path './uploads*' ! -path ./work ! -path ./results | sort \
    | tr '\n' ' ')
}
expect_no_leftovers() {  # DATA-DIR DESCRIPTION
  local left
  left=$(leftovers "$1")
  [ -z "$left" ] && pass "$2: nothing left in the data folder" || fail "$2: the data folder holds $left"
}
alive() {  # DESCRIPTION
  expect_status 200 "$(api GET /healthz --max-time 5)" "$1: /healthz answers"
  expect_json .running 0 "$1: no job left running"
}
# The error of the failed job in $T/body: names the problem, is an I/O error,
# and holds no personal data (the fixture's e-mails, phones and names).
expect_error() {  # TEXT DESCRIPTION
  local msg
  msg=$(jq -r .error.message "$T/body")
  echo "  ($2: \"$msg\")"
  case "$msg" in
    *"$1"*) pass "$2: the error says '$1'" ;;
    *) fail "$2: the error is '$msg', expected '$1'" ;;
  esac
  expect_json .error.reason io_error "$2: an I/O error"
  if grep -qiE '@|smith|555-|name[0-9]|person[0-9]|example[0-9]|company' <<< "$msg"; then
    fail "$2: personal data in the error: $msg"
  fi
}
# A job after the failed one succeeds with the CLI's bytes.
expect_next_job_succeeds() {  # DESCRIPTION SUBMIT-ARGS...
  local what=$1 id state
  shift
  id=$(submit "$@")
  state=$(wait_final "$id")
  [ "$state" = succeeded ] && pass "$what: the next job succeeds" || fail "$what: the next job is $state"
  api GET "/v1/jobs/$id/result" > /dev/null
  expect_same_file "$T/reference.csv" "$T/body" "$what: the next job has the CLI's bytes"
}
json_paths() {  # DIR: a JSON submit of the fixture in DIR, by path
  jq -n --arg c "$1/crm.csv" --arg a "$1/vendor1.csv" --arg b "$1/vendor2.csv" \
    '{crm: $c, enrich: [{label: "a", path: $a}, {label: "b", path: $b}]}'
}
BY_PATH=(-H 'Content-Type: application/json')

# --- 1. an injected write failure of each writer fails the job; the second job of the server succeeds
# (The output's second write: the first put 4 MiB of it in its temporary file.)
# point | what the error says
points=(
  "write:runs:ENOSPC|the disk is full while writing the sorted run $T/data-1/work/"
  "write:row_index:ENOSPC|the disk is full while writing the row index $T/data-2/work/"
  "write:output:ENOSPC:2|the disk is full while writing the output $T/data-3/results/"
  "write:output:EIO|the disk failed (an I/O error) while writing the output $T/data-4/results/"
)
n=0
for entry in "${points[@]}"; do
  n=$((n + 1))
  point=${entry%%|*}
  text=${entry#*|}
  D="$T/data-$n"
  CRMERGE_FAULT=$point start_server "$T/fault-$n.log" --data-dir "$D" --threads 2 || continue
  ID=$(submit "${UPLOAD[@]}")
  state=$(wait_final "$ID")
  [ "$state" = failed ] && pass "$point fails the job" || fail "$point: the job is $state"
  api GET "/v1/jobs/$ID" > /dev/null
  expect_error "$text" "$point"
  expect_no_leftovers "$D" "$point"
  expect_status 409 "$(api GET "/v1/jobs/$ID/result")" "$point: the failed job has no result"
  alive "$point"
  expect_next_job_succeeds "$point" "${UPLOAD[@]}"
  stop_server
done

# --- 2. the CLI: an injected write failure names the file, and leaves no file behind
mkdir -p "$T/cli-out"
args=(merge -q --crm "$S/crm.csv" --enrich a="$S/vendor1.csv" --enrich b="$S/vendor2.csv" --out "$T/cli-out/merged.csv")
# point | what the error says
points=(
  "write:output:ENOSPC:2|the disk is full while writing the output $T/cli-out/merged.csv"
  "write:runs:EIO|the disk failed (an I/O error) while writing the sorted run $TMPDIR/crmerge-job-"
  "write:row_index:EIO|the disk failed (an I/O error) while writing the row index $TMPDIR/crmerge-job-"
)
for entry in "${points[@]}"; do
  point=${entry%%|*}
  CRMERGE_FAULT=$point expect_exit 1 "merge with $point" -- "$CRMERGE" "${args[@]}"
  expect_contains "$T/stderr" "${entry#*|}" "merge with $point: the error names the file"
  expect_only "$T/cli-out" "merge with $point: no output, no partial file"
  expect_only "$TMPDIR" "merge with $point: the job folder is removed"
done

# --- 3. a folder deleted under a running job fails it (the job sleeps at a fault point meanwhile).
# Deleted as the keys phase starts, the phase made the folder again and the job
# succeeded; deleted in the export, DuckDB's commit failed as an internal error.
# deleted at | the bug
deletions=("phase:keys:start|issue22_deleted_job_folder_job_succeeds"
  "export:rows:20000|issue22_deleted_job_folder_internal_error")
for entry in "${deletions[@]}"; do
  at=${entry%%|*}
  bug=${entry#*|}
  D="$T/data-deleted-${at%%:*}"
  CRMERGE_FAULT="$at@sleep:1" start_server "$T/deleted-${at%%:*}.log" --data-dir "$D" --threads 2 || continue
  ID=$(submit "${UPLOAD[@]}")
  for i in $(seq 1 300); do grep -q "sleeping 1 s at $at" "$T/deleted-${at%%:*}.log" && break; sleep 0.1; done
  [ -d "$D/work/$ID" ] && pass "the job sleeps at $at in its folder" || fail "no job folder at $at"
  rm -rf "$D/work/$ID"
  state=$(wait_final "$ID")
  [ "$state" = failed ] && pass "$bug: deleted at $at, the job fails" || fail "$bug: deleted at $at, the job is $state"
  api GET "/v1/jobs/$ID" > /dev/null
  expect_error "the job folder $D/work/$ID was deleted while the job ran" "$bug: deleted at $at"
  expect_no_leftovers "$D" "deleted at $at"
  alive "deleted at $at"
  expect_next_job_succeeds "deleted at $at" "${UPLOAD[@]}"
  stop_server
done

# --- 4. a real full disk (tmpfs), as root only
if [ -z "${CRMERGE_FAULTS_NS:-}" ]; then
  echo "SKIP: the real full-disk checks need root and mount namespaces (a tmpfs of their own)"
  finish
  exit $?
fi
mount_tmpfs() {  # DIR SIZE
  mkdir -p "$1"
  mount -t tmpfs -o "size=$2,mode=0700" tmpfs "$1" && MOUNTS+=("$1") || fail "cannot mount a tmpfs on $1"
}
used_kb() { df -k --output=used "$1" | tail -n 1 | tr -d ' '; }
expect_space_freed() {  # DISK DESCRIPTION: back near empty (the job store: a few hundred KB)
  local used
  used=$(used_kb "$1")
  [ "$used" -lt 1024 ] && pass "$2: the space is freed (${used} KB used)" || fail "$2: ${used} KB still used"
}

# 4a. A job that outgrows the disk: 400k CRM rows with --memory-limit at its
# least, so DuckDB spills too (into the job folder's spill/, on the tmpfs).
"$TESTTOOL" fixture "$T/inputs/big" 9 400000 2 300000
DISK="$T/disk"
mount_tmpfs "$DISK" 72m
D="$DISK/data"
start_server "$T/full.log" --data-dir "$D" --allowed-root "$T/inputs" --memory-limit 140MB --threads 2 || exit 1
ID=$(submit "${BY_PATH[@]}" -d "$(json_paths "$T/inputs/big")")
peak=0
spilled=no
for i in $(seq 1 1200); do
  state=$(curl -s "$BASE/v1/jobs/$ID" | jq -r .state)
  used=$(used_kb "$DISK")
  [ "$used" -gt "$peak" ] && peak=$used
  [ -n "$(ls -A "$D/work/$ID/spill" 2> /dev/null)" ] && spilled=yes
  case "$state" in succeeded | failed | cancelled) break ;; esac
  sleep 0.1
done
echo "the job folder peaked at ${peak} KB seen of 73728; DuckDB's spill seen: $spilled"
[ "$state" = failed ] && pass "a job that fills the disk fails" || fail "a job that fills the disk is $state"
api GET "/v1/jobs/$ID" > /dev/null
# (Which write finds the disk full varies: a run, DuckDB's WAL, its spill files.)
expect_error "the disk is full while writing " "a full disk"
expect_space_freed "$DISK" "a full disk"
[ ! -e "$D/work/$ID" ] && pass "a full disk: the job folder is gone" || fail "a full disk: the job folder is left"
expect_no_leftovers "$D" "a full disk"
alive "a full disk"
expect_next_job_succeeds "a full disk" "${BY_PATH[@]}" -d "$(json_paths "$S")"
stop_server
rm -rf "$D"

# 4b. The disk fills while DuckDB writes (the job sleeps at the map phase's
# start while the test fills the disk; the map phase writes nothing but
# DuckDB's tables): DuckDB's out-of-space error is the same plain I/O error
# (it was an internal error in DuckDB's words).
D="$DISK/data2"
CRMERGE_FAULT=phase:map:start@sleep:1 start_server "$T/full2.log" --data-dir "$D" --allowed-root "$T/inputs" \
  --threads 2 || exit 1
ID=$(submit "${BY_PATH[@]}" -d "$(json_paths "$S")")
for i in $(seq 1 300); do grep -q "sleeping 1 s" "$T/full2.log" && break; sleep 0.1; done
dd if=/dev/zero of="$DISK/filler" bs=1M 2> /dev/null
state=$(wait_final "$ID")
rm -f "$DISK/filler"
[ "$state" = failed ] && pass "the disk full in DuckDB's writes fails the job" || fail "DuckDB's full disk: the job is $state"
api GET "/v1/jobs/$ID" > /dev/null
expect_error "the disk is full while writing $D/work/$ID/" "issue22_duckdb_full_disk_is_internal_error"
expect_space_freed "$DISK" "a full disk in DuckDB's writes"
expect_no_leftovers "$D" "a full disk in DuckDB's writes"
alive "a full disk in DuckDB's writes"
expect_next_job_succeeds "a full disk in DuckDB's writes" "${BY_PATH[@]}" -d "$(json_paths "$S")"
stop_server

# 4c. The CLI's output on a disk too small for it (the job folder elsewhere).
SMALL="$T/small-disk"
mount_tmpfs "$SMALL" 4m
args=(merge -q --crm "$S/crm.csv" --enrich a="$S/vendor1.csv" --enrich b="$S/vendor2.csv" --out "$SMALL/merged.csv")
expect_exit 1 "merge: an output larger than its disk" -- "$CRMERGE" "${args[@]}"
expect_contains "$T/stderr" "the disk is full while writing the output $SMALL/merged.csv" "merge: the full disk names the output"
expect_only "$SMALL" "merge: no partial output on the full disk"
expect_space_freed "$SMALL" "merge: a full output disk"
expect_only "$TMPDIR" "merge: the job folder is removed after a full output disk"
finish
