-- export: reads resolved_rows, in CRM order then vendor order (streamed, never whole).
SELECT crm_row, src, vendor_row, off, len, line, kinds, ambiguous FROM resolved_rows ORDER BY crm_row, src;
