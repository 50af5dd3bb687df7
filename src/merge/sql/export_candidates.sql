-- export (--audit): reads match_candidates, keys_rows: every candidate of every
-- CRM row from $1 up to (not including) $2, in CRM order, the match first.
-- (match_candidates holds the candidates that are not the match; match_pairs the matches.)
SELECT c.crm_row, c.src, c.vendor_row, r.line, c.best_kind, c.shared, c.decision, c.reason
FROM (SELECT crm_row, src, vendor_row, best_kind, shared, decision, reason FROM match_candidates
      UNION ALL
      SELECT crm_row, src, vendor_row, best_kind, shared, 'matched', 'best candidate' FROM match_pairs) AS c
JOIN keys_rows AS r ON r.src = c.src AND r.row = c.vendor_row
WHERE c.crm_row >= $1 AND c.crm_row < $2
ORDER BY c.crm_row, c.src, CASE c.decision WHEN 'matched' THEN 0 WHEN 'tie_lost' THEN 1 WHEN 'outranked' THEN 2 ELSE 3 END,
         c.vendor_row;
