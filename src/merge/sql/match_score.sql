-- match (pairs): reads match_links; writes match_strong, for the CRM rows from
-- $1 up to (not including) $2. merge/match.cc runs it once per range of
-- CRM rows, the ranges sized to the memory limit: the aggregate then works on
-- a part of the pairs, and the parts together are all of them. (At 50M CRM
-- rows, 57M shared keys: the aggregate over all at once ran out of 512MB; 10M
-- did not at 256MB.)

-- (CRM row, vendor row) pairs sharing a strong key, with the strongest kind, the
-- kinds of strong keys they share (bit k: kind k) and how many they share.
-- (names_differ is the same on every link of a pair: it belongs to the rows.)
INSERT INTO match_strong
SELECT crm_row, src, vendor_row, min(kind) AS best_kind, bit_or((1 << kind)::UTINYINT) AS strong_kinds,
       count(*) AS shared, bool_or(names_differ) AS names_differ
FROM match_links
WHERE crm_row >= $1 AND crm_row < $2
GROUP BY crm_row, src, vendor_row;
