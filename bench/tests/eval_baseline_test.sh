# The raw-e-mail baseline scores, imperfectly.
source "$(dirname "$0")/lib.sh"
run "$GEN" --out "$T/g" --crm-rows 4000 --seed 14
expect_rc 0 "generate"
G=$T/g
run "$EVAL" --truth "$G/truth" --crm "$G/crm.csv" --baseline raw-email --vendors "$G" --json "$T/b.json"
expect_rc 0 "baseline"
expect_contains "$T/stdout" "baseline raw-email" "baseline named in the summary"
expect_contains "$T/b.json" '"source": "baseline raw-email"' "baseline named in the JSON"
expect_not_contains "$T/stdout" "recall: 100.00%" "baseline recall below 100%"
expect_not_contains "$T/stdout" "recall: 0.00%" "baseline recall above 0%"
expect_not_contains "$T/stdout" "precision: 100.00%" "role mailboxes make baseline precision below 100%"
expect_contains "$T/stdout" "violations: 0" "baseline attaches one record per pair"
for v in apollo zoominfo cognism; do
  line=$(grep -E "^  $v " "$T/stdout")
  set -- $line
  if [ "$2" -gt 0 ] && [ "$(($3 + $4))" -eq "$2" ]; then pass "$v: attached = correct + wrong ($2)"; else fail "$v: $line"; fi
done
finish
