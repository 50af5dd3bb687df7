# Jobs survive the server's death. The server kills itself (a test-only fault
# point: CRMERGE_FAULT names a phase or a row count) during import, during
# match and during export; started again, it resumes the job at its first
# unfinished phase, the finished ones are not run again (per-phase attempt
# counts), and the result equals an uninterrupted run's byte for byte.
# SIGTERM during a job leaves it resumable the same way.
source "$(dirname "$0")/lib.sh"
"$TESTTOOL" fixture "$T" 7 60000 2 40000
UPLOAD=(-F "crm=@$T/crm.csv" -F "enrich=@$T/vendor1.csv;filename=a.csv" -F "enrich=@$T/vendor2.csv;filename=b.csv")
"$CRMERGE" merge -q --crm "$T/crm.csv" --enrich a="$T/vendor1.csv" --enrich b="$T/vendor2.csv" \
  --out "$T/reference.csv" || fail "the reference merge failed"

# point : the phase run twice ("" for none)
points=("import:rows:30000:import" "phase:match:start:match" "export:rows:30000:export" "phase:resolve:end:resolve")
n=0
for entry in "${points[@]}"; do
  n=$((n + 1))
  point=${entry%:*}
  again=${entry##*:}
  D="$T/data$n"
  CRMERGE_FAULT=$point start_server "$T/killed$n.log" --data-dir "$D" || continue
  ID=$(submit "${UPLOAD[@]}")
  wait "$SERVER_PID" 2>/dev/null
  rc=$?
  SERVER_PID=""
  [ "$rc" -eq 137 ] && pass "the server died at $point" || fail "the fault at $point did not kill the server (exit $rc)"
  [ -d "$D/work/$ID" ] && pass "the job folder is kept after a kill at $point" || fail "no job folder after $point"
  start_server "$T/restarted$n.log" --data-dir "$D" || continue
  state=$(wait_final "$ID")
  [ "$state" = succeeded ] && pass "resumed after a kill at $point" || fail "after a kill at $point the job is $state"
  api GET "/v1/jobs/$ID" > /dev/null
  expect_json .runs 2 "the job ran twice ($point)"
  for phase in import map keys match resolve export; do
    want=1
    [ "$phase" = "$again" ] && want=2
    expect_json ".phase_attempts.$phase" "$want" "$phase attempted $want time(s) after a kill at $point"
  done
  api GET "/v1/jobs/$ID/result" > /dev/null
  expect_same_file "$T/reference.csv" "$T/body" "the same bytes after a kill at $point"
  [ ! -e "$D/work/$ID" ] && pass "the job folder is deleted once the result is stored" || fail "job folder left ($point)"
  stop_server
done

# SIGTERM while the export runs (paused there by the fault point): the job goes
# back to the queue, the next start resumes it at the export.
D="$T/data-term"
CRMERGE_FAULT="export:rows:20000@pause" start_server "$T/term.log" --data-dir "$D" || exit 1
ID=$(submit "${UPLOAD[@]}")
for i in $(seq 1 600); do grep -q "paused at" "$T/term.log" && break; sleep 0.1; done
grep -q "paused at" "$T/term.log" && pass "the job reached the pause" || fail "the job never paused"
api GET "/v1/jobs/$ID" > /dev/null
expect_json .state running "the paused job is running"
expect_json .phase export "its phase is export"
expect_json '.timings | keys | join(",")' "import,keys,map,match,resolve" "the store recorded each finished phase"
kill -TERM "$SERVER_PID"
wait "$SERVER_PID"
rc=$?
SERVER_PID=""
[ "$rc" -eq 0 ] && pass "SIGTERM with a running job: exit 0" || fail "SIGTERM with a running job: exit $rc"
start_server "$T/term2.log" --data-dir "$D" || exit 1
[ "$(wait_final "$ID")" = succeeded ] && pass "the interrupted job resumed" || fail "the interrupted job did not resume"
api GET "/v1/jobs/$ID" > /dev/null
expect_json .phase_attempts.match 1 "match was not run again after SIGTERM"
expect_json .phase_attempts.export 2 "the export ran again after SIGTERM"
api GET "/v1/jobs/$ID/result" > /dev/null
expect_same_file "$T/reference.csv" "$T/body" "the same bytes after SIGTERM and a restart"
stop_server

# kill -9 from outside, at moments nobody chose: the job still ends with the
# same bytes after a restart.
for delay in 0.7 1.6; do
  D="$T/data-kill-$delay"
  start_server "$T/kill-$delay.log" --data-dir "$D" || continue
  ID=$(submit "${UPLOAD[@]}")
  sleep "$delay"
  kill -9 "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null
  SERVER_PID=""
  start_server "$T/kill-$delay-2.log" --data-dir "$D" || continue
  [ "$(wait_final "$ID")" = succeeded ] && pass "succeeded after kill -9 at ${delay}s" \
    || fail "not succeeded after kill -9 at ${delay}s"
  api GET "/v1/jobs/$ID/result" > /dev/null
  expect_same_file "$T/reference.csv" "$T/body" "the same bytes after kill -9 at ${delay}s"
  stop_server
done

# Cancel: a running job stops and becomes cancelled; its folders are removed.
D="$T/data-cancel"
CRMERGE_FAULT="keys:rows:10000@pause" start_server "$T/cancel.log" --data-dir "$D" || exit 1
ID=$(submit "${UPLOAD[@]}")
for i in $(seq 1 600); do grep -q "paused at" "$T/cancel.log" && break; sleep 0.1; done
Q=$(submit "${UPLOAD[@]}")
expect_status 200 "$(api POST "/v1/jobs/$Q/cancel")" "cancel a queued job"
expect_json .state cancelled "a queued job is cancelled at once"
expect_status 200 "$(api POST "/v1/jobs/$ID/cancel")" "cancel a running job"
[ "$(wait_final "$ID")" = cancelled ] && pass "the running job ends cancelled" || fail "the running job did not cancel"
[ ! -e "$D/work/$ID" ] && [ ! -e "$D/results/$ID" ] && pass "a cancelled job's folders are removed" \
  || fail "a cancelled job left folders"
expect_status 409 "$(api GET "/v1/jobs/$ID/result")" "a cancelled job has no result"
stop_server

# DELETE of a running job: it is stopped, its files go, and the server goes on.
D="$T/data-delete"
CRMERGE_FAULT="keys:rows:10000@pause" start_server "$T/delete.log" --data-dir "$D" || exit 1
ID=$(submit "${UPLOAD[@]}")
for i in $(seq 1 600); do grep -q "paused at" "$T/delete.log" && break; sleep 0.1; done
expect_status 204 "$(api DELETE "/v1/jobs/$ID")" "DELETE a running job"
expect_status 404 "$(api GET "/v1/jobs/$ID")" "the deleted job is gone"
[ ! -e "$D/work/$ID" ] && [ ! -e "$D/uploads/$ID" ] && [ ! -e "$D/results/$ID" ] \
  && pass "the deleted running job's files are gone" || fail "a deleted running job left files"
expect_status 200 "$(api GET /healthz)" "the server goes on after deleting a running job"
expect_json .running 0 "no job runs after the delete"
stop_server

# A webhook not yet delivered when the server died is sent by the next start.
D="$T/data-hook"
start_sink "$T/hooks"
echo 500 > "$T/hooks/answer"
start_server "$T/hook.log" --data-dir "$D" --webhook-allow 127.0.0.1 || exit 1
ID=$(submit "${UPLOAD[@]}" -F "options={\"webhook_url\":\"$SINK_URL\"}")
[ "$(wait_final "$ID")" = succeeded ] && pass "the webhook job succeeded" || fail "the webhook job did not succeed"
wait_files "$T/hooks" 1 && pass "the first attempt reached the receiver" || fail "no webhook attempt"
kill -9 "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null
SERVER_PID=""
grep -qx 200 "$T"/hooks/*.status && fail "a webhook was accepted before the restart"
echo 200 > "$T/hooks/answer"
start_server "$T/hook2.log" --data-dir "$D" --webhook-allow 127.0.0.1 || exit 1
for i in $(seq 1 300); do grep -qx 200 "$T"/hooks/*.status && break; sleep 0.1; done
n=$(grep -lx 200 "$T"/hooks/*.status | head -n 1)
[ -n "$n" ] && pass "the restarted server sent the webhook" || fail "the webhook was never sent after the restart"
[ -n "$n" ] && [ "$(jq -r .id "${n%.status}.json")" = "$ID" ] && pass "it carried the job" || fail "wrong webhook body"
stop_server
stop_sink

# The janitor removes folders of no job at start-up.
mkdir -p "$D/work/0123456789abcdef0123456789abcdef" "$D/uploads/leftover" "$D/results/ffffffffffffffffffffffffffffffff"
start_server "$T/janitor.log" --data-dir "$D" || exit 1
[ ! -e "$D/work/0123456789abcdef0123456789abcdef" ] && [ ! -e "$D/uploads/leftover" ] \
  && [ ! -e "$D/results/ffffffffffffffffffffffffffffffff" ] && pass "the janitor removed folders of no job" \
  || fail "folders of no job survived a start"
expect_contains "$T/janitor.log" "folder(s) of no job" "the janitor says what it removed"
stop_server
finish
