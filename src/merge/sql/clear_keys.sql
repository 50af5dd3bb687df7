-- keys: clears its own outputs before it runs.
DELETE FROM keys_phones_raw;
DELETE FROM keys_phone_status;
DELETE FROM keys_phone_first;
DELETE FROM keys_phone_rows;
DELETE FROM keys_phone_norm;
