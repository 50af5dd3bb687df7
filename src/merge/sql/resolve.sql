-- resolve: reads match_pairs, keys_rows, keys_phones_raw, keys_phone_norm;
-- writes resolved_rows, resolved_phones. In no order: the export sorts each
-- window of CRM rows it reads. (Sorting them here, after the join, in the same
-- statement ran out of 256MB at 10M CRM rows.)
-- For each matched (CRM row, vendor), where the vendor row is: the export reads
-- it and decides each field by the policy and the merge mode.
DELETE FROM resolved_rows;
DELETE FROM resolved_phones;
INSERT INTO resolved_rows
SELECT m.crm_row, m.src, m.vendor_row, r.off, r.len, r.line, m.kinds, m.ambiguous
FROM match_pairs AS m
JOIN keys_rows AS r ON r.src = m.src AND r.row = m.vendor_row;
-- The phone cells of those vendor rows that libphonenumber normalized (the
-- others the export reads itself, by the fast path).
INSERT INTO resolved_phones
SELECT r.crm_row, r.src, p.col, p.id, n.status, n.display
FROM resolved_rows AS r
JOIN keys_phones_raw AS p ON p.src = r.src AND p.row = r.vendor_row
JOIN keys_phone_norm AS n ON n.r1 = p.r1 AND n.r2 = p.r2;
