-- match: empties match_weak and match_role_mailboxes and makes match_links,
-- which merge/key_groups.cc fills from the runs of keys; from it sql/match_score.sql makes match_strong and
-- sql/match_names.sql with merge/name_scorer.cc match_conflicts, which
-- sql/match_decide.sql reads in
-- order for merge/match.cc to write match_candidates (the candidates that are
-- not the match) and match_pairs (the matches).
-- Equality only (DESIGN.md invariant 6): every pair sharing a key is found
-- among that key's rows in a stream sorted by key (kind and 128-bit hash); no
-- OR in any join condition. One heavy operator per statement, and no DISTINCT
-- aggregate (in DuckDB 1.4 those do not spill).
-- The steps between are tables this script makes (merge/match.cc drops them):
-- no other phase reads them. They are tables of the job database, not TEMP
-- tables: at 50M CRM rows a GROUP BY reading one temporary table into another
-- ran out of 512MB (temporary tables live in DuckDB's memory), where the same
-- over stored tables spilled.
DELETE FROM match_weak;
DELETE FROM match_role_mailboxes;
DELETE FROM match_candidates;
DELETE FROM match_pairs;
-- (CRM row, vendor row) pairs sharing a strong key, with the strongest kind, the
-- kinds of strong keys they share (bit k: kind k), how many they share, and
-- whether both rows have names and these differ (their hashes, `person`, do).
CREATE OR REPLACE TABLE match_strong (
  crm_row UBIGINT NOT NULL, src INTEGER NOT NULL, vendor_row UBIGINT NOT NULL, best_kind UTINYINT NOT NULL,
  strong_kinds UTINYINT NOT NULL, shared UBIGINT NOT NULL, names_differ BOOLEAN NOT NULL
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
-- Pairs sharing a key that may make a match: e-mail, LinkedIn or personal phone,
-- not weak, not a role mailbox; one row per shared key, with its kind. Here the
-- table; merge/key_groups.cc fills it (and match_weak, match_role_mailboxes)
-- from the runs of keys merged into one stream by key (merge/key_runs.h);
-- sql/match_score.sql then takes the pairs (an aggregate), and
-- sql/match_names.sql with merge/name_scorer.cc the few pairs whose names
-- matter (a join each), one operator per statement, in ranges of CRM rows:
-- together, or over all rows at once, they ran out of 512MB at 50M CRM rows.
-- names_differ: both rows have names and they differ (as in match_strong).
CREATE OR REPLACE TABLE match_links (
  crm_row UBIGINT NOT NULL, src INTEGER NOT NULL, vendor_row UBIGINT NOT NULL, kind UTINYINT NOT NULL,
  names_differ BOOLEAN NOT NULL
);
