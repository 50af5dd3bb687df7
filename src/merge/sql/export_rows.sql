-- export: reads match_pairs (the vendor rows each CRM row draws its fields
-- from), in CRM order then vendor order (streamed, never whole), for the CRM
-- rows from $1 up to (not including) $2. Where each vendor row is comes from
-- the row index (merge/row_index.h).
SELECT crm_row, src, vendor_row, kinds, ambiguous FROM match_pairs
WHERE crm_row >= $1 AND crm_row < $2
ORDER BY crm_row, src;
