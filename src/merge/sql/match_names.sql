-- match (names): reads match_strong, keys_names; writes match_named and
-- match_scored for the pairs sql/match_score.sql left: one kind of strong key,
-- and names on both rows that differ; for the CRM rows from $1 up to (not
-- including) $2. merge/match.cc runs it once per range of those pairs, sized
-- to the memory limit like match_score.sql's (usually one: they are few, 42k
-- of 1.8M pairs at 1M CRM rows, so each join reads keys_names once, where
-- joining every pair's names took a quarter of the match).

-- Names clearly disagree when both are present and comparable (both in Latin
-- script, or both not) and neither contains (last names) or starts (first
-- names, nicknames mapped) the other. The CRM row's names, then the vendor
-- row's: one join per statement.
INSERT INTO match_named
SELECT p.crm_row, p.src, p.vendor_row, p.best_kind, p.strong_kinds, p.shared, cn.first, cn.last, cn.latin
FROM match_strong AS p
LEFT JOIN keys_names AS cn ON cn.src = 0 AND cn.row = p.crm_row AND cn.row >= $1 AND cn.row < $2
WHERE p.crm_row >= $1 AND p.crm_row < $2 AND p.names_differ AND bit_count(p.strong_kinds) = 1;

INSERT INTO match_scored
SELECT p.crm_row, p.src, p.vendor_row, p.best_kind, p.strong_kinds, p.shared, p.strong_kinds AS kinds,
       coalesce(p.latin = vn.latin AND p.last <> '' AND vn.last <> '' AND NOT contains(p.last, vn.last)
                AND NOT contains(vn.last, p.last), false) AS last_conflict,
       coalesce(p.latin = vn.latin AND p.first <> '' AND vn.first <> '' AND NOT starts_with(p.first, vn.first)
                AND NOT starts_with(vn.first, p.first), false) AS first_conflict,
       coalesce(p.latin <> vn.latin, false) AS scripts_differ
FROM match_named AS p
LEFT JOIN keys_names AS vn ON vn.src = p.src AND vn.row = p.vendor_row
WHERE p.crm_row >= $1 AND p.crm_row < $2;
