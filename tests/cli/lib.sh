# Shared helpers for the command-line tests. Each test script is run by ctest as
#   bash tests/cli/<name>.sh <crmerge binary> <crmerge-testtool binary> <source dir>
set -u
CRMERGE=$1
TESTTOOL=$2
SRC=$3
T=$(mktemp -d "${TMPDIR:-/tmp}/crmerge-cli-XXXXXX")
# Job folders the binary creates by default go here, so tests can see they are removed.
export TMPDIR="$T/tmp"
mkdir -p "$TMPDIR"
trap 'rm -rf "$T"' EXIT
failures=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

# expect_exit CODE DESCRIPTION -- command...
expect_exit() {
  local want=$1 what=$2
  shift 3
  "$@" >"$T/stdout" 2>"$T/stderr"
  local got=$?
  if [ "$got" -eq "$want" ]; then pass "$what (exit $got)"; else
    fail "$what: exit $got, expected $want"
    sed 's/^/  stderr: /' "$T/stderr" | head -20 >&2
  fi
}

expect_contains() {  # FILE TEXT DESCRIPTION
  if grep -qF -- "$2" "$1"; then pass "$3"; else fail "$3: '$2' not in $(basename "$1")"; sed 's/^/  | /' "$1" | head -20 >&2; fi
}

expect_same_file() {  # A B DESCRIPTION
  if cmp -s "$1" "$2"; then pass "$3"; else fail "$3: $1 and $2 differ"; fi
}

# No file but the expected ones in a folder (no temporary or partial outputs).
expect_only() {  # DIR DESCRIPTION NAMES...
  local dir=$1 what=$2
  shift 2
  local got want
  got=$(cd "$dir" && ls -A | sort | tr '\n' ' ')
  want=$(printf '%s\n' "$@" | sed '/^$/d' | sort | tr '\n' ' ')
  if [ "$got" = "$want" ]; then pass "$what"; else fail "$what: folder holds '$got', expected '$want'"; fi
}

finish() {
  if [ "$failures" -gt 0 ]; then echo "$failures check(s) failed" >&2; exit 1; fi
  echo "all checks passed"
}
