# Webhook targets (issue 22, "webhooks reach any address"): a submit whose
# webhook_url names a private, loopback, link-local or otherwise non-public
# address is refused (400) unless the operator allows the host with
# --webhook-allow, and the resolved address is judged again right before the
# delivery, which connects to that very address (a name rebound to loopback
# between the submit and the delivery reaches nothing).
#
# The script runs itself inside a private network and mount namespace: only
# loopback exists there, so a connection to any other address fails on the
# spot and nothing can leave the machine even if a check under test is
# missing; and /etc/hosts can be replaced to make a name resolve elsewhere.
if [ "${CRMERGE_IN_NETNS:-}" != 1 ]; then
  exec env CRMERGE_IN_NETNS=1 unshare --net --mount bash "$0" "$@"
fi
source "$(dirname "$0")/lib.sh"
ip link set lo up || { echo "FAIL: cannot bring up loopback in the namespace" >&2; exit 1; }
if [ "$(ip -o link show | wc -l)" -ne 1 ] || ip route show | grep -q default; then
  echo "FAIL: not in a private network namespace: refusing to run" >&2
  exit 1
fi
# Names resolve from this file only (a name not in it fails: no DNS server
# can be reached from here). Rewritten in place, it keeps its bind mount.
printf '127.0.0.1 localhost\n1.2.3.4 hooks.test\n' > "$T/hosts"
mount --bind "$T/hosts" /etc/hosts || { echo "FAIL: cannot bind-mount /etc/hosts" >&2; exit 1; }
[ "$(getent hosts hooks.test | awk '{print $1}')" = 1.2.3.4 ] && pass "hooks.test resolves to 1.2.3.4" \
  || fail "the namespace's /etc/hosts is not used"

E="$SRC/examples"
UPLOAD=(-F "crm=@$E/crm.csv" -F "enrich=@$E/apollo.csv")
# submit_with URL: the status code of a submit whose webhook_url is URL (body in $T/body).
submit_with() {
  api POST /v1/jobs "${UPLOAD[@]}" -F "options={\"webhook_url\":\"$1\"}"
}
start_sink "$T/hooks"
PORT=${SINK_URL#http://127.0.0.1:}
PORT=${PORT%%/*}

# --- refused at submit: no --webhook-allow
start_server "$T/server.log" --data-dir "$T/data" || exit 1
for url in "http://169.254.169.254/latest/meta-data/" "http://10.0.0.1/" "http://[::ffff:127.0.0.1]/" \
  "http://localhost:$PORT/" "http://127.0.0.1:$PORT/hooks" "http://[::1]:$PORT/" "http://2130706433:$PORT/" \
  "http://0x7f000001:$PORT/" "http://127.1:$PORT/" "http://192.168.1.1/" "http://172.16.0.1/" "http://100.64.0.1/" \
  "http://0.0.0.0:$PORT/" "http://[fd00::1]/" "http://[fe80::1]/" "http://[64:ff9b::a9fe:a9fe]/" \
  "http://[2002:a9fe:a9fe::]/" "https://169.254.169.254/" "http://8.8.8.8@127.0.0.1:$PORT/"; do
  expect_status 400 "$(submit_with "$url")" "webhook_url $url is refused"
  expect_json .error.code invalid_request "$url: invalid_request"
  expect_json '.error.message | startswith("options.webhook_url: ")' true "$url: the message names the option"
done
submit_with "http://169.254.169.254/x" > /dev/null
expect_json '.error.message | test("169.254.169.254 is not a public address")' true "the message names the address"
submit_with "http://localhost:$PORT/" > /dev/null
expect_json '.error.message | test("localhost resolves to an address that is not public")' true \
  "the message names the host"
expect_json '.error.message | test("127[.]0[.]0[.]1") | not' true "the message does not list the host's addresses"
expect_json '.error.message | test("--webhook-allow")' true "the message says how an operator allows a host"
expect_status 400 "$(submit_with "http://nowhere.test/")" "a name that does not resolve is refused"
expect_status 200 "$(api GET /v1/jobs)" "GET /v1/jobs"
expect_json '.jobs | length' 0 "no refused submit made a job"
[ -z "$(ls -A "$T/data/uploads" 2>/dev/null)" ] && pass "refused submits leave no upload behind" \
  || fail "a refused submit left files in uploads/"

# A public address is accepted (its delivery fails at once here: there is no route).
expect_status 201 "$(submit_with "http://8.8.8.8:9/hook")" "a public address is accepted"
expect_status 201 "$(submit_with "http://hooks.test:$PORT/hook")" "a name resolving to a public address is accepted"
stop_server

# --- allowed by the operator: the loopback sink receives the hook
expect_exit 2 "a malformed --webhook-allow is a usage error" -- "$CRMERGE" serve --port 0 --data-dir "$T/bad" \
  --webhook-allow "127.0.0.1:http"
expect_contains "$T/stderr" "--webhook-allow '127.0.0.1:http'" "the error names the entry"
start_server "$T/allowed.log" --data-dir "$T/data-allowed" --webhook-allow "127.0.0.1:$PORT" || exit 1
expect_status 201 "$(submit_with "$SINK_URL")" "an allowed host:port is accepted"
ID=$(jq -r .id "$T/body")
[ "$(wait_final "$ID")" = succeeded ] && pass "the job succeeded" || fail "the job did not succeed"
wait_files "$T/hooks" 1 && pass "the sink on loopback received the hook" || fail "the allowed webhook never arrived"
[ "$(jq -r .id "$T/hooks/1.json" 2>/dev/null)" = "$ID" ] && pass "the hook carries the job" || fail "wrong hook body"
expect_status 400 "$(submit_with "http://127.0.0.1:$((PORT + 1))/")" "another port of the allowed host is refused"
expect_status 400 "$(submit_with "http://localhost:$PORT/")" "another name for the allowed address is refused"
stop_server

# --- DNS rebinding: hooks.test is public at submit, loopback at delivery.
# The job waits (a test fault point) until cancelled; a cancelled job's
# webhook is sent as any final job's is.
CRMERGE_FAULT="phase:match:start@pause" start_server "$T/rebind.log" --data-dir "$T/data-rebind" || exit 1
expect_status 201 "$(submit_with "http://hooks.test:$PORT/rebound")" "hooks.test (1.2.3.4) is accepted at submit"
ID=$(jq -r .id "$T/body")
for i in $(seq 1 600); do grep -q "paused at" "$T/rebind.log" && break; sleep 0.1; done
printf '127.0.0.1 localhost\n127.0.0.1 hooks.test\n' > "$T/hosts"
[ "$(getent hosts hooks.test | awk '{print $1}')" = 127.0.0.1 ] && pass "hooks.test now resolves to 127.0.0.1" \
  || fail "hooks.test was not rebound"
expect_status 200 "$(api POST "/v1/jobs/$ID/cancel")" "cancel the waiting job"
[ "$(wait_final "$ID")" = cancelled ] && pass "the job ends cancelled" || fail "the job did not end"
for i in $(seq 1 100); do grep -q "job $ID: webhook not delivered" "$T/rebind.log" && break; sleep 0.1; done
expect_contains "$T/rebind.log" "job $ID: webhook not delivered after 1 attempts" \
  "the rebound target is refused at connect time, after one attempt, without retries"
sleep 1
[ "$(ls "$T/hooks"/*.json 2>/dev/null | wc -l)" -eq 1 ] && pass "the sink received nothing from the rebound name" \
  || fail "the webhook reached loopback through a rebound name"
stop_server

# Control: the same rebinding with the name allowed is delivered, so the
# refusal above is the connect-time check's and not a setup that never delivers.
printf '127.0.0.1 localhost\n1.2.3.4 hooks.test\n' > "$T/hosts"
CRMERGE_FAULT="phase:match:start@pause" start_server "$T/control.log" --data-dir "$T/data-control" \
  --webhook-allow "hooks.test:$PORT" || exit 1
expect_status 201 "$(submit_with "http://hooks.test:$PORT/allowed")" "the allowed hooks.test is accepted at submit"
ID=$(jq -r .id "$T/body")
for i in $(seq 1 600); do grep -q "paused at" "$T/control.log" && break; sleep 0.1; done
printf '127.0.0.1 localhost\n127.0.0.1 hooks.test\n' > "$T/hosts"
expect_status 200 "$(api POST "/v1/jobs/$ID/cancel")" "cancel the waiting job"
wait_files "$T/hooks" 2 && pass "the allowed name, rebound to loopback, is delivered" \
  || fail "the control delivery never arrived: the rebinding check above proves nothing"
[ "$(jq -r .id "$T/hooks/2.json" 2>/dev/null)" = "$ID" ] && pass "the control hook carries its job" \
  || fail "wrong control hook"
stop_server
finish
