-- keys (phones): reads keys_phones_raw (the phone cells the keys pass's fast
-- path could not read; usually few); writes keys_phone_first, keys_phone_norm,
-- keys_phone_rows (whose keys merge/keys.cc adds to the runs of keys). Each
-- distinct raw value is normalized once, by crm_phone() (libphonenumber, about
-- 16 us a number), which returns
-- "status|key|display|h1|h2". For a small memory limit (DuckDB 1.4): fixed-width
-- aggregates only (the raw text is fetched by a join, not carried through a
-- GROUP BY), and one join or aggregate per statement.
INSERT INTO keys_phone_first
SELECT r1, r2, min(id) FROM keys_phones_raw GROUP BY r1, r2;
INSERT INTO keys_phone_norm
SELECT r1, r2, split_part(n, '|', 1), split_part(n, '|', 2), split_part(n, '|', 3),
       split_part(n, '|', 4)::UBIGINT, split_part(n, '|', 5)::UBIGINT
FROM (SELECT f.r1, f.r2, crm_phone(p.raw) AS n
      FROM keys_phone_first AS f
      JOIN keys_phones_raw AS p ON p.id = f.id);
INSERT INTO keys_phone_rows
SELECT p.src, p.row, n.h1, n.h2, p.person
FROM keys_phones_raw AS p
JOIN keys_phone_norm AS n ON n.r1 = p.r1 AND n.r2 = p.r2
WHERE n.status = 'valid' AND p.personal;
