-- export: reads resolved_rows, in CRM order then vendor order (streamed, never whole).
SELECT crm_row, src, off, len FROM resolved_rows ORDER BY crm_row, src;
