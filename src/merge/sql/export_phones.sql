-- export: reads resolved_rows, keys_phones_raw, keys_phone_norm: the normalized
-- phone cells that the keys pass left to libphonenumber, of the matched vendor
-- rows of the CRM rows from $1 up to (not including) $2, in the order of export_rows.sql, then
-- by column and by part of the cell (id): a total order, whatever the order rows
-- were appended in.
SELECT r.crm_row, r.src, p.col, n.status, n.display
FROM resolved_rows AS r
JOIN keys_phones_raw AS p ON p.src = r.src AND p.row = r.vendor_row
JOIN keys_phone_norm AS n ON n.r1 = p.r1 AND n.r2 = p.r2
WHERE r.crm_row >= $1 AND r.crm_row < $2
ORDER BY r.crm_row, r.src, p.col, p.id;
