-- keys (phones): reads keys_phones_raw; writes keys_phone_norm, keys_values (kind 3).
-- Each distinct raw value is normalized once, by crm_phone() (libphonenumber,
-- about 16 us a number), which returns "status|e164|display|h1|h2".
INSERT INTO keys_phone_norm
SELECT raw, split_part(n, '|', 1), split_part(n, '|', 2), split_part(n, '|', 3),
       split_part(n, '|', 4)::UBIGINT, split_part(n, '|', 5)::UBIGINT
FROM (SELECT raw, crm_phone(raw) AS n FROM (SELECT DISTINCT raw FROM keys_phones_raw));
INSERT INTO keys_values
SELECT DISTINCT p.src, p.row, 3, n.h1, n.h2, n.e164, false
FROM keys_phones_raw AS p
JOIN keys_phone_norm AS n ON n.raw = p.raw
WHERE n.status = 'valid' AND p.personal;
