# The HTTP API's contract, endpoint by endpoint: status codes and JSON bodies,
# tenants that never see each other's jobs, uploads, downloads, errors.
source "$(dirname "$0")/lib.sh"
E="$SRC/examples"
KA=key-of-tenant-a-0123456789
KB=key-of-tenant-b-9876543210
printf '# tenants\nacme %s\nglobex\t%s\n' "$KA" "$KB" > "$T/keys.txt"
mkdir -p "$T/allowed" "$T/elsewhere"
cp "$E/crm.csv" "$E/apollo.csv" "$E/zoominfo.csv" "$T/allowed/"
cp "$E/crm.csv" "$T/elsewhere/"
A=(-H "Authorization: Bearer $KA")
B=(-H "X-API-Key: $KB")
UPLOAD=(-F "crm=@$E/crm.csv" -F "enrich=@$E/apollo.csv" -F "enrich=@$E/zoominfo.csv")

"$CRMERGE" merge -q --crm "$E/crm.csv" --enrich "$E/apollo.csv" --enrich "$E/zoominfo.csv" --out "$T/cli.csv" \
  --report "$T/cli-report.json" || fail "the CLI merge of the examples failed"

# Without keys the server refuses to listen beyond loopback.
expect_exit 1 "no API keys and --bind 0.0.0.0 is refused" -- "$CRMERGE" serve --port 0 --bind 0.0.0.0 \
  --data-dir "$T/refused"
expect_contains "$T/stderr" "--api-keys-file" "the refusal says what to do"

# --webhook-allow: the webhook receiver below listens on loopback, which the
# server refuses as a webhook target unless allowed.
start_server "$T/server.log" --data-dir "$T/data" --api-keys-file "$T/keys.txt" --allowed-root "$T/allowed" \
  --webhook-allow 127.0.0.1 || exit 1

# --- service endpoints
expect_status 200 "$(api GET /healthz)" "GET /healthz"
expect_json .status ok "/healthz says ok"
expect_json .workers 1 "/healthz counts the workers"
expect_status 200 "$(api GET /metrics)" "GET /metrics needs no key"
expect_contains "$T/body" 'crmerge_jobs{state="queued"} 0' "/metrics has jobs by state"
expect_status 200 "$(api GET /v1/openapi.json)" "GET /v1/openapi.json"
expect_json .openapi 3.0.3 "the OpenAPI document parses"

# --- authentication
expect_status 401 "$(api GET /v1/jobs)" "no key: 401"
expect_json .error.code unauthorized "401 says unauthorized"
expect_status 401 "$(api GET /v1/jobs -H 'Authorization: Bearer not-a-key-at-all-0000')" "a wrong key: 401"
expect_status 401 "$(api POST /v1/jobs "${UPLOAD[@]}")" "a submit without a key: 401"

# --- submit (multipart) and watch
code=$(api POST /v1/jobs "${A[@]}" "${UPLOAD[@]}" -F 'options={"mode":"fill"}')
expect_status 201 "$code" "POST /v1/jobs (multipart)"
ID=$(jq -r .id "$T/body")
[[ "$ID" =~ ^[0-9a-f]{32}$ ]] && pass "the id is 32 hex digits" || fail "bad job id '$ID'"
expect_contains "$T/headers" "Location: /v1/jobs/$ID" "201 carries the job's Location"
expect_json '.inputs.enrich | map(.label) | join(",")' "apollo,zoominfo" "vendor labels from the file names, in order"
expect_json .links.result "/v1/jobs/$ID/result" "the job links its result"
expect_json '.state | test("queued|running|succeeded")' true "a new job is queued or already running"
[ "$(wait_final "$ID" "${A[@]}")" = succeeded ] && pass "the job succeeded" || fail "the job did not succeed"
expect_status 200 "$(api GET "/v1/jobs/$ID" "${A[@]}")" "GET /v1/jobs/{id}"
expect_json .state succeeded "state succeeded"
expect_json .percent 100 "percent 100"
expect_json .rows 15 "rows: the CRM's rows"
expect_json '.phase_attempts.match' 1 "phase attempts recorded"
expect_json '.timings | has("export")' true "phase timings recorded"
expect_json '.finished_at | test("^20[0-9-]+T[0-9:.]+Z$")' true "times are RFC 3339 UTC"

expect_status 200 "$(api GET "/v1/jobs/$ID/result" "${A[@]}")" "GET result"
expect_same_file "$T/cli.csv" "$T/body" "the result equals the CLI's output for the same inputs"
expect_contains "$T/headers" "Accept-Ranges: bytes" "the result accepts ranges"
size=$(stat -c %s "$T/cli.csv")
expect_contains "$T/headers" "Content-Length: $size" "the result has its Content-Length"
expect_status 206 "$(api GET "/v1/jobs/$ID/result" "${A[@]}" -H 'Range: bytes=10-109')" "a ranged download: 206"
cmp -s "$T/body" <(tail -c +11 "$T/cli.csv" | head -c 100) && pass "the range's bytes" || fail "wrong bytes for 10-109"
expect_contains "$T/headers" "Content-Range: bytes 10-109/$size" "206 carries Content-Range"
expect_status 206 "$(api GET "/v1/jobs/$ID/result" "${A[@]}" -H 'Range: bytes=-20')" "a suffix range: 206"
cmp -s "$T/body" <(tail -c 20 "$T/cli.csv") && pass "the suffix range's bytes" || fail "wrong bytes for -20"
expect_status 416 "$(api GET "/v1/jobs/$ID/result" "${A[@]}" -H "Range: bytes=$size-")" "a range past the end: 416"
expect_status 200 "$(api GET "/v1/jobs/$ID/report" "${A[@]}")" "GET report"
jq -e '.inputs' "$T/body" >/dev/null && pass "the report is JSON with inputs" || fail "the report is not the match report"

curl -s -N --max-time 10 "${A[@]}" "$BASE/v1/jobs/$ID/events" > "$T/events"
expect_contains "$T/events" "event: job" "events: the job"
expect_contains "$T/events" "event: end" "events: a final job's stream ends"
expect_contains "$T/events" '"state":"succeeded"' "events carry the job object"

# --- idempotency
code=$(api POST /v1/jobs "${A[@]}" -H 'Idempotency-Key: order-77' "${UPLOAD[@]}")
expect_status 201 "$code" "a submit with an Idempotency-Key"
IDEM=$(jq -r .id "$T/body")
code=$(api POST /v1/jobs "${A[@]}" -H 'Idempotency-Key: order-77' "${UPLOAD[@]}")
expect_status 200 "$code" "the same key again: 200"
expect_json .id "$IDEM" "the same key returns the same job"
code=$(api POST /v1/jobs "${B[@]}" -H 'Idempotency-Key: order-77' "${UPLOAD[@]}")
expect_status 201 "$code" "the same key from another tenant is another job"
BJOB=$(jq -r .id "$T/body")
[ "$BJOB" != "$IDEM" ] && pass "tenants' idempotency keys are apart" || fail "tenant B got tenant A's job"

# --- tenants: B can never reach A's job, by any endpoint
for ep in "GET /v1/jobs/$ID" "GET /v1/jobs/$ID/result" "GET /v1/jobs/$ID/report" "GET /v1/jobs/$ID/events" \
  "POST /v1/jobs/$ID/cancel" "DELETE /v1/jobs/$ID"; do
  expect_status 404 "$(api ${ep% *} "${ep#* }" "${B[@]}" --max-time 5)" "tenant B: $ep"
done
expect_status 200 "$(api GET /v1/jobs "${A[@]}")" "A's job survived B's attempts"
api GET /v1/jobs "${B[@]}" > /dev/null
expect_json "[.jobs[].id] | index(\"$ID\")" null "B's list does not show A's job"
expect_json '.jobs | length' 1 "B's list shows B's one job"

# --- list and pagination
api POST /v1/jobs "${A[@]}" "${UPLOAD[@]}" > /dev/null
expect_status 200 "$(api GET '/v1/jobs?limit=2' "${A[@]}")" "GET /v1/jobs?limit=2"
expect_json '.jobs | length' 2 "a page of 2"
CURSOR=$(jq -r .next_cursor "$T/body")
[ "$CURSOR" != null ] && pass "a next cursor" || fail "no next_cursor with 3 jobs and limit 2"
FIRST=$(jq -r '.jobs[].id' "$T/body" | tr '\n' ' ')
expect_status 200 "$(api GET "/v1/jobs?limit=2&cursor=$CURSOR" "${A[@]}")" "the second page"
expect_json '.jobs | length' 1 "the last job on the second page"
expect_json .next_cursor null "no cursor after the last page"
case "$FIRST" in *"$(jq -r '.jobs[0].id' "$T/body")"*) fail "a job on two pages" ;; *) pass "pages do not repeat" ;; esac
expect_status 400 "$(api GET '/v1/jobs?limit=0' "${A[@]}")" "limit 0: 400"
expect_status 400 "$(api GET '/v1/jobs?cursor=zzz' "${A[@]}")" "a malformed cursor: 400"

# --- bad requests
expect_status 404 "$(api GET /v1/jobs/0123456789abcdef0123456789abcdef "${A[@]}")" "an unknown job id: 404"
expect_json .error.code not_found "404 says not_found"
expect_status 404 "$(api GET /v1/jobs/not-an-id "${A[@]}")" "a malformed job id: 404"
expect_status 404 "$(api GET /v1/nothing "${A[@]}")" "an unknown endpoint: 404"
expect_json .error.code not_found "an unknown endpoint answers JSON"
expect_status 400 "$(api POST /v1/jobs "${A[@]}" -H 'Content-Type: multipart/form-data; boundary=XX' \
  --data-binary $'--XX\r\nContent-Disposition: form-data; name="crm"; filename="a.csv"\r\n\r\nid,email\r\n1,a')" \
  "a malformed (cut short) multipart body: 400"
expect_json .error.code invalid_request "a malformed body says invalid_request"
expect_status 400 "$(api POST /v1/jobs "${A[@]}" -F "crm=@$E/crm.csv")" "no enrich part: 400"
expect_contains "$T/body" "enrich" "the message names the missing part"
expect_status 400 "$(api POST /v1/jobs "${A[@]}" "${UPLOAD[@]}" -F "photo=@$E/crm.csv")" "an unknown part: 400"
expect_status 400 "$(api POST /v1/jobs "${A[@]}" "${UPLOAD[@]}" -F 'options={"mode":"merge"}')" "a bad option: 400"
expect_contains "$T/body" "options.mode" "the message names the option"
# Issue 22: safe_csv is checked at submit, and the level reaches the merge.
expect_status 400 "$(api POST /v1/jobs "${A[@]}" "${UPLOAD[@]}" -F 'options={"safe_csv":"yes"}')" "a bad safe_csv: 400"
expect_contains "$T/body" "options.safe_csv" "the message names safe_csv"
SAFE="$SRC/tests/cases/safe_csv_all"
code=$(api POST /v1/jobs "${A[@]}" -F "crm=@$SAFE/crm.csv" -F "enrich=@$SAFE/vendor.csv" \
  -F 'options={"safe_csv":"all","meta":false}')
expect_status 201 "$code" "a job with safe_csv all"
SAFE_ID=$(jq -r .id "$T/body")
expect_json .options.safe_csv all "the job's options show safe_csv"
[ "$(wait_final "$SAFE_ID" "${A[@]}")" = succeeded ] && pass "the safe_csv job succeeded" || fail "the safe_csv job failed"
expect_status 200 "$(api GET "/v1/jobs/$SAFE_ID/result" "${A[@]}")" "GET the safe_csv job's result"
expect_same_file "$SAFE/expected.csv" "$T/body" "the safe_csv result is the case's expected output"
expect_status 400 "$(api POST /v1/jobs "${A[@]}" "${UPLOAD[@]}" -F 'options=not json')" "options that are not JSON: 400"
expect_status 415 "$(api POST /v1/jobs "${A[@]}" -H 'Content-Type: text/plain' --data 'hello')" "text/plain: 415"
[ -z "$(ls -A "$T/data/uploads" | grep -v -e "$ID" -e "$IDEM" -e "$BJOB" | grep -v -x -F -f <(curl -s "${A[@]}" "$BASE/v1/jobs" | jq -r '.jobs[].id'))" ] \
  && pass "refused uploads leave nothing behind" || fail "a refused upload left files in uploads/"

# --- inputs by path, under the allowed root only
body=$(jq -n --arg c "$T/allowed/crm.csv" --arg a "$T/allowed/apollo.csv" --arg z "$T/allowed/zoominfo.csv" \
  '{crm: $c, enrich: [$a, {label: "zi", path: $z}], options: {provenance: true}}')
expect_status 201 "$(api POST /v1/jobs "${A[@]}" -H 'Content-Type: application/json' --data "$body")" \
  "a JSON submit with paths under the allowed root"
PJOB=$(jq -r .id "$T/body")
expect_json '.inputs.enrich | map(.label) | join(",")' "apollo,zi" "labels from the JSON submit"
[ "$(wait_final "$PJOB" "${A[@]}")" = succeeded ] && pass "the path job succeeded" || fail "the path job failed"
body=$(jq -n --arg c "$T/elsewhere/crm.csv" --arg a "$T/allowed/apollo.csv" '{crm: $c, enrich: [$a]}')
expect_status 403 "$(api POST /v1/jobs "${A[@]}" -H 'Content-Type: application/json' --data "$body")" \
  "a path outside the allowed root: 403"
body=$(jq -n --arg c "$T/allowed/../elsewhere/crm.csv" --arg a "$T/allowed/apollo.csv" '{crm: $c, enrich: [$a]}')
expect_status 403 "$(api POST /v1/jobs "${A[@]}" -H 'Content-Type: application/json' --data "$body")" \
  "a path escaping the allowed root with ..: 403"
body=$(jq -n --arg c "$T/allowed/missing.csv" --arg a "$T/allowed/apollo.csv" '{crm: $c, enrich: [$a]}')
expect_status 400 "$(api POST /v1/jobs "${A[@]}" -H 'Content-Type: application/json' --data "$body")" \
  "a missing file: 400"

# --- a job that fails, cancel and delete
printf 'id,email\n1,"unterminated\n' > "$T/bad.csv"
code=$(api POST /v1/jobs "${A[@]}" -F "crm=@$T/bad.csv" -F "enrich=@$E/apollo.csv")
FJOB=$(jq -r .id "$T/body")
[ "$(wait_final "$FJOB" "${A[@]}")" = failed ] && pass "a malformed CRM fails its job" || fail "the bad CRM did not fail"
api GET "/v1/jobs/$FJOB" "${A[@]}" > /dev/null
expect_json .error.reason invalid_input "the failure's reason"
expect_json '.error.message | test("line")' true "the failure names the line"
expect_json '.error.message | startswith("bad.csv line")' true "the failure names the file as uploaded"
expect_json '.error.message | test("uploads/") | not' true "no server path in the failure"
expect_status 409 "$(api GET "/v1/jobs/$FJOB/result" "${A[@]}")" "the result of a failed job: 409"
expect_status 409 "$(api POST "/v1/jobs/$ID/cancel" "${A[@]}")" "cancelling a finished job: 409"
expect_status 204 "$(api DELETE "/v1/jobs/$ID" "${A[@]}")" "DELETE a job: 204"
expect_status 404 "$(api GET "/v1/jobs/$ID" "${A[@]}")" "a deleted job: 404"
[ ! -e "$T/data/uploads/$ID" ] && [ ! -e "$T/data/results/$ID" ] && pass "a deleted job's files are gone" \
  || fail "a deleted job's files remain"
api GET /metrics > /dev/null
expect_contains "$T/body" 'crmerge_job_failures_total{reason="invalid_input"} 1' "/metrics counts failures by reason"
expect_contains "$T/body" 'crmerge_http_requests_total{code="404"}' "/metrics counts responses by code"

# --- a completion webhook, retried: the receiver fails twice, then accepts
start_sink "$T/hooks" 500 503 200
code=$(api POST /v1/jobs "${A[@]}" "${UPLOAD[@]}" -F "options={\"webhook_url\":\"$SINK_URL\"}")
expect_status 201 "$code" "a submit with a webhook"
WJOB=$(jq -r .id "$T/body")
[ "$(wait_final "$WJOB" "${A[@]}")" = succeeded ] && pass "the webhook job succeeded" || fail "the webhook job failed"
wait_files "$T/hooks" 3 && pass "the webhook was retried until accepted (3 attempts)" || fail "fewer than 3 webhook attempts"
sleep 1
[ "$(ls "$T/hooks"/*.json | wc -l)" -eq 3 ] && pass "no attempt after the accepted one" || fail "attempts after a 200"
[ "$(jq -r .id "$T/hooks/3.json")" = "$WJOB" ] && [ "$(jq -r .state "$T/hooks/3.json")" = succeeded ] \
  && pass "the webhook carries the finished job" || fail "the webhook body is not the job"
[ "$(cat "$T/hooks/3.event")" = job.finished ] && pass "X-Crmerge-Event: job.finished" || fail "no event header"
stop_sink

# --- SIGTERM: /healthz says so, the server exits 0
kill -TERM "$SERVER_PID"
wait "$SERVER_PID"
rc=$?
SERVER_PID=""
[ "$rc" -eq 0 ] && pass "SIGTERM stops the server (exit 0)" || fail "the server exited $rc on SIGTERM"

# --- jobs survive a restart
start_server "$T/server2.log" --data-dir "$T/data" --api-keys-file "$T/keys.txt" || exit 1
expect_status 200 "$(api GET "/v1/jobs/$PJOB" "${A[@]}")" "a job is still there after a restart"
expect_json .state succeeded "its state too"
finish
