-- match: empties the tables the match writes (match_weak and
-- match_role_mailboxes, from merge/key_groups.cc; match_candidates, the
-- candidates that are not the match, and match_pairs, the matches, from
-- merge/pairs.cc). The match itself is C++ (merge/match.cc) over runs in the
-- job folder.
-- Equality only (DESIGN.md invariant 6): every pair sharing a key is found
-- among that key's rows in a stream sorted by key (kind and 128-bit hash); no
-- OR in any join condition.
DELETE FROM match_weak;
DELETE FROM match_role_mailboxes;
DELETE FROM match_candidates;
DELETE FROM match_pairs;
-- (Jobs of format 12 and before compared names into this table.)
DROP TABLE IF EXISTS match_conflicts;
