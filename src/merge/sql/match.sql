-- match: reads keys_values; writes match_pairs.
-- One equality join per key kind (here: e-mail only); never OR in a join condition
-- (DESIGN.md invariant 6). Each CRM row gets at most one row from each vendor:
-- the vendor's earliest row sharing a key with it (invariant 1: no fan-out).
DELETE FROM match_pairs;
INSERT INTO match_pairs
SELECT c.row AS crm_row, v.src, min(v.row) AS vendor_row, arg_min(c.kind, v.row) AS kind
FROM keys_values AS c
JOIN keys_values AS v ON v.kind = c.kind AND v.value = c.value
WHERE c.src = 0 AND v.src > 0
GROUP BY c.row, v.src;
