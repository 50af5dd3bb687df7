-- summary: CRM rows matched per vendor.
SELECT src, count(*) AS rows FROM match_pairs GROUP BY src ORDER BY src;
