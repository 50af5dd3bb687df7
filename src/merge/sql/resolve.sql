-- resolve: reads match_pairs, keys_rows; writes resolved_rows.
-- For each matched (CRM row, vendor), the byte range of the vendor row whose
-- fields the export appends.
DELETE FROM resolved_rows;
INSERT INTO resolved_rows
SELECT m.crm_row, m.src, r.off, r.len
FROM match_pairs AS m
JOIN keys_rows AS r ON r.src = m.src AND r.row = m.vendor_row;
