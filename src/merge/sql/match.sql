-- match: reads keys_values, keys_names; writes match_weak, match_candidates, match_pairs.
-- Equality joins only (DESIGN.md invariant 6): one join on (kind, value) finds
-- every pair sharing a key; no OR in any join condition.
DELETE FROM match_weak;
DELETE FROM match_candidates;
DELETE FROM match_pairs;

-- Weak keys: an e-mail or phone that several different people share inside one
-- input (a switchboard, info@, a family phone): rows with at least two different
-- names, or ten rows or more. A weak key never matches on its own.
INSERT INTO match_weak
SELECT k.src, k.kind, k.value, count(DISTINCT k.row) AS rows,
       count(DISTINCT CASE WHEN n.first <> '' OR n.last <> '' THEN n.first || ' ' || n.last END) AS people
FROM keys_values AS k
LEFT JOIN keys_names AS n ON n.src = k.src AND n.row = k.row
WHERE k.kind IN (1, 3)
GROUP BY k.src, k.kind, k.value
HAVING people >= 2 OR rows >= 10;

INSERT INTO match_candidates
WITH strong AS (  -- keys that may make a match: e-mail, LinkedIn, personal phone; not weak, not role mailboxes
  SELECT k.src, k.row, k.kind, k.value
  FROM keys_values AS k
  ANTI JOIN match_weak AS w ON w.src = k.src AND w.kind = k.kind AND w.value = k.value
  WHERE k.kind IN (1, 2, 3) AND NOT k.role_mailbox
),
pairs AS (
  SELECT c.row AS crm_row, v.src, v.row AS vendor_row, min(c.kind) AS best_kind
  FROM strong AS c
  JOIN strong AS v ON v.kind = c.kind AND v.value = c.value
  WHERE c.src = 0 AND v.src > 0
  GROUP BY c.row, v.src, v.row
),
agreement AS (  -- every key the two rows share, weak ones and domains included
  SELECT p.crm_row, p.src, p.vendor_row, count(DISTINCT (c.kind, c.value)) AS shared,
         bit_or((1 << c.kind)::UTINYINT) AS kinds
  FROM pairs AS p
  JOIN keys_values AS c ON c.src = 0 AND c.row = p.crm_row
  JOIN keys_values AS v ON v.src = p.src AND v.row = p.vendor_row AND v.kind = c.kind AND v.value = c.value
  GROUP BY p.crm_row, p.src, p.vendor_row
),
named AS (
  SELECT p.*, a.shared, a.kinds,
         -- names clearly disagree: both present, and neither contains (last) or starts (first) the other
         coalesce(cn.last <> '' AND vn.last <> '' AND NOT contains(cn.last, vn.last)
                  AND NOT contains(vn.last, cn.last), false) AS last_conflict,
         coalesce(cn.first <> '' AND vn.first <> '' AND NOT starts_with(cn.first, vn.first)
                  AND NOT starts_with(vn.first, cn.first), false) AS first_conflict
  FROM pairs AS p
  JOIN agreement AS a ON a.crm_row = p.crm_row AND a.src = p.src AND a.vendor_row = p.vendor_row
  LEFT JOIN keys_names AS cn ON cn.src = 0 AND cn.row = p.crm_row
  LEFT JOIN keys_names AS vn ON vn.src = p.src AND vn.row = p.vendor_row
),
judged AS (
  SELECT *,
         CASE WHEN best_kind = 3 AND (last_conflict OR first_conflict) THEN 'names disagree on a phone-only match'
              WHEN last_conflict AND first_conflict THEN 'first and last names disagree (a recycled address?)'
         END AS rejection
  FROM named
),
ranked AS (  -- the rule: strongest key kind, then most shared keys, then the earliest vendor row
  SELECT *,
         row_number() OVER (PARTITION BY crm_row, src ORDER BY best_kind, shared DESC, vendor_row) AS rank,
         first_value(best_kind) OVER (PARTITION BY crm_row, src ORDER BY best_kind, shared DESC, vendor_row) AS top_kind,
         first_value(shared) OVER (PARTITION BY crm_row, src ORDER BY best_kind, shared DESC, vendor_row) AS top_shared
  FROM judged
  WHERE rejection IS NULL
)
SELECT crm_row, src, vendor_row, best_kind, shared, kinds,
       CASE WHEN rank = 1 THEN 'matched'
            WHEN best_kind = top_kind AND shared = top_shared THEN 'tie_lost'
            ELSE 'outranked' END,
       CASE WHEN rank = 1 THEN 'best candidate'
            WHEN best_kind = top_kind AND shared = top_shared THEN 'tied with the match; the earlier vendor row won'
            ELSE 'a stronger or better-agreeing candidate won' END
FROM ranked
UNION ALL
SELECT crm_row, src, vendor_row, best_kind, shared, kinds, 'rejected', rejection
FROM judged
WHERE rejection IS NOT NULL;

INSERT INTO match_pairs
SELECT m.crm_row, m.src, m.vendor_row, m.best_kind, m.shared, m.kinds,
       count(*) FILTER (WHERE c.decision = 'tie_lost') > 0 AS ambiguous,
       count(*) FILTER (WHERE c.decision <> 'rejected') AS candidates
FROM match_candidates AS m
JOIN match_candidates AS c ON c.crm_row = m.crm_row AND c.src = m.src
WHERE m.decision = 'matched'
GROUP BY m.crm_row, m.src, m.vendor_row, m.best_kind, m.shared, m.kinds;
