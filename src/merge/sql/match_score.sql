-- match (pairs, scored): reads match_links, keys_names; writes match_strong,
-- match_named, match_scored; for the CRM rows from $1 up to (not including) $2.
-- merge/match.cc runs it once per range of CRM rows, the ranges sized to the
-- memory limit: each statement's operator (an aggregate, then two joins) then
-- works on a part of the pairs, and the parts together are all of them. (At
-- 50M CRM rows, 57M shared keys: the aggregate over all at once ran out of
-- 512MB; 10M did not at 256MB.)

-- (CRM row, vendor row) pairs sharing a strong key, with the strongest kind, the
-- kinds of strong keys they share (bit k: kind k) and how many they share.
INSERT INTO match_strong
SELECT crm_row, src, vendor_row, min(kind) AS best_kind, bit_or((1 << kind)::UTINYINT) AS strong_kinds,
       count(*) AS shared
FROM match_links
WHERE crm_row >= $1 AND crm_row < $2
GROUP BY crm_row, src, vendor_row;

-- Names clearly disagree when both are present and comparable (both in Latin
-- script, or both not) and neither contains (last names) or starts (first
-- names, nicknames mapped) the other. The CRM row's names, then the vendor
-- row's: one join per statement.
INSERT INTO match_named
SELECT p.crm_row, p.src, p.vendor_row, p.best_kind, p.strong_kinds, p.shared, cn.first, cn.last, cn.latin
FROM match_strong AS p
LEFT JOIN keys_names AS cn ON cn.src = 0 AND cn.row = p.crm_row AND cn.row >= $1 AND cn.row < $2
WHERE p.crm_row >= $1 AND p.crm_row < $2;

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
