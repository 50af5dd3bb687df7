-- The job database: every table a job keeps. Run at every open; creates what is missing.
-- Writes: all tables below (empty). Each phase clears and refills only its own tables,
-- so that re-running an unfinished phase after a crash is safe.
-- No table holds a copy of an input: inputs stay in their files (DESIGN.md, "Why no copy").

-- job_*: the job itself. Inputs' size, mtime and content hash; the options' fingerprint;
-- which phases finished and how often each was attempted.
CREATE TABLE IF NOT EXISTS job_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS job_inputs (
  src INTEGER PRIMARY KEY,     -- 0: the CRM; 1..N: vendors in priority order
  label VARCHAR NOT NULL,
  path VARCHAR NOT NULL,
  size UBIGINT NOT NULL,
  mtime_ns BIGINT NOT NULL,
  content_hash VARCHAR         -- filled by the import phase
);
CREATE TABLE IF NOT EXISTS job_phases (
  phase VARCHAR PRIMARY KEY,
  attempts INTEGER NOT NULL,
  finished BOOLEAN NOT NULL,
  seconds DOUBLE
);

-- input_*: written by the import phase. One row per input; its columns; its malformed lines.
CREATE TABLE IF NOT EXISTS input_meta (
  src INTEGER PRIMARY KEY,
  scan_path VARCHAR NOT NULL,  -- the file the later phases read: the input, or its UTF-8 copy
  encoding VARCHAR NOT NULL,
  delimiter VARCHAR NOT NULL,
  quote_all BOOLEAN NOT NULL,
  newline VARCHAR NOT NULL,
  bom BOOLEAN NOT NULL,
  header_offset UBIGINT NOT NULL,
  header_line UBIGINT NOT NULL,
  data_offset UBIGINT NOT NULL,  -- first byte after the header record
  data_line UBIGINT NOT NULL,
  rows UBIGINT NOT NULL,         -- records after the header (blank lines excluded)
  blank_lines UBIGINT NOT NULL,
  malformed UBIGINT NOT NULL,
  bytes UBIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS input_columns (src INTEGER NOT NULL, col INTEGER NOT NULL, name VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS input_malformed (
  src INTEGER NOT NULL, row UBIGINT NOT NULL, line UBIGINT NOT NULL, problem VARCHAR NOT NULL
);

-- map_*: written by the map phase. The role of each column that has one.
CREATE TABLE IF NOT EXISTS map_roles (src INTEGER NOT NULL, col INTEGER NOT NULL, role VARCHAR NOT NULL);

-- keys_*: written by the keys phase. Normalized key values per row; byte ranges of
-- the vendor rows that have a key (the export reads matched vendor rows by offset).
CREATE TABLE IF NOT EXISTS keys_values (src INTEGER NOT NULL, row UBIGINT NOT NULL, kind UTINYINT NOT NULL, value VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS keys_rows (src INTEGER NOT NULL, row UBIGINT NOT NULL, off UBIGINT NOT NULL, len UINTEGER NOT NULL);

-- match_*: written by the match phase. At most one vendor row per CRM row and vendor.
CREATE TABLE IF NOT EXISTS match_pairs (crm_row UBIGINT NOT NULL, src INTEGER NOT NULL, vendor_row UBIGINT NOT NULL, kind UTINYINT NOT NULL);

-- resolved_*: written by the resolve phase. What the export appends to each CRM row.
CREATE TABLE IF NOT EXISTS resolved_rows (crm_row UBIGINT NOT NULL, src INTEGER NOT NULL, off UBIGINT NOT NULL, len UINTEGER NOT NULL);
