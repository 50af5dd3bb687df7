-- export (--audit): reads match_candidates and match_pairs: every candidate of
-- every CRM row from $1 up to (not including) $2, in CRM order, the match
-- first. (match_candidates holds the candidates that are not the match;
-- match_pairs the matches.) The line of each vendor row comes from the row
-- index (merge/row_index.h).
SELECT crm_row, src, vendor_row, best_kind, shared, decision, reason
FROM (SELECT crm_row, src, vendor_row, best_kind, shared, decision, reason FROM match_candidates
      UNION ALL
      SELECT crm_row, src, vendor_row, best_kind, shared, 'matched', 'best candidate' FROM match_pairs)
WHERE crm_row >= $1 AND crm_row < $2
ORDER BY crm_row, src, CASE decision WHEN 'matched' THEN 0 WHEN 'tie_lost' THEN 1 WHEN 'outranked' THEN 2 ELSE 3 END,
         vendor_row;
