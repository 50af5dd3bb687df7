# `crmerge jobs`, the command-line client, against a real server: submit takes
# merge's flags and prints the id last, wait follows the job, download gives
# the CLI's bytes; errors say what to do.
source "$(dirname "$0")/lib.sh"
E="$SRC/examples"
KEY=client-test-key-0123456789
printf 'acme %s\n' "$KEY" > "$T/keys.txt"
printf '{"crm": {"Phone Number": "mobile_phone"}}\n' > "$T/map.json"
flags=(--crm "$E/crm.csv" --enrich ap="$E/apollo.csv" --enrich "$E/zoominfo.csv" --mode append --provenance
  --map "$T/map.json" --region GB)
"$CRMERGE" merge -q "${flags[@]}" --out "$T/cli.csv" --report "$T/cli-report.json" || fail "the CLI merge failed"

start_server "$T/server.log" --data-dir "$T/data" --api-keys-file "$T/keys.txt" || exit 1
export CRMERGE_SERVER=$BASE

# Regression: refused before the upload was read, the client died of SIGPIPE (exit 141).
expect_exit 1 "submit without the key" -- "$CRMERGE" jobs submit "${flags[@]}"
expect_contains "$T/stderr" "API key" "the refusal asks for a key"
export CRMERGE_API_KEY=$KEY

expect_exit 0 "jobs submit" -- "$CRMERGE" jobs submit "${flags[@]}" --idempotency-key nightly-1
ID=$(tail -n 1 "$T/stdout")
[[ "$ID" =~ ^[0-9a-f]{32}$ ]] && pass "the id is the last line" || fail "the last line is '$ID', not a job id"
expect_exit 0 "the same idempotency key" -- "$CRMERGE" jobs submit "${flags[@]}" --idempotency-key nightly-1
[ "$(tail -n 1 "$T/stdout")" = "$ID" ] && pass "the same key gives the same job" || fail "a second job for one key"
expect_exit 0 "jobs wait" -- "$CRMERGE" jobs wait "$ID"
expect_contains "$T/stdout" "succeeded" "wait says the job succeeded"
expect_exit 0 "jobs status" -- "$CRMERGE" jobs status "$ID"
[ "$(jq -r .state "$T/stdout")" = succeeded ] && pass "status prints the job as JSON" || fail "status is not the job"
[ "$(jq -r '.inputs.enrich | map(.label) | join(",")' "$T/stdout")" = "ap,zoominfo" ] \
  && pass "LABEL=FILE labels reach the server" || fail "labels were lost"
expect_exit 0 "jobs download" -- "$CRMERGE" jobs download "$ID" --out "$T/got.csv" --report "$T/got-report.json"
expect_same_file "$T/cli.csv" "$T/got.csv" "the downloaded result equals merge's output with the same flags"
jq -e .inputs "$T/got-report.json" > /dev/null && pass "the report was downloaded" || fail "no report"
expect_only "$T" "no partial download files" $(cd "$T" && ls -A | grep -v crmerge-part)

expect_exit 1 "cancel a finished job" -- "$CRMERGE" jobs cancel "$ID"
expect_contains "$T/stderr" "already" "cancel says the job already ended"
expect_exit 1 "status of an unknown job" -- "$CRMERGE" jobs status 0123456789abcdef0123456789abcdef
expect_contains "$T/stderr" "no job" "an unknown id is named"
expect_exit 1 "download of a missing job" -- "$CRMERGE" jobs download 0123456789abcdef0123456789abcdef --out "$T/x.csv"
[ ! -e "$T/x.csv" ] && pass "a failed download writes nothing" || fail "a failed download left a file"

printf 'id,email\n1,"open\n' > "$T/bad.csv"
expect_exit 0 "submit a bad CRM" -- "$CRMERGE" jobs submit --crm "$T/bad.csv" --enrich "$E/apollo.csv" -q
BAD=$(tail -n 1 "$T/stdout")
expect_exit 1 "wait for a failing job" -- "$CRMERGE" jobs wait "$BAD"
expect_contains "$T/stderr" "failed" "wait says the job failed"
# A job's errors name the files as the user knows them, never the server's folders.
printf '{"crm": {"Telephone": "mobile_phone"}}\n' > "$T/badmap.json"
# Issue 22: the mapping is checked whole at submit, its columns too.
expect_exit 1 "a submit with a mapping naming a missing column is refused" -- "$CRMERGE" jobs submit \
  --crm "$E/crm.csv" --enrich "$E/apollo.csv" --map "$T/badmap.json" -q
expect_contains "$T/stderr" "options.mapping: crm.csv has no column 'Telephone'" "the error names the mapping and the file"
grep -q "$T/data" "$T/stderr" && fail "the error shows the server's folders" || pass "no server path in the error"
expect_exit 2 "submit without --crm" -- "$CRMERGE" jobs submit --enrich "$E/apollo.csv"
expect_exit 1 "submit a missing file" -- "$CRMERGE" jobs submit --crm "$T/none.csv" --enrich "$E/apollo.csv"
expect_contains "$T/stderr" "none.csv" "the missing file is named"

# Regression: a submit the server refused at once (an upload over its limit)
# killed the client with SIGPIPE (exit 141) instead of saying why.
stop_server
start_server "$T/small.log" --data-dir "$T/data-small" --api-keys-file "$T/keys.txt" --max-upload-bytes 1KB || exit 1
export CRMERGE_SERVER=$BASE
expect_exit 1 "an upload over the server's limit" -- "$CRMERGE" jobs submit "${flags[@]}"
expect_contains "$T/stderr" "max-upload-bytes" "the client says the upload was too large"

stop_server
expect_exit 1 "no server" -- "$CRMERGE" jobs status "$ID"
expect_contains "$T/stderr" "cannot reach the crmerge server" "a missing server is said plainly"
finish
