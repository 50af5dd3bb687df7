-- match (decisions): reads match_strong and match_conflicts (made by sql/match.sql),
-- for the CRM rows from $1 up to (not including) $2 (merge/match.cc reads the
-- ranges one after another).
-- Every candidate pair with what rules it out, if anything, in the order in
-- which merge/match.cc decides: per CRM row and vendor, the candidates the
-- rule accepts first, best first (the strongest key kind, the most shared
-- keys, the earliest vendor row), then the rejected ones. The first is the
-- match; one with the same kind and number of keys lost a tie (the earlier
-- vendor row won); the others were outranked. (In C++ over one sorted stream:
-- one sort, which spills like any other, instead of two window passes over the
-- pairs and a union; the decisions are the same, byte for byte, at 1M rows.)
--
-- The rule: when a single kind of strong key links the two rows, their names
-- must not clearly disagree: on a phone, neither first nor last name, and
-- names in different scripts are no support either; on an e-mail or LinkedIn
-- profile, not the first name (a recycled address; a last name alone may
-- change with marriage). Two different kinds of strong key outweigh the
-- names. (Kind bits: 2 e-mail, 4 LinkedIn, 8 phone.) Only the pairs in
-- match_conflicts can have names that disagree (sql/match_names.sql): a join
-- whose table in memory is that small one.
SELECT crm_row, src, vendor_row, best_kind, shared, kinds, rejection
FROM (
  SELECT p.crm_row, p.src, p.vendor_row, p.best_kind, p.shared, p.strong_kinds AS kinds,
         CASE WHEN bit_count(p.strong_kinds) > 1 THEN NULL
              WHEN p.best_kind = 3 AND (c.last_conflict OR c.first_conflict) THEN 'names disagree on a phone-only match'
              WHEN p.best_kind = 3 AND c.scripts_differ THEN 'names in different scripts on a phone-only match'
              WHEN c.first_conflict THEN 'first names disagree (a recycled address?)'
         END AS rejection
  FROM match_strong AS p
  LEFT JOIN match_conflicts AS c ON c.crm_row = p.crm_row AND c.src = p.src AND c.vendor_row = p.vendor_row
                                 AND c.crm_row >= $1 AND c.crm_row < $2
  WHERE p.crm_row >= $1 AND p.crm_row < $2
)
ORDER BY crm_row, src, rejection IS NOT NULL, best_kind, shared DESC, vendor_row;
