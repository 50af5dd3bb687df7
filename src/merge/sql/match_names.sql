-- match (names): reads match_strong (the pairs whose names matter, which
-- merge/match.cc wrote: one kind of strong key, names on both rows that differ
-- by their hash), keys_rows; writes match_named: those pairs with where their
-- CRM row is, for the CRM rows from $1 up to (not including) $2.
-- merge/name_scorer.cc then reads both rows' names from the inputs and scores
-- the pairs. merge/match.cc runs both once per range of those pairs, sized to
-- the memory limit (usually one: they are few, 42k of 1.8M pairs at 1M CRM rows).
INSERT INTO match_named
SELECT p.crm_row, p.src, p.vendor_row, p.best_kind, p.strong_kinds, p.shared, c.off, c.len, c.line
FROM match_strong AS p
LEFT JOIN keys_rows AS c ON c.src = 0 AND c.row = p.crm_row AND c.row >= $1 AND c.row < $2
WHERE p.crm_row >= $1 AND p.crm_row < $2;
