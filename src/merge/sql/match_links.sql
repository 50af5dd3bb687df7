-- match (links): reads keys_values, match_weak; writes match_links, for the keys
-- whose hash's first half (h1) lies from $1 to $2 (both included).
-- merge/match.cc runs it once per part of the hash space, the parts sized to
-- the memory limit: every shared key is in exactly one part (both sides of a
-- join on the key have the same h1), and a part's join is built in memory
-- where the whole one spilled (10M CRM rows, 29M links, 512MB: 4 parts took
-- ~20 s against ~35 s for one).
INSERT INTO match_links
WITH strong AS (
  SELECT k.src, k.row, k.kind, k.h1, k.h2, k.person
  FROM keys_values AS k
  ANTI JOIN match_weak AS w ON w.src = k.src AND w.kind = k.kind AND w.h1 = k.h1 AND w.h2 = k.h2
  WHERE k.kind IN (1, 2, 3) AND NOT k.role_mailbox AND k.h1 BETWEEN $1 AND $2
)
SELECT c.row, v.src, v.row, c.kind, c.person <> 0 AND v.person <> 0 AND c.person <> v.person
FROM strong AS c
JOIN strong AS v ON v.kind = c.kind AND v.h1 = c.h1 AND v.h2 = c.h2
WHERE c.src = 0 AND v.src > 0;
