-- map: clears its own outputs before it runs.
DELETE FROM map_roles;
