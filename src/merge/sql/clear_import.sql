-- import: clears its own outputs before it runs (a re-run after a crash starts clean).
DELETE FROM input_meta;
DELETE FROM input_columns;
DELETE FROM input_malformed;
DELETE FROM input_marks;
