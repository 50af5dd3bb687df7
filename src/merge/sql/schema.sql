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
-- Where every 16384th data row of each input starts: the keys phase and the
-- export cut the files there into pieces that their workers share.
CREATE TABLE IF NOT EXISTS input_marks (src INTEGER NOT NULL, row UBIGINT NOT NULL, off UBIGINT NOT NULL, line UBIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS input_malformed (
  src INTEGER NOT NULL, row UBIGINT NOT NULL, line UBIGINT NOT NULL, problem VARCHAR NOT NULL
);

-- map_*: written by the map phase. The role of each column that has one, how
-- sure the detection is and what it rests on (header, content, mapping).
CREATE TABLE IF NOT EXISTS map_roles (
  src INTEGER NOT NULL, col INTEGER NOT NULL, role VARCHAR NOT NULL, confidence DOUBLE NOT NULL, evidence VARCHAR NOT NULL
);

-- keys_*: written by the keys phase, one pass over each input's key columns.
-- The keys themselves are not in a table: the pass writes them as sorted runs
-- of fixed-size records into the job folder's keys/ (merge/key_runs.h), which
-- the match merges into one stream by key. (In a table, keys_values, their
-- appends took ~1.5 s of the keys phase at 1M rows, and the aggregate and join
-- over them ~3 s of the match.) A key is its kind (1 e-mail, 2 LinkedIn,
-- 3 phone, personal) and the 128-bit hash (h1, h2) of its normalized value;
-- the text is not stored (the report derives the few it shows again from a
-- row that holds them, merge/row_keys.h).
-- person: a 64-bit hash of the row's folded names (merge/row_names.h), 0 when
-- it has none: it tells people apart on shared keys. The names are not stored:
-- the match compares the names of ~2% of its pairs, and reads those again from
-- the rows (merge/name_scorer.h). (Stored, uncompressed, as keys_names, they
-- were a third of the keys phase at 1M rows: 9.8 against 6.7 s.)
-- Phone cells the keys pass read itself (the fast path), counted by status.
CREATE TABLE IF NOT EXISTS keys_phone_status (src INTEGER NOT NULL, status VARCHAR NOT NULL, cells UBIGINT NOT NULL);
-- The other phone cells (the fast path could not read them), raw; each distinct
-- raw value is normalized once by sql/phones.sql. Personal ones (phone, mobile, direct) are keys, a vendor's company phones only values.
-- (r1, r2): the 128-bit hash of the raw text, so that distinct raw values are
-- found by a fixed-width aggregate; id: the cell's identity, in file order;
-- person: as in the runs of keys.
CREATE TABLE IF NOT EXISTS keys_phones_raw (
  src INTEGER NOT NULL, row UBIGINT NOT NULL, col INTEGER NOT NULL, raw VARCHAR NOT NULL, personal BOOLEAN NOT NULL,
  r1 UBIGINT NOT NULL, r2 UBIGINT NOT NULL, id UBIGINT NOT NULL, person UBIGINT NOT NULL
);
-- The first cell of each distinct raw phone; the valid personal phones of each row.
CREATE TABLE IF NOT EXISTS keys_phone_first (r1 UBIGINT NOT NULL, r2 UBIGINT NOT NULL, id UBIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS keys_phone_rows (
  src INTEGER NOT NULL, row UBIGINT NOT NULL, h1 UBIGINT NOT NULL, h2 UBIGINT NOT NULL, person UBIGINT NOT NULL
);
-- key: E.164 without the extension (display has it), (h1, h2) its hash as in the runs of keys.
CREATE TABLE IF NOT EXISTS keys_phone_norm (
  r1 UBIGINT NOT NULL, r2 UBIGINT NOT NULL, status VARCHAR NOT NULL, key VARCHAR NOT NULL, display VARCHAR NOT NULL,
  h1 UBIGINT NOT NULL, h2 UBIGINT NOT NULL
);

-- match_*: written by the match phase, one heavy operation per statement (so
-- that DuckDB runs one memory-hungry operator at a time, each able to spill).
-- Its steps between (which keys are shared, by how many people; the pairs
-- sharing strong keys, scored) are tables sql/match.sql makes and drops.
-- Keys shared by several different people inside one input (merge/key_groups.h):
-- on how many rows, with how many different names, and the first row holding it.
CREATE TABLE IF NOT EXISTS match_weak (
  src INTEGER NOT NULL, kind UTINYINT NOT NULL, h1 UBIGINT NOT NULL, h2 UBIGINT NOT NULL, rows UBIGINT NOT NULL,
  people UBIGINT NOT NULL, holder_row UBIGINT NOT NULL
);
-- E-mails that are role mailboxes (info@, sales@), per input: the rows holding
-- one and how many different ones (for the report).
CREATE TABLE IF NOT EXISTS match_role_mailboxes (src INTEGER NOT NULL, rows UBIGINT NOT NULL, keys UBIGINT NOT NULL);
-- Every (CRM row, vendor row) pair that shares a strong key and is not the
-- match (match_pairs holds those: decision 'matched', reason 'best candidate',
-- sql/export_candidates.sql), and what became of it. (Writing the matches twice
-- was ~0.6 s of a 6 s match at 1M CRM rows.)
CREATE TABLE IF NOT EXISTS match_candidates (
  crm_row UBIGINT NOT NULL, src INTEGER NOT NULL, vendor_row UBIGINT NOT NULL,
  best_kind UTINYINT NOT NULL,  -- the strongest key kind the two share
  shared UBIGINT NOT NULL,      -- how many strong keys they share
  kinds UTINYINT NOT NULL,      -- bit k set: they share a key of kind k
  decision VARCHAR NOT NULL,    -- tie_lost, outranked, rejected
  reason VARCHAR NOT NULL
);
-- At most one vendor row per CRM row and vendor; ambiguous: another candidate
-- tied with it; candidates: how many the rule accepted (itself included).
CREATE TABLE IF NOT EXISTS match_pairs (
  crm_row UBIGINT NOT NULL, src INTEGER NOT NULL, vendor_row UBIGINT NOT NULL, best_kind UTINYINT NOT NULL,
  shared UBIGINT NOT NULL, kinds UTINYINT NOT NULL, ambiguous BOOLEAN NOT NULL, candidates UBIGINT NOT NULL
);

-- resolved_phones: written by the resolve phase (the export reads it in windows
-- of CRM rows, each sorted apart, beside match_pairs, the vendor rows each CRM
-- row draws its fields from): the phone cells of those vendor rows that the
-- keys pass left to libphonenumber, normalized (status and display as in keys_phone_norm); id
-- orders the parts of a cell.
CREATE TABLE IF NOT EXISTS resolved_phones (
  crm_row UBIGINT NOT NULL, src INTEGER NOT NULL, col INTEGER NOT NULL, id UBIGINT NOT NULL, status VARCHAR NOT NULL,
  display VARCHAR NOT NULL
);
