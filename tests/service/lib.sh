# Shared helpers for the job-service tests. Each script is run by ctest as
#   bash tests/service/<name>_test.sh <crmerge binary> <crmerge-testtool binary> <source dir>
# Servers listen on 127.0.0.1, on a port the kernel picks (--port 0), and are
# stopped when the script ends.
source "$(dirname "${BASH_SOURCE[0]}")/../cli/lib.sh"
SERVER_PID=""
BASE=""

# start_server LOG ARGS... : starts `crmerge serve --port 0 ARGS...` in the
# background, waits for its "listening on" line, sets SERVER_PID and BASE.
start_server() {
  local log=$1
  shift
  "$CRMERGE" serve --port 0 "$@" >"$log" 2>&1 &
  SERVER_PID=$!
  local i
  for i in $(seq 1 200); do
    BASE=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -n 1)
    [ -n "$BASE" ] && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.05
  done
  fail "the server did not start: $(tail -n 5 "$log")"
  return 1
}

stop_server() {  # SIGTERM, then wait for the process
  [ -n "$SERVER_PID" ] || return 0
  kill -TERM "$SERVER_PID" 2>/dev/null
  wait "$SERVER_PID" 2>/dev/null
  SERVER_PID=""
}
# start_sink DIR STATUS... : a webhook receiver (crmerge-testtool webhook-sink);
# sets SINK_PID and SINK_URL.
SINK_PID=""
start_sink() {
  local dir=$1
  shift
  mkdir -p "$dir"
  "$TESTTOOL" webhook-sink "$dir" "$@" > "$dir.log" 2>&1 &
  SINK_PID=$!
  local i port=""
  for i in $(seq 1 100); do
    port=$(awk '/^port / {print $2}' "$dir.log")
    [ -n "$port" ] && break
    sleep 0.05
  done
  SINK_URL="http://127.0.0.1:$port/hooks/crm?token=t1"
}
stop_sink() {
  [ -n "$SINK_PID" ] || return 0
  kill -TERM "$SINK_PID" 2>/dev/null
  wait "$SINK_PID" 2>/dev/null
  SINK_PID=""
}
# wait_files DIR N: waits (up to 60 s) until DIR holds N .json files.
wait_files() {
  local i
  for i in $(seq 1 600); do
    [ "$(ls "$1"/*.json 2>/dev/null | wc -l)" -ge "$2" ] && return 0
    sleep 0.1
  done
  return 1
}
trap 'stop_server; stop_sink; rm -rf "$T"' EXIT

# api METHOD PATH [curl args...]: the body in $T/body, the status code printed.
api() {
  local method=$1 path=$2
  shift 2
  curl -s -o "$T/body" -D "$T/headers" -w '%{http_code}' -X "$method" "$@" "$BASE$path"
}

expect_status() {  # WANT GOT DESCRIPTION
  if [ "$2" = "$1" ]; then pass "$3 ($2)"; else fail "$3: HTTP $2, expected $1: $(head -c 300 "$T/body")"; fi
}

expect_json() {  # JQ-FILTER WANT DESCRIPTION (on $T/body)
  local got
  got=$(jq -r "$1" "$T/body" 2>/dev/null)
  if [ "$got" = "$2" ]; then pass "$3"; else fail "$3: $1 is '$got', expected '$2'"; fi
}

# submit ARGS... (curl -F parts and headers): prints the new job's id.
submit() {
  curl -s -X POST "$@" "$BASE/v1/jobs" | jq -r '.id'
}

# wait_final ID [AUTH-HEADER]: polls until the job is final; prints its state.
wait_final() {
  local id=$1 state=""
  shift
  local i
  for i in $(seq 1 1200); do
    state=$(curl -s "$@" "$BASE/v1/jobs/$id" | jq -r '.state')
    case "$state" in succeeded | failed | cancelled) echo "$state"; return 0 ;; esac
    sleep 0.1
  done
  echo "$state"
}
