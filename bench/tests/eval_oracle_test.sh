# A matches file built from the truth (the possible record of every matchable
# pair) scores precision 100% and recall 100%; the CRM itself as the merged file
# has no change.
source "$(dirname "$0")/lib.sh"
run "$GEN" --out "$T/g" --crm-rows 3000 --seed 11
expect_rc 0 "generate"
G=$T/g
write_oracle "$G/truth" "$T/oracle.csv"
# Lines the evaluator must ignore: field-level audit lines and non-matched decisions.
{
  echo "0,apollo,5,Email,filled"
  echo "1,zoominfo,7,,ambiguous"
  echo "2,cognism,9,,rejected"
} >>"$T/oracle.csv"

run "$EVAL" --truth "$G/truth" --crm "$G/crm.csv" --output "$G/crm.csv" --matches "$T/oracle.csv" --json "$T/o.json"
expect_rc 0 "evaluate the oracle"
expect_contains "$T/stdout" "precision: 100.00%" "oracle precision 100%"
expect_contains "$T/stdout" "recall: 100.00%" "oracle recall 100%"
expect_contains "$T/stdout" "violations: 0" "no pair with two records"
expect_contains "$T/stdout" "rows gained: 0" "no row gained"
expect_contains "$T/stdout" "rows lost: 0" "no row lost"
expect_contains "$T/stdout" "cells changed: 0" "no cell changed"
expect_contains "$T/stdout" "header: ok" "header kept"
expect_contains "$T/o.json" '"precision": 100.0' "JSON precision"
expect_contains "$T/o.json" '"recall": 100.0' "JSON recall"
expect_contains "$T/o.json" '"apollo": {' "JSON per vendor"
expect_contains "$T/o.json" '"cells_changed": 0' "JSON fidelity"

# Every attached record is correct; some possible pairs exist for every vendor.
for v in apollo zoominfo cognism; do
  line=$(grep -E "^  $v " "$T/stdout")
  set -- $line
  if [ "$2" -gt 0 ] && [ "$2" = "$3" ] && [ "$4" = 0 ] && [ "$5" = "$6" ] && [ "$7" = 0 ]; then
    pass "$v: attached $2 = correct, possible $5 = found"
  else
    fail "$v: unexpected counts: $line"
  fi
done

# A matches file with no column but the three required ones scores the same.
cut -d, -f1-3 "$T/oracle.csv" | head -n -3 >"$T/oracle3.csv"
run "$EVAL" --truth "$G/truth" --matches "$T/oracle3.csv"
expect_rc 0 "evaluate without field/decision columns (and without --output)"
expect_contains "$T/stdout" "precision: 100.00%" "3-column oracle precision 100%"
expect_contains "$T/stdout" "recall: 100.00%" "3-column oracle recall 100%"

# Columns in another order are found by name.
awk -F, 'BEGIN{OFS=","} {print $3, $5, $2, $4, $1}' "$T/oracle.csv" >"$T/shuffled.csv"
run "$EVAL" --truth "$G/truth" --matches "$T/shuffled.csv"
expect_rc 0 "evaluate with the columns in another order"
expect_contains "$T/stdout" "recall: 100.00%" "shuffled columns: recall 100%"
finish
