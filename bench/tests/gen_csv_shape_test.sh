# The generated files parse as CSV with one field count per file, in the dialect
# of each source, and carry the noise they are meant to carry.
source "$(dirname "$0")/lib.sh"
run "$GEN" --out "$T/g" --crm-rows 4000 --seed 3
expect_rc 0 "generate"
G=$T/g

run "$CSVCHECK" "$G/crm.csv" "$G/apollo.csv" "$G/zoominfo.csv" "$G/cognism.csv" \
  "$G/truth/crm.csv" "$G/truth/apollo.csv" "$G/truth/zoominfo.csv" "$G/truth/cognism.csv"
expect_rc 0 "every record has its header's field count"
expect_contains "$T/stdout" "crm.csv: 4000 records x 25 fields, delimiter ','" "crm.csv: 4000 x 25, comma"
expect_contains "$T/stdout" "apollo.csv: 4000 records x 40 fields, delimiter ','" "apollo.csv: 4000 x 40, comma"
expect_contains "$T/stdout" "zoominfo.csv: 4000 records x 43 fields, delimiter ','" "zoominfo.csv: 4000 x 43, comma"
expect_contains "$T/stdout" "cognism.csv: 4000 records x 30 fields, delimiter ';'" "cognism.csv: 4000 x 30, semicolon"

# An independent parser, when the machine has one.
if [ -x /usr/bin/python3 ]; then
  /usr/bin/python3 - "$G" >"$T/py" 2>&1 <<'PY'
import csv, sys
d = sys.argv[1]
for name, delim in (("crm", ","), ("apollo", ","), ("zoominfo", ","), ("cognism", ";")):
    with open(f"{d}/{name}.csv", newline="", encoding="utf-8") as f:
        widths = {len(r) for r in csv.reader(f, delimiter=delim)}
    print(name, sorted(widths))
PY
  expect_contains "$T/py" "crm [25]" "python csv: crm.csv consistent"
  expect_contains "$T/py" "apollo [40]" "python csv: apollo.csv consistent"
  expect_contains "$T/py" "zoominfo [43]" "python csv: zoominfo.csv consistent"
  expect_contains "$T/py" "cognism [30]" "python csv: cognism.csv consistent"
fi

# Headers as the sources write them.
head -1 "$G/crm.csv" >"$T/h"
expect_contains "$T/h" "Record ID,First Name,Last Name,Email,Phone Number,Mobile Phone Number,Company Name" "CRM header"
head -1 "$G/zoominfo.csv" >"$T/h"
expect_contains "$T/h" "Mobile phone" "ZoomInfo's mobile column is 'Mobile phone'"
expect_contains "$T/h" "Revenue (in 000s USD)" "ZoomInfo's revenue in thousands"
head -1 "$G/cognism.csv" >"$T/h"
expect_contains "$T/h" "First Name;Last Name;Job Title" "Cognism header with semicolons"

# Line endings: CRM and Apollo LF, ZoomInfo and Cognism CRLF.
if head -1 "$G/crm.csv" | grep -q $'\r'; then fail "crm.csv header ends in CRLF"; else pass "crm.csv uses LF"; fi
if head -1 "$G/apollo.csv" | grep -q $'\r'; then fail "apollo.csv header ends in CRLF"; else pass "apollo.csv uses LF"; fi
for f in zoominfo cognism; do
  lines=$(wc -l <"$G/$f.csv"); crlf=$(grep -c $'\r$' "$G/$f.csv")
  if [ "$lines" -eq "$crlf" ]; then pass "$f.csv: every line ends in CRLF"; else fail "$f.csv: $crlf of $lines lines end in CRLF"; fi
done

# The noise is there.
grep -q ', Inc.",' "$G/crm.csv" && pass "company names with a quoted comma" || fail "no 'X, Inc.' company name"
grep -qE ',0[0-9]{4},' "$G/crm.csv" && pass "leading-zero ZIP codes" || fail "no leading-zero ZIP"
grep -q '""' "$G/crm.csv" && pass "escaped quotes in notes" || fail "no escaped quote"
[ "$(wc -l <"$G/crm.csv")" -gt 4001 ] && pass "quoted line breaks in notes" || fail "no multi-line record"
grep -q "'+1 " "$G/apollo.csv" && pass "Apollo phones with a leading apostrophe" || fail "no Apollo apostrophe"
grep -qE ';(DNC|TPS|CTPS);' "$G/cognism.csv" && pass "Cognism do-not-call markers" || fail "no DNC/TPS marker"
grep -qE 'E\+(09|10|11)' "$G/zoominfo.csv" && pass "Excel-mangled phones" || fail "no 4.15555E+09"
grep -qE '(info|sales|office|hello)@' "$G/crm.csv" && pass "role mailboxes in the CRM" || fail "no role mailbox"
grep -q 'Müller\|González\|Łukasz\|山田\|Ελένη\|Zoë' "$G/crm.csv" && pass "non-ASCII names" || fail "no non-ASCII name"
grep -qE '\+44 |\+49 ' "$G/crm.csv" && pass "UK / German numbers" || fail "no +44/+49"
grep -qE '( x[0-9]| ext\.? [0-9])' "$G/crm.csv" && pass "phone extensions" || fail "no extension"
grep -q '?trk=' "$G/crm.csv" && pass "LinkedIn URLs with a query" || fail "no LinkedIn ?trk="
finish
