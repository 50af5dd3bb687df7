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

# The report and the audit; the report's mapping, given back as --map, repeats the run exactly.
expect_exit 0 "merge with --report and --audit" -- "$CRMERGE" merge --crm "$E/crm.csv" --enrich apollo="$E/apollo.csv" \
  --enrich "$E/zoominfo.csv" --out "$T/out/r1.csv" --report "$T/report.json" --audit "$T/audit.csv"
expect_contains "$T/stdout" "report: $T/report.json" "the summary names the report"
expect_contains "$T/audit.csv" "crm_row,crm_line,field,vendor,vendor_row,vendor_line,value,decision,reason" "the audit's header"
expect_contains "$T/audit.csv" ",matched,best candidate" "the audit lists the matches"
if "$TESTTOOL" json-get "$T/report.json" mapping "$T/mapping.json"; then pass "the report holds the mapping"; else fail "no mapping in the report"; fi
"$TESTTOOL" json-get "$T/report.json" match "$T/match.json" && expect_contains "$T/match.json" '"matched_rows": 11' "the report counts matched rows"
expect_exit 0 "merge again with the report's mapping" -- "$CRMERGE" merge --crm "$E/crm.csv" --enrich apollo="$E/apollo.csv" \
  --enrich "$E/zoominfo.csv" --out "$T/out/r2.csv" --map "$T/mapping.json"
expect_same_file "$T/out/r1.csv" "$T/out/r2.csv" "the report's mapping repeats the run exactly"
rm -f "$T/out/r1.csv" "$T/out/r2.csv"

# inspect: what crmerge detects.
expect_exit 0 "inspect" -- "$CRMERGE" inspect "$E/crm.csv" "$E/apollo.csv" "$E/zoominfo.csv"
expect_contains "$T/stdout" "semicolon-delimited" "inspect names the delimiter"
expect_contains "$T/stdout" "Person Linkedin Url  linkedin_url" "inspect names a column's role"
expect_contains "$T/stdout" "header+content" "inspect says what a role rests on"
expect_exit 0 "inspect --json" -- "$CRMERGE" inspect --json "$E/apollo.csv"
cp "$T/stdout" "$T/inspect.json"
if "$TESTTOOL" json-get <(echo "{\"files\": $(cat "$T/inspect.json")}") files "$T/files.json"; then
  pass "inspect --json is JSON"
else fail "inspect --json is not JSON"; fi
expect_contains "$T/inspect.json" '"role": "mobile_phone"' "inspect --json gives roles"
expect_exit 1 "inspect a missing file" -- "$CRMERGE" inspect "$T/nope.csv"
expect_contains "$T/stderr" "nope.csv" "the error names the file"

# Issue 22: the job folder is private (0700) whatever the umask, new or given;
# the output follows the umask.
(umask 022 && "$CRMERGE" merge -q --crm "$E/crm.csv" --enrich "$E/apollo.csv" --out "$T/out/umask.csv" \
  --work-dir "$T/wd-new" --keep-work-dir) || fail "the merge with --keep-work-dir failed"
[ "$(stat -c %a "$T/wd-new")" = 700 ] && pass "issue22_files_follow_umask: a new job folder is 0700" \
  || fail "the job folder is $(stat -c %a "$T/wd-new"), not 700"
[ "$(stat -c %a "$T/out/umask.csv")" = 644 ] && pass "the output follows the umask (644 under 022)" \
  || fail "the output is $(stat -c %a "$T/out/umask.csv")"
mkdir -m 755 "$T/wd-given"
(umask 022 && "$CRMERGE" merge -q --crm "$E/crm.csv" --enrich "$E/apollo.csv" --out "$T/out/umask2.csv" \
  --work-dir "$T/wd-given" --keep-work-dir) || fail "the merge into an empty given folder failed"
[ "$(stat -c %a "$T/wd-given")" = 700 ] && pass "an empty folder given as --work-dir is made 0700" \
  || fail "the given job folder is $(stat -c %a "$T/wd-given")"
(umask 022 && CRMERGE_FAULT=phase:match:start "$CRMERGE" merge -q --crm "$E/crm.csv" --enrich "$E/apollo.csv" \
  --out "$T/out/killed.csv") 2>/dev/null
left=$(ls -d "$TMPDIR"/crmerge-job-* 2>/dev/null | head -n 1)
if [ -n "$left" ] && [ "$(stat -c %a "$left")" = 700 ]; then pass "a default job folder (left by kill -9) is 0700"; else
  fail "no 0700 job folder left by the killed merge: '$left'"; fi
rm -rf "$TMPDIR"/crmerge-job-*

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
