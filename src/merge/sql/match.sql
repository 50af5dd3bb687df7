-- match: reads keys_values, keys_names; writes match_weak and the temporary
-- table match_scored, which sql/match_decide.sql reads in order for
-- merge/match.cc to write match_candidates and match_pairs.
-- Equality joins only (DESIGN.md invariant 6): every pair sharing a key is
-- found by one join on (kind, key); no OR in any join condition. One heavy
-- operator per statement, keys compared by their 128-bit hash (h1, h2), and no
-- DISTINCT aggregate (in DuckDB 1.4 those do not spill): keys_values holds each
-- (src, row, kind, key) once, so count(*) counts rows.
-- The steps between are TEMP tables: no other phase reads them, and a table
-- in the job database costs its compression and its writing at every insert
-- (measured at 1M rows: the phase's CPU -7%, its wall -9%). DuckDB keeps them
-- under the memory limit and spills them like any operator; a crash loses
-- them with the phase, which then runs again whole.
DELETE FROM match_weak;
-- Keys on two rows or more of one input, and how many different names they carry.
CREATE OR REPLACE TEMP TABLE match_shared (
  src INTEGER NOT NULL, kind UTINYINT NOT NULL, h1 UBIGINT NOT NULL, h2 UBIGINT NOT NULL, rows UBIGINT NOT NULL
);
CREATE OR REPLACE TEMP TABLE match_people (
  src INTEGER NOT NULL, kind UTINYINT NOT NULL, h1 UBIGINT NOT NULL, h2 UBIGINT NOT NULL, people UBIGINT NOT NULL
);
-- (CRM row, vendor row) pairs sharing a strong key, with the strongest kind, the
-- kinds of strong keys they share (bit k: kind k) and how many they share.
CREATE OR REPLACE TEMP TABLE match_strong (
  crm_row UBIGINT NOT NULL, src INTEGER NOT NULL, vendor_row UBIGINT NOT NULL, best_kind UTINYINT NOT NULL,
  strong_kinds UTINYINT NOT NULL, shared UBIGINT NOT NULL
);
-- The same pairs scored: keys shared, and whether their names clearly disagree.
CREATE OR REPLACE TEMP TABLE match_scored (
  crm_row UBIGINT NOT NULL, src INTEGER NOT NULL, vendor_row UBIGINT NOT NULL, best_kind UTINYINT NOT NULL,
  strong_kinds UTINYINT NOT NULL, shared UBIGINT NOT NULL, kinds UTINYINT NOT NULL,
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

-- Pairs sharing a key that may make a match: e-mail, LinkedIn or personal phone,
-- not weak, not a role mailbox; how many such keys they share, and of which kinds.
INSERT INTO match_strong
WITH strong AS (
  SELECT k.src, k.row, k.kind, k.h1, k.h2
  FROM keys_values AS k
  ANTI JOIN match_weak AS w ON w.src = k.src AND w.kind = k.kind AND w.h1 = k.h1 AND w.h2 = k.h2
  WHERE k.kind IN (1, 2, 3) AND NOT k.role_mailbox
)
SELECT c.row AS crm_row, v.src, v.row AS vendor_row, min(c.kind) AS best_kind,
       bit_or((1 << c.kind)::UTINYINT) AS strong_kinds, count(*) AS shared
FROM strong AS c
JOIN strong AS v ON v.kind = c.kind AND v.h1 = c.h1 AND v.h2 = c.h2
WHERE c.src = 0 AND v.src > 0
GROUP BY c.row, v.src, v.row;

-- Names clearly disagree when both are present and comparable (both in Latin
-- script, or both not) and neither contains (last names) or starts (first
-- names, nicknames mapped) the other.
INSERT INTO match_scored
SELECT p.crm_row, p.src, p.vendor_row, p.best_kind, p.strong_kinds, p.shared, p.strong_kinds AS kinds,
       coalesce(cn.latin = vn.latin AND cn.last <> '' AND vn.last <> '' AND NOT contains(cn.last, vn.last)
                AND NOT contains(vn.last, cn.last), false) AS last_conflict,
       coalesce(cn.latin = vn.latin AND cn.first <> '' AND vn.first <> '' AND NOT starts_with(cn.first, vn.first)
                AND NOT starts_with(vn.first, cn.first), false) AS first_conflict,
       coalesce(cn.latin <> vn.latin, false) AS scripts_differ
FROM match_strong AS p
LEFT JOIN keys_names AS cn ON cn.src = 0 AND cn.row = p.crm_row
LEFT JOIN keys_names AS vn ON vn.src = p.src AND vn.row = p.vendor_row;
DROP TABLE match_strong;
