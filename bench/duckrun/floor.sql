-- The I/O floor (bench/README.md, "Performance harness"): everything DuckDB must do to
-- read every input CSV completely (every column of every row, as VARCHAR, in each
-- file's dialect) and write one CSV of the CRM's size. Run by bench-duckrun from the
-- folder that holds data/ and out/.
-- 1. the CRM, read and written back (every column; header; its dialect: ',' '"' LF)
COPY (SELECT * FROM read_csv('data/crm.csv', all_varchar=true, header=true, delim=',', quote='"', escape='"'))
  TO 'out/floor.csv' (FORMAT csv, HEADER true, DELIMITER ',');
-- 2. each vendor file, read in full: one count() per column makes the reader produce
--    every column (count(*) alone lets it skip them, and is ~35% cheaper here)
SELECT list_sum([*COLUMNS(*)]) AS apollo_cells FROM (SELECT count(COLUMNS(*))
  FROM read_csv('data/apollo.csv', all_varchar=true, header=true, delim=',', quote='"', escape='"'));
SELECT list_sum([*COLUMNS(*)]) AS zoominfo_cells FROM (SELECT count(COLUMNS(*))
  FROM read_csv('data/zoominfo.csv', all_varchar=true, header=true, delim=',', quote='"', escape='"'));
SELECT list_sum([*COLUMNS(*)]) AS cognism_cells FROM (SELECT count(COLUMNS(*))
  FROM read_csv('data/cognism.csv', all_varchar=true, header=true, delim=';', quote='"', escape='"'));
