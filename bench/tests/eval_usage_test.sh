# Bad usage and unreadable input exit 2 with a message naming the file.
source "$(dirname "$0")/lib.sh"
run "$GEN" --out "$T/g" --crm-rows 500 --seed 15
expect_rc 0 "generate"
G=$T/g
write_oracle "$G/truth" "$T/oracle.csv"

run "$EVAL"
expect_rc 2 "no arguments"
run "$EVAL" --truth "$G/truth" --matches "$T/oracle.csv" --bogus 1
expect_rc 2 "unknown argument"
run "$EVAL" --truth "$G/truth" --matches "$T/oracle.csv" --mode sideways
expect_rc 2 "bad --mode"
run "$EVAL" --truth "$G/truth" --crm "$G/crm.csv" --baseline raw-email
expect_rc 2 "--baseline without --vendors"
run "$EVAL" --help
expect_rc 0 "--help"

run "$EVAL" --truth "$T/nowhere" --matches "$T/oracle.csv"
expect_rc 2 "missing truth folder"
expect_contains "$T/stderr" "$T/nowhere/crm.csv" "message names the missing truth file"
run "$EVAL" --truth "$G/truth" --matches "$T/missing.csv"
expect_rc 2 "missing matches file"
expect_contains "$T/stderr" "$T/missing.csv" "message names the missing matches file"
run "$EVAL" --truth "$G/truth" --crm "$G/crm.csv" --output "$T/missing-out.csv" --matches "$T/oracle.csv"
expect_rc 2 "missing merged file"
expect_contains "$T/stderr" "$T/missing-out.csv" "message names the missing merged file"

printf 'crm_row,vendor,vendor_row\n0,apollo,zero\n' >"$T/nonint.csv"
run "$EVAL" --truth "$G/truth" --matches "$T/nonint.csv"
expect_rc 2 "non-integer vendor_row"
expect_contains "$T/stderr" "nonint.csv line 2" "message names the file and line"
printf 'crm_row,vendor,vendor_row\n0,hubspot,1\n' >"$T/unknown.csv"
run "$EVAL" --truth "$G/truth" --matches "$T/unknown.csv"
expect_rc 2 "unknown vendor label"
expect_contains "$T/stderr" '"hubspot" has no truth file' "message names the vendor"
printf 'crm_row,vendor\n0,apollo\n' >"$T/nocol.csv"
run "$EVAL" --truth "$G/truth" --matches "$T/nocol.csv"
expect_rc 2 "matches without vendor_row"
expect_contains "$T/stderr" 'no column "vendor_row"' "message names the column"
{ head -3 "$G/crm.csv"; printf '1,"unterminated\n'; } >"$T/broken.csv"
run "$EVAL" --truth "$G/truth" --crm "$G/crm.csv" --output "$T/broken.csv" --matches "$T/oracle.csv"
expect_rc 2 "malformed merged file"
expect_contains "$T/stderr" "broken.csv line" "message names the malformed file and line"
finish
