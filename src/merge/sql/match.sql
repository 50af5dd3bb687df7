-- match: reads keys_values; writes match_weak and makes match_links, which
-- sql/match_links.sql fills; from it sql/match_score.sql makes match_strong and
-- sql/match_names.sql with merge/name_scorer.cc match_conflicts, which
-- sql/match_decide.sql reads in
-- order for merge/match.cc to write match_candidates (the candidates that are
-- not the match) and match_pairs (the matches).
-- Equality joins only (DESIGN.md invariant 6): every pair sharing a key is
-- found by one join on (kind, key); no OR in any join condition. One heavy
-- operator per statement, keys compared by their 128-bit hash (h1, h2), and no
-- DISTINCT aggregate (in DuckDB 1.4 those do not spill): keys_values holds each
-- (src, row, kind, key) once, so count(*) counts rows.
-- The steps between are tables this script makes (merge/match.cc drops them):
-- no other phase reads them. They are tables of the job database, not TEMP
-- tables: at 50M CRM rows a GROUP BY reading one temporary table into another
-- ran out of 512MB (temporary tables live in DuckDB's memory), where the same
-- over stored tables spilled.
DELETE FROM match_weak;
DELETE FROM match_candidates;
DELETE FROM match_pairs;
-- Keys on two rows or more of one input, and how many different names they carry.
CREATE OR REPLACE TABLE match_shared (
  src INTEGER NOT NULL, kind UTINYINT NOT NULL, h1 UBIGINT NOT NULL, h2 UBIGINT NOT NULL, rows UBIGINT NOT NULL
);
CREATE OR REPLACE TABLE match_people (
  src INTEGER NOT NULL, kind UTINYINT NOT NULL, h1 UBIGINT NOT NULL, h2 UBIGINT NOT NULL, people UBIGINT NOT NULL
);
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

-- Weak keys: an e-mail or phone that several different people share inside one
-- input (a switchboard, info@, a family phone): on rows with at least two
-- different names, or on ten rows or more. A weak key never matches on its own.
INSERT INTO match_shared
SELECT src, kind, h1, h2, count(*) AS rows
FROM keys_values
WHERE kind IN (1, 3)
GROUP BY src, kind, h1, h2
HAVING count(*) >= 2;

INSERT INTO match_people
SELECT src, kind, h1, h2, count(*) AS people
FROM (
  SELECT DISTINCT k.src, k.kind, k.h1, k.h2, k.person
  FROM match_shared AS s
  JOIN keys_values AS k ON k.src = s.src AND k.kind = s.kind AND k.h1 = s.h1 AND k.h2 = s.h2
  WHERE k.person <> 0
)
GROUP BY src, kind, h1, h2;

INSERT INTO match_weak
SELECT s.src, s.kind, s.h1, s.h2, s.rows, coalesce(p.people, 0) AS people
FROM match_shared AS s
LEFT JOIN match_people AS p ON p.src = s.src AND p.kind = s.kind AND p.h1 = s.h1 AND p.h2 = s.h2
WHERE coalesce(p.people, 0) >= 2 OR s.rows >= 10;
DROP TABLE match_shared;
DROP TABLE match_people;

-- The pairs whose names matter, with where their CRM row is (keys_rows), for
-- merge/name_scorer.cc to read its names (sql/match_names.sql).
CREATE OR REPLACE TABLE match_named (
  crm_row UBIGINT NOT NULL, src INTEGER NOT NULL, vendor_row UBIGINT NOT NULL, best_kind UTINYINT NOT NULL,
  strong_kinds UTINYINT NOT NULL, shared UBIGINT NOT NULL, crm_off UBIGINT, crm_len UINTEGER, crm_line UBIGINT
);
-- Pairs sharing a key that may make a match: e-mail, LinkedIn or personal phone,
-- not weak, not a role mailbox; how many such keys they share, and of which kinds.
-- Here the table; sql/match_links.sql fills it with every shared key (a join),
-- in parts by key hash; sql/match_score.sql then takes the pairs (an
-- aggregate), and sql/match_names.sql with merge/name_scorer.cc the few pairs
-- whose names matter (a join each), one operator per statement, in ranges of CRM rows:
-- together, or over all rows at once, they ran out of 512MB at 50M CRM rows.
-- names_differ: both rows have names and they differ (as in match_strong).
CREATE OR REPLACE TABLE match_links (
  crm_row UBIGINT NOT NULL, src INTEGER NOT NULL, vendor_row UBIGINT NOT NULL, kind UTINYINT NOT NULL,
  names_differ BOOLEAN NOT NULL
);
