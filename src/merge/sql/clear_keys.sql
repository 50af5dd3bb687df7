-- keys: clears its own outputs before it runs.
DELETE FROM keys_values;
DELETE FROM keys_rows;
