# Exit codes and help: 0 success, 2 bad usage, --help on every subcommand, --version.
source "$(dirname "$0")/lib.sh"
E=$SRC/examples

expect_exit 0 "--version" -- "$CRMERGE" --version
expect_contains "$T/stdout" "crmerge 0." "--version names crmerge"
expect_contains "$T/stdout" "DuckDB v1.4.4" "--version names DuckDB's version"
expect_exit 0 "--help" -- "$CRMERGE" --help
expect_contains "$T/stdout" "merge" "--help lists the merge command"
expect_exit 0 "merge --help" -- "$CRMERGE" merge --help
expect_contains "$T/stdout" "--enrich" "merge --help lists its flags"
expect_exit 2 "no subcommand" -- "$CRMERGE"
expect_exit 2 "unknown subcommand" -- "$CRMERGE" frobnicate
expect_exit 2 "unknown flag" -- "$CRMERGE" merge --crm "$E/crm.csv" --enrich "$E/apollo.csv" --out "$T/o.csv" --bogus
expect_exit 2 "missing --crm" -- "$CRMERGE" merge --enrich "$E/apollo.csv" --out "$T/o.csv"
expect_exit 2 "missing --enrich" -- "$CRMERGE" merge --crm "$E/crm.csv" --out "$T/o.csv"
expect_exit 2 "bad --threads" -- "$CRMERGE" merge --crm "$E/crm.csv" --enrich "$E/apollo.csv" --out "$T/o.csv" --threads -1
expect_exit 2 "bad --memory-limit" -- "$CRMERGE" merge --crm "$E/crm.csv" --enrich "$E/apollo.csv" --out "$T/o.csv" --memory-limit lots
expect_exit 2 "bad --on-malformed" -- "$CRMERGE" merge --crm "$E/crm.csv" --enrich "$E/apollo.csv" --out "$T/o.csv" --on-malformed ignore
[ -e "$T/o.csv" ] && fail "a usage error wrote an output"
finish
