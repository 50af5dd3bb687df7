# Fidelity: a changed CRM cell, a filled empty cell, a lost or gained row, a
# changed header, in each merge mode; a UTF-8 BOM; a semicolon CRM.
source "$(dirname "$0")/lib.sh"
run "$GEN" --out "$T/g" --crm-rows 2000 --seed 13
expect_rc 0 "generate"
G=$T/g
write_oracle "$G/truth" "$T/oracle.csv"

fidelity() {  # CRM MERGED MODE: runs the evaluator on the oracle matches
  run "$EVAL" --truth "$G/truth" --crm "$1" --output "$2" --matches "$T/oracle.csv" --mode "$3" --json "$T/f.json"
}

# The generated CRM with one cell changed: the first data record's Record ID.
sed '2s/^[0-9]*/999999999/' "$G/crm.csv" >"$T/changed.csv"
fidelity "$G/crm.csv" "$T/changed.csv" fill
expect_rc 0 "one changed cell"
expect_contains "$T/stdout" "cells changed: 1 (first at data row 0, column \"Record ID\")" "reported as 1 changed cell"
expect_contains "$T/stdout" "rows lost: 0" "no row lost"
expect_contains "$T/f.json" '"cells_changed": 1' "JSON: 1 changed cell"
fidelity "$G/crm.csv" "$T/changed.csv" overwrite
expect_contains "$T/stdout" "cells changed: 0" "overwrite mode: no forbidden change"
expect_contains "$T/stdout" "cells overwritten: 1" "overwrite mode: 1 overwritten"

# A small hand-written CRM (quotes, a line break, an empty cell).
printf 'id,name,email,notes\r\n1,Ann,ann@x.com,"a, b"\r\n2,Bob,,"line 1\nline 2"\r\n3,Cy,cy@x.com,\r\n' >"$T/crm.csv"
# Merged: the same cells (re-quoted differently), one new column.
printf 'id,name,email,notes,apollo.Title\n1,Ann,ann@x.com,"a, b",CEO\n2,Bob,,"line 1\nline 2",\n"3",Cy,cy@x.com,,CTO\n' >"$T/same.csv"
mkdir -p "$T/t2"
printf 'row,person_id\n0,10\n1,11\n2,12\n' >"$T/t2/crm.csv"
printf 'row,person_id,possible\n0,11,1\n1,99,0\n' >"$T/t2/apollo.csv"
printf 'crm_row,vendor,vendor_row\n1,apollo,0\n' >"$T/m2.csv"
fid2() { run "$EVAL" --truth "$T/t2" --crm "$T/crm.csv" --output "$1" --matches "$T/m2.csv" --mode "$2"; }

fid2 "$T/same.csv" append
expect_rc 0 "hand-written CRM, same cells"
expect_contains "$T/stdout" "cells changed: 0" "quoting differences are no change"
expect_contains "$T/stdout" "rows gained: 0" "same rows"
expect_contains "$T/stdout" "precision: 100.00%" "tiny truth scores"

# Bob's empty e-mail filled.
sed 's/^2,Bob,,/2,Bob,bob@y.com,/' "$T/same.csv" >"$T/filled.csv"
fid2 "$T/filled.csv" fill
expect_contains "$T/stdout" "cells filled: 1" "fill mode: 1 filled"
expect_contains "$T/stdout" "cells changed: 0" "fill mode: filling is no change"
fid2 "$T/filled.csv" append
expect_contains "$T/stdout" "cells changed: 1" "append mode: filling is a change"

# The last row dropped; a row added.
head -n 4 "$T/same.csv" >"$T/lost.csv"
fid2 "$T/lost.csv" fill
expect_contains "$T/stdout" "rows lost: 1" "dropped row: 1 row lost"
expect_contains "$T/stdout" "rows gained: 0" "dropped row: none gained"
{ cat "$T/same.csv"; echo "4,Extra,e@x.com,,"; } >"$T/gained.csv"
fid2 "$T/gained.csv" fill
expect_contains "$T/stdout" "rows gained: 1" "extra row: 1 row gained"

# A changed header.
sed '1s/^id,name/id,Name/' "$T/same.csv" >"$T/header.csv"
fid2 "$T/header.csv" fill
expect_contains "$T/stdout" "header: DIFFERS" "changed header reported"

# A BOM on the output is skipped; a semicolon CRM is read with its delimiter.
{ printf '\xef\xbb\xbf'; cat "$T/same.csv"; } >"$T/bom.csv"
fid2 "$T/bom.csv" fill
expect_contains "$T/stdout" "header: ok" "BOM skipped"
expect_contains "$T/stdout" "cells changed: 0" "BOM: no change"
tr ',' ';' <"$T/crm.csv" >"$T/crm_semi.csv"
tr ',' ';' <"$T/same.csv" >"$T/same_semi.csv"
run "$EVAL" --truth "$T/t2" --crm "$T/crm_semi.csv" --output "$T/same_semi.csv" --matches "$T/m2.csv"
expect_contains "$T/stdout" "header: ok" "semicolon CRM: header ok"
expect_contains "$T/stdout" "cells changed: 0" "semicolon CRM: no change"
sed 's/^2;Bob;;/2;Bob;bob@y.com;/' "$T/same_semi.csv" >"$T/semi_filled.csv"
run "$EVAL" --truth "$T/t2" --crm "$T/crm_semi.csv" --output "$T/semi_filled.csv" --matches "$T/m2.csv"
expect_contains "$T/stdout" "fidelity (mode fill)" "the default mode is fill"
expect_contains "$T/stdout" "cells filled: 1" "semicolon CRM: a filled cell found"
sed 's/^1;Ann;/1;Anne;/' "$T/same_semi.csv" >"$T/semi_changed.csv"
run "$EVAL" --truth "$T/t2" --crm "$T/crm_semi.csv" --output "$T/semi_changed.csv" --matches "$T/m2.csv"
expect_contains "$T/stdout" 'cells changed: 1 (first at data row 0, column "name")' "semicolon CRM: a change found"
finish
