# bench/scale.sh on a small job: it generates, merges once, and reports the
# output's lines equal to the CRM's, the peak RSS and the lowest free disk.
source "$(dirname "$0")/lib.sh"
SCALE="$(dirname "$0")/../scale.sh"

run bash "$SCALE" --crm-rows 1500 --vendor-rows 500 --dir "$T/s"
expect_rc 0 "a small run"
expect_contains "$T/stdout" "peak RSS: " "reports the peak RSS"
expect_contains "$T/stdout" "lowest free disk: " "reports the lowest free disk"
line=$(grep '^lines: ' "$T/stdout" || true)
if [[ $line =~ ^lines:\ output\ ([0-9]+),\ CRM\ ([0-9]+) ]] && [ "${BASH_REMATCH[1]}" = "${BASH_REMATCH[2]}" ] &&
   [ "${BASH_REMATCH[2]}" -gt 1500 ]; then
  pass "the output has the CRM's lines ($line)"
else
  fail "line counts: '$line'"
fi
if [ -d "$T/s/data/truth" ]; then fail "the truth files were kept"; else pass "no truth files"; fi

run bash "$SCALE" --crm-rows 1500
expect_rc 2 "missing --dir is bad usage"
run bash "$SCALE" --crm-rows 1500 --dir "$T/x" --bogus 1
expect_rc 2 "an unknown argument is bad usage"

finish
