# Wrong attachments lower precision (and recall); a second record for one pair
# is a violation; an empty matches file scores recall 0.
source "$(dirname "$0")/lib.sh"
run "$GEN" --out "$T/g" --crm-rows 3000 --seed 12
expect_rc 0 "generate"
G=$T/g
write_oracle "$G/truth" "$T/oracle.csv"

# Point the first 100 attachments at the next vendor row: a different person.
awk -F, 'BEGIN{OFS=","} NR > 1 && NR <= 101 { $3 = $3 + 1 } { print }' "$T/oracle.csv" >"$T/wrong.csv"
run "$EVAL" --truth "$G/truth" --matches "$T/wrong.csv" --json "$T/w.json"
expect_rc 0 "evaluate wrong matches"
expect_not_contains "$T/stdout" "precision: 100.00%" "precision below 100%"
expect_not_contains "$T/stdout" "recall: 100.00%" "recall below 100%"
wrong=$(grep -o '"wrong": [0-9]*' "$T/w.json" | head -1 | grep -o '[0-9]*$')
if [ "${wrong:-0}" -ge 90 ] && [ "${wrong:-0}" -le 100 ]; then pass "about 100 wrong attachments ($wrong)"; else fail "wrong = ${wrong:-?}"; fi

# One pair gets a second, different record: one violation.
first=$(sed -n 2p "$T/oracle.csv")
IFS=, read -r crow vname vrow _ <<<"$first"
{ cat "$T/oracle.csv"; echo "$crow,$vname,$((vrow + 1)),,matched"; } >"$T/twice.csv"
run "$EVAL" --truth "$G/truth" --matches "$T/twice.csv"
expect_rc 0 "evaluate a pair with two records"
expect_contains "$T/stdout" "violations: 1" "one violation"
expect_contains "$T/stdout" "recall: 100.00%" "the correct record still counts for recall"
expect_not_contains "$T/stdout" "precision: 100.00%" "the extra record counts against precision"

# The same line twice is not a second record.
{ cat "$T/oracle.csv"; sed -n 2p "$T/oracle.csv"; } >"$T/dupline.csv"
run "$EVAL" --truth "$G/truth" --matches "$T/dupline.csv"
expect_contains "$T/stdout" "violations: 0" "a repeated line is no violation"
expect_contains "$T/stdout" "precision: 100.00%" "a repeated line keeps precision"

# Nothing attached: recall 0, precision undefined.
echo "crm_row,vendor,vendor_row" >"$T/empty.csv"
run "$EVAL" --truth "$G/truth" --matches "$T/empty.csv"
expect_rc 0 "evaluate an empty matches file"
expect_contains "$T/stdout" "recall: 0.00%" "empty: recall 0%"
expect_contains "$T/stdout" "precision: n/a" "empty: precision n/a"
finish
