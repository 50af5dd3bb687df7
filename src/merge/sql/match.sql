-- match: empties the tables the match writes (match_weak and
-- match_role_mailboxes, from merge/key_groups.cc; match_candidates, the
-- candidates that are not the match, and match_pairs, the matches, from
-- merge/pairs.cc) and makes match_conflicts, which it works through (the name
-- conflicts of the pairs whose names matter, merge/name_scorer.cc).
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
-- How the names of the pairs whose names matter disagree (merge/name_scorer.cc;
-- the other pairs' names never do).
CREATE OR REPLACE TABLE match_conflicts (
  crm_row UBIGINT NOT NULL, src INTEGER NOT NULL, vendor_row UBIGINT NOT NULL,
  last_conflict BOOLEAN NOT NULL, first_conflict BOOLEAN NOT NULL, scripts_differ BOOLEAN NOT NULL
);
