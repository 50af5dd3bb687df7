-- resolve: reads match_pairs, keys_rows; writes resolved_rows.
-- For each matched (CRM row, vendor), where the vendor row is: the export reads
-- it and decides each field by the policy and the merge mode.
DELETE FROM resolved_rows;
INSERT INTO resolved_rows
SELECT m.crm_row, m.src, m.vendor_row, r.off, r.len, r.line, m.kinds, m.ambiguous
FROM match_pairs AS m
JOIN keys_rows AS r ON r.src = m.src AND r.row = m.vendor_row;
