# The service under load: 8 jobs submitted at once to 2 workers all succeed
# with the CLI's bytes; an upload several times the memory budget streams to
# disk with the server's peak RSS bounded; more open event streams than the
# HTTP pool starts with, while /healthz still answers.
source "$(dirname "$0")/lib.sh"
"$TESTTOOL" fixture "$T" 11 20000 2 15000
UPLOAD=(-F "crm=@$T/crm.csv" -F "enrich=@$T/vendor1.csv;filename=a.csv" -F "enrich=@$T/vendor2.csv;filename=b.csv")
"$CRMERGE" merge -q --crm "$T/crm.csv" --enrich a="$T/vendor1.csv" --enrich b="$T/vendor2.csv" \
  --out "$T/reference.csv" || fail "the reference merge failed"
"$CRMERGE" merge -q --crm "$T/crm.csv" --enrich a="$T/vendor1.csv" --enrich b="$T/vendor2.csv" --mode append \
  --out "$T/reference-append.csv" || fail "the reference merge (append) failed"

start_server "$T/server.log" --data-dir "$T/data" --workers 2 --memory-limit 512MB || exit 1
ids=()
submit_pids=()
for i in $(seq 1 8); do
  mode=fill
  [ $((i % 2)) -eq 0 ] && mode=append
  (curl -s -X POST "${UPLOAD[@]}" -F "options={\"mode\":\"$mode\"}" "$BASE/v1/jobs" | jq -r .id > "$T/id$i") &
  submit_pids+=($!)
done
wait "${submit_pids[@]}"  # not a bare wait: the server is a child too
for i in $(seq 1 8); do ids+=("$(cat "$T/id$i")"); done
max_running=0
for i in $(seq 1 3000); do
  api GET /healthz > /dev/null
  r=$(jq -r .running "$T/body")
  [ "$r" -gt "$max_running" ] && max_running=$r
  left=$(curl -s "$BASE/v1/jobs?limit=100" | jq '[.jobs[] | select(.state == "queued" or .state == "running")] | length')
  [ "$left" -eq 0 ] && break
  sleep 0.1
done
[ "$max_running" -le 2 ] && pass "never more than 2 jobs ran at once (saw $max_running)" \
  || fail "$max_running jobs ran at once with --workers 2"
[ "$max_running" -eq 2 ] && pass "two jobs ran at once" || fail "the two workers never ran together"
for i in $(seq 1 8); do
  id=${ids[$((i - 1))]}
  ref="$T/reference.csv"
  [ $((i % 2)) -eq 0 ] && ref="$T/reference-append.csv"
  api GET "/v1/jobs/$id" > /dev/null
  expect_json .state succeeded "job $i of 8 succeeded"
  api GET "/v1/jobs/$id/result" > /dev/null
  expect_same_file "$ref" "$T/body" "job $i's result equals the CLI's"
done

# More event streams than the pool's 8 first threads, on a job that is paused,
# and /healthz still answers.
stop_server
CRMERGE_FAULT="keys:rows:5000@pause" start_server "$T/streams.log" --data-dir "$T/data2" || exit 1
ID=$(submit "${UPLOAD[@]}")
for i in $(seq 1 300); do grep -q "paused at" "$T/streams.log" && break; sleep 0.1; done
stream_pids=()
for i in $(seq 1 24); do
  curl -s -N "$BASE/v1/jobs/$ID/events" > "$T/stream$i" &
  stream_pids+=($!)
done
# Until every stream has its first event (24 curl processes take a while to
# start on 2 busy cores: a fixed second was once too short for 2 of them).
streams_with_the_job() {
  local n=0
  for i in $(seq 1 24); do grep -q "event: job" "$T/stream$i" && n=$((n + 1)); done
  echo "$n"
}
for _ in $(seq 1 300); do
  [ "$(streams_with_the_job)" -eq 24 ] && break
  sleep 0.1
done
code=$(curl -s -o "$T/body" -w '%{http_code}' --max-time 5 "$BASE/healthz")
expect_status 200 "$code" "/healthz answers with 24 event streams open"
expect_status 200 "$(api GET "/v1/jobs/$ID" --max-time 5)" "the API answers with 24 event streams open"
open=$(streams_with_the_job)
[ "$open" -eq 24 ] && pass "all 24 streams got the job" || fail "only $open of 24 streams got the job (in 30 s)"
expect_status 200 "$(api POST "/v1/jobs/$ID/cancel")" "cancel the watched job"
for pid in "${stream_pids[@]}"; do wait "$pid"; done
ended=0
for i in $(seq 1 24); do grep -q "event: end" "$T/stream$i" && ended=$((ended + 1)); done
[ "$ended" -eq 24 ] && pass "every stream ended with the job" || fail "only $ended of 24 streams ended"
grep -q '"state":"cancelled"' "$T/stream1" && pass "the streams saw the cancellation" || fail "no cancelled state"
stop_server

# An upload 4 times the memory budget (64MB): streamed to disk, never held.
# Its options are refused after the files arrived, so the job never runs and
# the peak RSS is the upload's alone.
start_server "$T/upload.log" --data-dir "$T/data3" --memory-limit 64MB || exit 1
big="$T/big.csv"
tail -n +2 "$T/crm.csv" > "$T/rows"
while [ "$(stat -c %s "$T/rows")" -lt $((256 << 20)) ]; do cat "$T/rows" "$T/rows" > "$T/rows2" && mv "$T/rows2" "$T/rows"; done
{ head -n 1 "$T/crm.csv"; cat "$T/rows"; } > "$big"
rm "$T/rows"
size=$(stat -c %s "$big")
code=$(api POST /v1/jobs -F "crm=@$big" -F "enrich=@$T/vendor1.csv" -F 'options={"colour":"blue"}')
expect_status 400 "$code" "a ${size}-byte upload with a bad option is refused after it arrived"
expect_contains "$T/body" "colour" "the refusal names the option"
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status")
echo "server peak RSS after a $((size >> 20)) MiB upload: $((hwm >> 10)) MiB"
[ "$hwm" -lt $((96 << 10)) ] && pass "peak RSS $((hwm >> 10)) MiB for a $((size >> 20)) MiB upload" \
  || fail "peak RSS $((hwm >> 10)) MiB for a $((size >> 20)) MiB upload (limit 96 MiB)"
[ -z "$(ls -A "$T/data3/uploads")" ] && pass "the refused upload was deleted" || fail "the refused upload remains"
stop_server
start_server "$T/upload2.log" --data-dir "$T/data4" --max-upload-bytes 1MB || exit 1
expect_status 413 "$(api POST /v1/jobs "${UPLOAD[@]}")" "an upload over --max-upload-bytes: 413"
expect_json .error.code payload_too_large "413 says payload_too_large"
# Asked "Expect: 100-continue" for a body over the limit, the server answers
# 413 before the body is sent, not "100 Continue" (after which it would refuse
# the body and close the connection under the client: curl then saw only the
# 100, once in a few hundred uploads).
port=${BASE##*:}
exec {conn}<>"/dev/tcp/127.0.0.1/$port"
printf 'POST /v1/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: 2000000\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n' >&$conn
first=""
IFS= read -r -t 10 first <&$conn || true
exec {conn}>&-
case "$first" in
  "HTTP/1.1 413"*) pass "Expect: 100-continue over the limit is answered 413 before the body" ;;
  *) fail "Expect: 100-continue over the limit: the first answer was '${first%$'\r'}', expected 413" ;;
esac
finish
