# crmerge merge as a user runs it: the summary, progress lines, --quiet,
# failures that name the file and line (exit 1), and nothing left behind.
source "$(dirname "$0")/lib.sh"
E=$SRC/examples
mkdir -p "$T/out"

expect_exit 0 "merge the examples" -- "$CRMERGE" merge --crm "$E/crm.csv" --enrich apollo="$E/apollo.csv" \
  --enrich "$E/zoominfo.csv" --out "$T/out/merged.csv"
expect_contains "$T/stdout" "merged 15 CRM rows with 2 vendor files" "summary: rows in"
expect_contains "$T/stdout" "apollo" "summary: per vendor (label given)"
expect_contains "$T/stdout" "zoominfo" "summary: per vendor (label from the file name)"
expect_contains "$T/stdout" "output: $T/out/merged.csv" "summary: output path"
expect_contains "$T/stderr" "import done in" "one log line per phase when stderr is not a terminal"
expect_contains "$T/stderr" "export done in" "the export phase is logged"
if "$TESTTOOL" fidelity "$E/crm.csv" "$T/out/merged.csv" - fill; then
  pass "every CRM record kept, in order; no non-empty CRM cell changed"
else fail "fidelity"; fi
expect_only "$T/out" "no temporary files beside the output" merged.csv
expect_only "$TMPDIR" "the default job folder was deleted"

expect_exit 0 "--quiet" -- "$CRMERGE" merge -q --crm "$E/crm.csv" --enrich "$E/apollo.csv" --out "$T/out/q.csv"
[ -s "$T/stdout" ] && fail "--quiet printed on stdout"
[ -s "$T/stderr" ] && fail "--quiet printed on stderr"
if [ -s "$T/out/q.csv" ]; then pass "--quiet still writes the output"; else fail "--quiet wrote no output"; fi

expect_exit 1 "a missing input" -- "$CRMERGE" merge --crm "$T/nope.csv" --enrich "$E/apollo.csv" --out "$T/out/x.csv"
expect_contains "$T/stderr" "nope.csv" "the error names the missing file"

cp "$E/crm.csv" "$T/crm-copy.csv"
expect_exit 1 "--out is an input" -- "$CRMERGE" merge --crm "$T/crm-copy.csv" --enrich "$E/apollo.csv" --out "$T/crm-copy.csv"
expect_same_file "$T/crm-copy.csv" "$E/crm.csv" "the input was not touched"

printf 'id,email\n1,a@b.c\n2,"broken@x.y,3\n4,d@e.f\n' > "$T/bad.csv"
expect_exit 1 "a malformed CRM line" -- "$CRMERGE" merge --crm "$T/bad.csv" --enrich "$E/apollo.csv" --out "$T/out/bad-out.csv"
expect_contains "$T/stderr" "bad.csv line 3" "the error names the file and line"
: > "$T/empty.csv"
expect_exit 1 "an empty CRM" -- "$CRMERGE" merge --crm "$T/empty.csv" --enrich "$E/apollo.csv" --out "$T/out/e.csv"
expect_contains "$T/stderr" "empty.csv: the file is empty" "the error says the file is empty"
expect_only "$T/out" "failed jobs wrote nothing" merged.csv q.csv
expect_only "$TMPDIR" "failed jobs removed their job folders"

printf 'id,email\n1,a@b.c\n2,x,extra\n' > "$T/bad2.csv"
expect_exit 0 "--on-malformed pass" -- "$CRMERGE" merge --crm "$T/bad2.csv" --enrich "$E/apollo.csv" --out "$T/out/p.csv" --on-malformed pass
expect_contains "$T/out/p.csv" "2,x,extra" "the malformed line is copied through unchanged"
expect_contains "$T/stderr" "line 3" "and reported with its line number"

# On a terminal: a progress bar redrawn in place on stderr (run under a pseudo-terminal).
"$TESTTOOL" fixture "$T" 3 200000 1 50000
script -qec "'$CRMERGE' merge --crm '$T/crm.csv' --enrich '$T/vendor1.csv' --out '$T/out/tty.csv'" /dev/null \
  > "$T/tty.log" 2>&1
if grep -q $'\r' "$T/tty.log" && grep -qE 'import +\[[#.]+\] +[0-9]+%' "$T/tty.log"; then
  pass "a progress bar on a terminal"
else
  fail "no progress bar on a terminal"; head -c 600 "$T/tty.log" | cat -A >&2
fi
grep -qE 'rows/s' "$T/tty.log" && pass "the bar shows rows/s" || fail "the bar shows no rows/s"
finish
