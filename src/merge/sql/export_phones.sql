-- export: reads resolved_phones: the normalized phone cells that the keys pass
-- left to libphonenumber, of the matched vendor rows of the CRM rows from $1 up
-- to (not including) $2, in the order of export_rows.sql, then by column and by
-- part of the cell (id): a total order, whatever the order rows were appended in.
SELECT crm_row, src, col, status, display
FROM resolved_phones
WHERE crm_row >= $1 AND crm_row < $2
ORDER BY crm_row, src, col, id;
