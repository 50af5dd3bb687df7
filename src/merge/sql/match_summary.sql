-- summary: per vendor, CRM rows matched, by key kind, ambiguous.
SELECT src, count(*) AS rows,
       count(*) FILTER (WHERE best_kind = 1) AS by_email,
       count(*) FILTER (WHERE best_kind = 2) AS by_linkedin,
       count(*) FILTER (WHERE best_kind = 3) AS by_phone,
       count(*) FILTER (WHERE ambiguous) AS ambiguous
FROM match_pairs GROUP BY src ORDER BY src;
