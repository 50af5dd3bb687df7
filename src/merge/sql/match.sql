-- match: empties the tables the match writes (match_weak and
-- match_role_mailboxes, from merge/key_groups.cc; match_candidates, the
-- candidates that are not the match, and match_pairs, the matches, from
-- merge/pairs.cc) and makes the few it works through: match_strong, the pairs
-- whose names matter (merge/match.cc), match_named (sql/match_names.sql) and
-- match_conflicts (merge/name_scorer.cc).
-- Equality only (DESIGN.md invariant 6): every pair sharing a key is found
-- among that key's rows in a stream sorted by key (kind and 128-bit hash); no
-- OR in any join condition.
-- The steps between are tables this script makes (merge/match.cc drops them):
-- no other phase reads them. They are tables of the job database, not TEMP
-- tables: at 50M CRM rows a GROUP BY reading one temporary table into another
-- ran out of 512MB (temporary tables live in DuckDB's memory), where the same
-- over stored tables spilled.
DELETE FROM match_weak;
DELETE FROM match_role_mailboxes;
DELETE FROM match_candidates;
DELETE FROM match_pairs;
-- The (CRM row, vendor row) pairs whose names matter (merge/pairs.h: one kind
-- of strong key links them, and both rows have names that differ by their
-- hash, `person`), with the strongest kind, the kinds of strong keys they
-- share (bit k: kind k) and how many they share.
CREATE OR REPLACE TABLE match_strong (
  crm_row UBIGINT NOT NULL, src INTEGER NOT NULL, vendor_row UBIGINT NOT NULL, best_kind UTINYINT NOT NULL,
  strong_kinds UTINYINT NOT NULL, shared UBIGINT NOT NULL
);
-- How the names of the pairs whose names matter disagree (merge/name_scorer.cc;
-- the other pairs' names never do).
CREATE OR REPLACE TABLE match_conflicts (
  crm_row UBIGINT NOT NULL, src INTEGER NOT NULL, vendor_row UBIGINT NOT NULL,
  last_conflict BOOLEAN NOT NULL, first_conflict BOOLEAN NOT NULL, scripts_differ BOOLEAN NOT NULL
);

-- The pairs whose names matter, with where their CRM row is (keys_rows), for
-- merge/name_scorer.cc to read its names (sql/match_names.sql).
CREATE OR REPLACE TABLE match_named (
  crm_row UBIGINT NOT NULL, src INTEGER NOT NULL, vendor_row UBIGINT NOT NULL, best_kind UTINYINT NOT NULL,
  strong_kinds UTINYINT NOT NULL, shared UBIGINT NOT NULL, crm_off UBIGINT, crm_len UINTEGER, crm_line UBIGINT
);
