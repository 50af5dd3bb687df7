# Same seed and sizes -> byte-identical files; another seed -> different files.
source "$(dirname "$0")/lib.sh"
FILES="crm.csv apollo.csv zoominfo.csv cognism.csv truth/crm.csv truth/apollo.csv truth/zoominfo.csv truth/cognism.csv"

run "$GEN" --out "$T/a" --crm-rows 3000 --vendor-rows 2500 --seed 7
expect_rc 0 "generate seed 7"
expect_contains "$T/stderr" "crm.csv 3000 rows" "summary line names the CRM rows"
expect_contains "$T/stderr" "apollo.csv 2500 rows" "summary line names the vendor rows"
run "$GEN" --out "$T/b" --crm-rows 3000 --vendor-rows 2500 --seed 7 --threads 1
expect_rc 0 "generate seed 7 again (one thread)"
for f in $FILES; do
  if cmp -s "$T/a/$f" "$T/b/$f"; then pass "same seed: $f identical"; else fail "same seed: $f differs"; fi
done

run "$GEN" --out "$T/c" --crm-rows 3000 --vendor-rows 2500 --seed 8
expect_rc 0 "generate seed 8"
for f in crm.csv apollo.csv zoominfo.csv cognism.csv truth/apollo.csv; do
  if cmp -s "$T/a/$f" "$T/c/$f"; then fail "other seed: $f identical"; else pass "other seed: $f differs"; fi
done

# Row counts: header + N data rows in each truth file; --vendor-rows defaults to N.
run "$GEN" --out "$T/d" --crm-rows 1200
expect_rc 0 "generate without --vendor-rows"
for f in crm apollo zoominfo cognism; do
  n=$(($(wc -l <"$T/d/truth/$f.csv") - 1))
  if [ "$n" -eq 1200 ]; then pass "truth/$f.csv has 1200 rows"; else fail "truth/$f.csv has $n rows, expected 1200"; fi
done

run "$GEN" --crm-rows 10
expect_rc 2 "missing --out is bad usage"
run "$GEN" --out "$T/e" --crm-rows ten
expect_rc 2 "non-numeric --crm-rows is bad usage"
finish
