-- match (decisions): reads match_scored (made by sql/match.sql).
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
-- names. (Kind bits: 2 e-mail, 4 LinkedIn, 8 phone.)
SELECT crm_row, src, vendor_row, best_kind, shared, kinds, rejection
FROM (
  SELECT *,
         CASE WHEN bit_count(strong_kinds) > 1 THEN NULL
              WHEN best_kind = 3 AND (last_conflict OR first_conflict) THEN 'names disagree on a phone-only match'
              WHEN best_kind = 3 AND scripts_differ THEN 'names in different scripts on a phone-only match'
              WHEN first_conflict THEN 'first names disagree (a recycled address?)'
         END AS rejection
  FROM match_scored
)
ORDER BY crm_row, src, rejection IS NOT NULL, best_kind, shared DESC, vendor_row;
