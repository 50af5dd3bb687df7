# Issue 22, hardening: what a hostile or careless client must never do to the
# service. Each check is named after the bug it holds fixed.
source "$(dirname "$0")/lib.sh"
E="$SRC/examples"
KA=key-of-tenant-a-0123456789
KB=key-of-tenant-b-9876543210
printf 'acme %s\nglobex %s\n' "$KA" "$KB" > "$T/keys.txt"
A=(-H "Authorization: Bearer $KA")
B=(-H "Authorization: Bearer $KB")
mkdir -p "$T/root-a" "$T/root-b" "$T/outside"
cp "$E/crm.csv" "$E/apollo.csv" "$T/root-a/"
cp "$E/crm.csv" "$E/apollo.csv" "$T/root-b/"
printf 'Email,Secret\nsecret@outside.example,outside-row\n' > "$T/outside/secret.csv"
printf 'acme %s\nglobex %s\n' "$T/root-a" "$T/root-b" > "$T/roots.txt"
UPLOAD=(-F "crm=@$E/crm.csv" -F "enrich=@$E/apollo.csv")

alive() {  # DESCRIPTION: the server still answers
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE/healthz")
  [ "$code" = 200 ] && pass "$1: the server keeps serving" || fail "$1: /healthz answers '$code' afterwards"
}

# A refusal of our own: JSON with our code, and no library text in it.
expect_own_error() {  # CODE DESCRIPTION
  expect_json .error.code "$1" "$2: error code $1"
  if grep -qiE 'nlohmann|type_error|json\.exception|terminate' "$T/body"; then fail "$2: a library's text in the answer"; fi
}

# The tenant roots may not overlap.
printf 'acme %s\nglobex %s\n' "$T/root-a" "$T/root-a" > "$T/roots-overlap.txt"
expect_exit 1 "issue22: two tenants with one root are refused" -- "$CRMERGE" serve --port 0 --data-dir "$T/refused" \
  --api-keys-file "$T/keys.txt" --tenant-roots-file "$T/roots-overlap.txt"
expect_contains "$T/stderr" "overlaps the root of acme" "the refusal names the overlap"

start_server "$T/server.log" --data-dir "$T/data" --api-keys-file "$T/keys.txt" --tenant-roots-file "$T/roots.txt" \
  || exit 1
(cd "$T/root-b" && sha256sum crm.csv apollo.csv) > "$T/inputs.sha256"

# --- 1. invalid UTF-8 anywhere in a request: 400, never a crash
for req in "GET /nope%ff" "POST /nope%ff" "GET /%ff" "PUT /v1/jobs%ff" "GET /v1/jobs/%ff/result" "GET /v1/jobs?cursor=%ff" \
  "DELETE /v1/jobs/%c3%28"; do
  set -- $req
  expect_status 400 "$(api "$1" "$2" "${A[@]}")" "issue22_invalid_utf8_in_path_kills_server: $req"
  expect_own_error invalid_request "$req"
done
expect_status 400 "$(api GET /v1/jobs "${A[@]}" -H $'X-Note: caf\xe9')" "issue22: invalid UTF-8 in a header value"
expect_contains "$T/body" "X-Note" "the answer names the header"
code=$(api POST /v1/jobs "${A[@]}" -F "crm=@$E/crm.csv;filename=$(printf 'crm\xff.csv')" -F "enrich=@$E/apollo.csv")
expect_status 400 "$code" "issue22_multipart_file_name_invalid_utf8_answers_500: a file name"
expect_own_error invalid_request "a multipart file name"
code=$(api POST /v1/jobs "${A[@]}" "${UPLOAD[@]}" -F "options=$(printf '{"region":"\xff"}')")
expect_status 400 "$code" "issue22: invalid UTF-8 in the options JSON"
code=$(api POST /v1/jobs "${A[@]}" -H 'Content-Type: application/json' --data-binary "$(printf '{"crm":"/x\xff","enrich":["/y"]}')")
expect_status 400 "$code" "issue22: invalid UTF-8 in a JSON submit"
alive "after every invalid-UTF-8 request"

# --- 2. paths: beneath the tenant's own root, no symlink, the same 403 whether or not a refused path exists
json_submit() {  # CRM VENDOR [AUTH...]
  local crm=$1 vendor=$2
  shift 2
  api POST /v1/jobs "$@" -H 'Content-Type: application/json' --data-binary "{\"crm\":\"$crm\",\"enrich\":[\"$vendor\"]}"
}
expect_status 403 "$(json_submit "$T/outside/secret.csv" "$T/root-a/apollo.csv" "${A[@]}")" \
  "issue22_outside_root_oracle: an existing file outside the root"
cp "$T/body" "$T/outside-exists"
expect_status 403 "$(json_submit "$T/outside/none.csv" "$T/root-a/apollo.csv" "${A[@]}")" \
  "issue22_outside_root_oracle: a missing file outside the root"
sed "s|none.csv|secret.csv|" "$T/body" | cmp -s - "$T/outside-exists" \
  && pass "both refusals say the same" || fail "the refusals differ: $(cat "$T/body") vs $(cat "$T/outside-exists")"
expect_status 403 "$(json_submit "crm.csv" "$T/root-a/apollo.csv" "${A[@]}")" "issue22_relative_path_resolves_against_cwd"
expect_status 403 "$(json_submit "$T/root-a/../root-b/crm.csv" "$T/root-a/apollo.csv" "${A[@]}")" "issue22: '..' is refused"
expect_status 403 "$(json_submit "$T/root-b/crm.csv" "$T/root-a/apollo.csv" "${A[@]}")" \
  "issue22_tenant_roots: acme names a file under globex's root"
expect_status 201 "$(json_submit "$T/root-b/crm.csv" "$T/root-b/apollo.csv" "${B[@]}")" "globex names its own files"
GLOBEX=$(jq -r .id "$T/body")
ln -s "$T/outside/secret.csv" "$T/root-a/link.csv"
expect_status 403 "$(json_submit "$T/root-a/link.csv" "$T/root-a/apollo.csv" "${A[@]}")" "issue22: a symlink beneath the root"
mkdir -p "$T/root-a/sub" && ln -s "$T/outside" "$T/root-a/sub/dir"
expect_status 403 "$(json_submit "$T/root-a/sub/dir/secret.csv" "$T/root-a/apollo.csv" "${A[@]}")" \
  "issue22: a symlinked folder beneath the root"
expect_status 400 "$(json_submit "$T/root-a/missing.csv" "$T/root-a/apollo.csv" "${A[@]}")" "a missing file beneath the root: 400"
[ "$(wait_final "$GLOBEX" "${B[@]}")" = succeeded ] && pass "the path-input job succeeds" || fail "globex's job did not succeed"
(cd "$T/root-b" && sha256sum -c --quiet "$T/inputs.sha256") && pass "the inputs named by path are unchanged" \
  || fail "a job changed its inputs"
stop_server

# The root is checked again when the job starts: a file replaced by a symlink
# after the submit is never read. The first job holds the only worker, paused,
# while the second is submitted and its file swapped.
cp "$E/crm.csv" "$T/root-a/swap.csv"
CRMERGE_FAULT=phase:import:start@pause start_server "$T/server2.log" --data-dir "$T/data2" --api-keys-file "$T/keys.txt" \
  --tenant-roots-file "$T/roots.txt" || exit 1
HOLD=$(submit "${A[@]}" "${UPLOAD[@]}")
for i in $(seq 1 100); do grep -q "paused at" "$T/server2.log" && break; sleep 0.1; done
json_submit "$T/root-a/swap.csv" "$T/root-a/apollo.csv" "${A[@]}" > /dev/null
SWAP=$(jq -r .id "$T/body")
cp "$E/crm.csv" "$T/root-a/replaced.csv"
json_submit "$T/root-a/replaced.csv" "$T/root-a/apollo.csv" "${A[@]}" > /dev/null
REPLACED=$(jq -r .id "$T/body")
rm "$T/root-a/swap.csv" && ln -s "$T/outside/secret.csv" "$T/root-a/swap.csv"
printf 'Record ID,Email\n1,other@example.com\n' > "$T/other.csv" && mv "$T/other.csv" "$T/root-a/replaced.csv"
api POST "/v1/jobs/$HOLD/cancel" "${A[@]}" > /dev/null
[ "$(wait_final "$SWAP" "${A[@]}")" = failed ] && pass "issue22_allowed_root_checked_at_submit_only: the swapped job fails" \
  || fail "the job whose file became a symlink did not fail"
api GET "/v1/jobs/$SWAP" "${A[@]}" > /dev/null
expect_json '.error.message | test("no longer be opened beneath the allowed root")' true "its error says why"
[ "$(wait_final "$REPLACED" "${A[@]}")" = failed ] && pass "issue22: a file replaced after submit fails its job" \
  || fail "the job whose file was replaced did not fail"
api GET "/v1/jobs/$REPLACED" "${A[@]}" > /dev/null
expect_json '.error.message | test("changed or was replaced")' true "its error says the file changed"
if grep -rq "outside-row" "$T/data2"; then fail "the outside file's rows reached the data folder"; else
  pass "no byte of the outside file was read"; fi

# --- 5. files 0600 and folders 0700, whatever the umask (the server runs under umask 022 here)
bad=$(find "$T/data2" \( -type f ! -perm 600 \) -o \( -type d ! -perm 700 \) | head -5)
[ -z "$bad" ] && pass "issue22_files_follow_umask: a paused job's files are 0600 in 0700 folders" || fail "not private: $bad"
stop_server

# Every phase: the job stopped at its start, and every file listed.
for phase in import map keys match resolve export; do
  rm -rf "$T/data3"
  CRMERGE_FAULT=phase:$phase:start@pause start_server "$T/server3.log" --data-dir "$T/data3" || exit 1
  id=$(submit "${UPLOAD[@]}")
  for i in $(seq 1 200); do grep -q "paused at" "$T/server3.log" && break; sleep 0.05; done
  grep -q "paused at phase:$phase:start" "$T/server3.log" || fail "the job did not pause at $phase"
  bad=$(find "$T/data3" \( -type f ! -perm 600 \) -o \( -type d ! -perm 700 \))
  n=$(find "$T/data3" | wc -l)
  [ -z "$bad" ] && pass "issue22: at $phase's start, all $n files and folders are private" || fail "at $phase: $bad"
  stop_server
done

# --- 4. ranges, 6. idempotency and options, on a finished job
start_server "$T/server4.log" --data-dir "$T/data4" --max-connections 4 || exit 1
ID=$(submit "${UPLOAD[@]}")
[ "$(wait_final "$ID")" = succeeded ] || fail "the job did not succeed"
api GET "/v1/jobs/$ID/result" > /dev/null
cp "$T/body" "$T/result.csv"
size=$(stat -c %s "$T/result.csv")
expect_status 200 "$(api GET "/v1/jobs/$ID/result" -H 'Range: bytes=0-9,0-9,0-9')" "issue22_ranges_amplify: three ranges"
expect_same_file "$T/result.csv" "$T/body" "several ranges: the whole file, once"
bad=$(find "$T/data4" \( -type f ! -perm 600 \) -o \( -type d ! -perm 700 \))
[ -z "$bad" ] && pass "issue22: after the job, its result and report are private" || fail "after the job: $bad"
many="bytes=0-$((size - 1))$(for i in $(seq 1 1999); do printf ',0-1'; done)"
expect_status 200 "$(api GET "/v1/jobs/$ID/result" -H "Range: $many")" "2,000 ranges: 200"
[ "$(stat -c %s "$T/body")" = "$size" ] && pass "2,000 ranges: the file once" || fail "2,000 ranges: $(stat -c %s "$T/body") bytes"
for r in "bytes=$size-" "bytes=-0" "bytes=$((size + 10))-$((size + 20))"; do
  expect_status 416 "$(api GET "/v1/jobs/$ID/result" -H "Range: $r")" "issue22_416_two_content_ranges: $r"
  n=$(grep -ci '^Content-Range:' "$T/headers")
  [ "$n" = 1 ] && pass "one Content-Range" || fail "$r: $n Content-Range headers"
  expect_contains "$T/headers" "Content-Range: bytes */$size" "it says bytes */$size"
  expect_json .error.code range_not_satisfiable "the documented error body"
done
for r in "bytes=5-2" "bytes=abc" "pages=1-2"; do
  expect_status 200 "$(api GET "/v1/jobs/$ID/result" -H "Range: $r")" "a Range that cannot be read is ignored: $r"
  expect_same_file "$T/result.csv" "$T/body" "$r: the whole file"
done
expect_status 206 "$(api GET "/v1/jobs/$ID/result" -H 'Range: bytes=3-7')" "one range: 206"
cmp -s "$T/body" <(tail -c +4 "$T/result.csv" | head -c 5) && pass "its bytes" || fail "wrong bytes for 3-7"
expect_contains "$T/headers" "Content-Range: bytes 3-7/$size" "its Content-Range"

code=$(api POST /v1/jobs -H 'Idempotency-Key: same-key' "${UPLOAD[@]}" -F 'options={"mode":"fill","meta":true}')
expect_status 201 "$code" "a submit with a key"
FIRST=$(jq -r .id "$T/body")
code=$(api POST /v1/jobs -H 'Idempotency-Key: same-key' "${UPLOAD[@]}" -F 'options={ "meta": true, "mode": "fill" }')
expect_status 200 "$code" "the same request again (new boundary, options reordered): 200"
expect_json .id "$FIRST" "it is the first job"
code=$(api POST /v1/jobs -H 'Idempotency-Key: same-key' -F "crm=@$E/crm.csv" -F "enrich=@$E/zoominfo.csv" \
  -F 'options={"mode":"fill","meta":true}')
expect_status 422 "$code" "issue22_idempotency_key_reused_with_other_body: other files"
code=$(api POST /v1/jobs -H 'Idempotency-Key: same-key' "${UPLOAD[@]}" -F 'options={"mode":"overwrite"}')
expect_status 422 "$code" "issue22_idempotency_key_reused_with_other_body: other options"
code=$(api POST /v1/jobs "${UPLOAD[@]}" -F 'options={"mapping":{"crm":{"Email":"e-mail"}}}')
expect_status 400 "$code" "issue22_unknown_mapping_role_accepted: refused at submit"
expect_contains "$T/body" "unknown role" "the answer says the role is unknown"
code=$(api POST /v1/jobs "${UPLOAD[@]}" -F 'options={"mapping":{"zoominfo":{"Email":"email"}}}')
expect_status 400 "$code" "issue22: a mapping naming no input is refused at submit"
code=$(api POST /v1/jobs "${UPLOAD[@]}" -F 'options={"mapping":{"crm":{"E-mail":"email"}}}')
expect_status 400 "$code" "issue22: a mapping naming a column the CRM lacks is refused at submit"
expect_contains "$T/body" "has no column 'E-mail'" "the answer names the column"
expect_contains "$T/body" "'Email'" "and lists the columns there are"
code=$(api POST /v1/jobs "${UPLOAD[@]}" -F 'options={"mapping":{"crm":{"Phone Number":"mobile_phone","Notes":"none"}}}')
expect_status 201 "$code" "a mapping of columns that exist is taken"
MAPPED=$(jq -r .id "$T/body")
[ "$(wait_final "$MAPPED")" = succeeded ] && pass "the mapped job succeeds" || fail "the mapped job did not succeed"

# --- /healthz and /metrics answer with every connection slot held by event streams
# The streams of a job paused in its import never end.
stop_server
CRMERGE_FAULT=phase:import:start@pause start_server "$T/server5.log" --data-dir "$T/data5" --max-connections 2 || exit 1
HOLD=$(submit "${UPLOAD[@]}")
pids=()
for i in 1 2 3 4; do
  curl -s -N --max-time 20 "$BASE/v1/jobs/$HOLD/events" > "$T/events$i" &
  pids+=($!)
done
sleep 1
expect_status 200 "$(api GET /healthz --max-time 5)" "issue22_healthz_hangs_when_slots_full: /healthz"
expect_status 200 "$(api GET /metrics --max-time 5)" "issue22_healthz_hangs_when_slots_full: /metrics"
expect_status 503 "$(api GET "/v1/jobs/$HOLD" --max-time 5)" "any other request: a quick 503"
expect_own_error unavailable "the 503"
kill "${pids[@]}" 2>/dev/null
wait "${pids[@]}" 2>/dev/null
stop_server
# No personal data in what the server logs: no e-mail address or phone of the inputs.
grep -ohE '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}' "$E/crm.csv" "$E/apollo.csv" | sort -u > "$T/emails"
[ -s "$T/emails" ] || fail "no e-mail address found in the examples (the check would prove nothing)"
if cat "$T"/server*.log | grep -qFf "$T/emails"; then fail "an input's e-mail address is in a server log"; else
  pass "issue22: no input e-mail address in $(cat "$T"/server*.log | wc -l) lines of server logs"; fi
finish
