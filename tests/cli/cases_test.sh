# Data-driven merge cases: every folder of tests/cases (see its README.md).
source "$(dirname "$0")/lib.sh"
cases=0
for dir in "$SRC"/tests/cases/*/ "$SRC"/bench/adversarial/*/; do
  name=$(basename "$dir")
  [ -f "$dir/args" ] || continue
  cases=$((cases + 1))
  want_exit=0
  [ -f "$dir/expected_exit" ] && want_exit=$(cat "$dir/expected_exit")
  read -r -a args < "$dir/args"
  rm -f "$T/out.csv"
  rm -f "$dir/audit.csv"
  (cd "$dir" && "$CRMERGE" merge "${args[@]}" --out "$T/out.csv") >"$T/stdout" 2>"$T/stderr"
  rc=$?
  if [ "$rc" -ne "$want_exit" ]; then
    fail "$name: exit $rc, expected $want_exit"
    sed 's/^/  stderr: /' "$T/stderr" | head >&2
    continue
  fi
  if [ -f "$dir/expected_stderr" ]; then
    expect_contains "$T/stderr" "$(cat "$dir/expected_stderr")" "$name: the message"
  fi
  if [ "$want_exit" -ne 0 ]; then
    [ -e "$T/out.csv" ] && fail "$name: a failed case wrote an output"
    continue
  fi
  if [ "${CRMERGE_UPDATE_CASES:-}" = 1 ]; then
    cp "$T/out.csv" "$dir/expected.csv"
    [ -f "$dir/audit.csv" ] && mv "$dir/audit.csv" "$dir/expected_audit.csv"
    echo "updated $name/expected.csv"
    continue
  fi
  if [ ! -f "$dir/expected.csv" ]; then fail "$name: no expected.csv"; continue; fi
  expect_same_file "$dir/expected.csv" "$T/out.csv" "$name: the output is exactly expected.csv"
  if [ -f "$dir/expected_audit.csv" ]; then
    expect_same_file "$dir/expected_audit.csv" "$dir/audit.csv" "$name: the audit is exactly expected_audit.csv"
  fi
  rm -f "$dir/audit.csv"
done
[ "$cases" -ge 27 ] || fail "only $cases cases found"
finish
