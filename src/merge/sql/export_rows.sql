-- export: reads resolved_rows, in CRM order then vendor order (streamed, never
-- whole), for the CRM rows from $1 up to (not including) $2.
SELECT crm_row, src, vendor_row, off, len, line, kinds, ambiguous FROM resolved_rows
WHERE crm_row >= $1 AND crm_row < $2
ORDER BY crm_row, src;
