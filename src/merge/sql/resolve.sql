-- resolve: reads match_pairs, keys_phones_raw, keys_phone_norm; writes
-- resolved_phones: the phone cells of the matched vendor rows that
-- libphonenumber normalized (the others the export reads itself, by the fast
-- path). In no order: the export sorts each window of CRM rows it reads. (The
-- matched rows themselves the export reads from match_pairs, and where each
-- vendor row is from the row index, merge/row_index.h.)
DELETE FROM resolved_phones;
INSERT INTO resolved_phones
SELECT m.crm_row, m.src, p.col, p.id, n.status, n.display
FROM match_pairs AS m
JOIN keys_phones_raw AS p ON p.src = m.src AND p.row = m.vendor_row
JOIN keys_phone_norm AS n ON n.r1 = p.r1 AND n.r2 = p.r2;
