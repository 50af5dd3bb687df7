-- The naive SQL (bench/README.md, "Performance harness"): what a user writes from
-- DuckDB's documentation to enrich a CRM with three vendor files. Run by bench-duckrun
-- from the folder that holds data/ and out/, under a timeout.
CREATE TABLE o AS SELECT * FROM read_csv_auto('data/crm.csv');
CREATE TABLE a AS SELECT * FROM read_csv_auto('data/apollo.csv');
CREATE TABLE z AS SELECT * FROM read_csv_auto('data/zoominfo.csv');
CREATE TABLE c AS SELECT * FROM read_csv_auto('data/cognism.csv');
COPY (
  SELECT * FROM o
  LEFT JOIN a ON o."Email" = a."Email" OR o."Phone Number" = a."Work Direct Phone"
  LEFT JOIN z ON o."Email" = z."Email Address" OR o."Phone Number" = z."Direct Phone Number"
  LEFT JOIN c ON o."Email" = c."Email" OR o."Phone Number" = c."Direct"
) TO 'out/naive.csv' (HEADER);
