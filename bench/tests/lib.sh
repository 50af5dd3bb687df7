# Shared helpers for the bench tests. Each test is run by ctest as
#   bash bench/tests/<name>_test.sh <crmerge-gen> <crmerge-eval> <bench-csvcheck>
set -u
GEN=$1
EVAL=$2
CSVCHECK=$3
T=$(mktemp -d "${TMPDIR:-/tmp}/crmerge-bench-XXXXXX")
trap 'rm -rf "$T"' EXIT
failures=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

# run CMD... : runs it, output in $T/stdout and $T/stderr, exit code in $rc.
run() {
  "$@" >"$T/stdout" 2>"$T/stderr"
  rc=$?
}

expect_rc() {  # WANT DESCRIPTION
  if [ "$rc" -eq "$1" ]; then pass "$2 (exit $rc)"; else
    fail "$2: exit $rc, expected $1"
    sed 's/^/  stderr: /' "$T/stderr" | head -20 >&2
  fi
}

expect_contains() {  # FILE TEXT DESCRIPTION
  if grep -qF -- "$2" "$1"; then pass "$3"; else
    fail "$3: '$2' not in $(basename "$1")"
    sed 's/^/  | /' "$1" | head -30 >&2
  fi
}

expect_not_contains() {  # FILE TEXT DESCRIPTION
  if grep -qF -- "$2" "$1"; then fail "$3: '$2' in $(basename "$1")"; sed 's/^/  | /' "$1" | head -30 >&2; else pass "$3"; fi
}

# The oracle matches file: for each (CRM row, vendor) pair with a possible record,
# the first possible vendor row of that person. Written by awk from the truth.
write_oracle() {  # TRUTH_DIR OUT
  local truth=$1 out=$2
  echo "crm_row,vendor,vendor_row,field,decision" >"$out"
  for v in apollo cognism zoominfo; do
    awk -F, -v v="$v" '
      FNR == 1 { next }
      FILENAME ~ /\/crm\.csv$/ { row_of[$2] = $1; next }
      $3 == 1 && !($2 in seen) { seen[$2] = 1; print row_of[$2] "," v "," $1 ",,matched" }
    ' "$truth/crm.csv" "$truth/$v.csv" >>"$out"
  done
}

finish() {
  if [ "$failures" -gt 0 ]; then echo "$failures check(s) failed" >&2; exit 1; fi
  echo "all checks passed"
}
