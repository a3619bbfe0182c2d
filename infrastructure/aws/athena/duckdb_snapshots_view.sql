-- The snapshots relation of overlap_edges.sql for DuckDB over a lake on disk (or, with the httpfs
-- extension, over s3://<bucket>/<prefix>): the same columns and the same dt partition value
-- 'YYYY/MM/DD' that Athena's partition projection gives. Replace <lake> with the lake root
-- (the directory or URL that holds raw/).
CREATE OR REPLACE VIEW snapshots AS
SELECT channel,
       chatters,
       regexp_extract(filename, 'raw/snapshots/([0-9]{4}/[0-9]{2}/[0-9]{2})/[^/]+$', 1) AS dt
FROM read_json('<lake>/raw/snapshots/*/*/*/*.json',
               format = 'auto',
               filename = true,
               columns = {channel: 'VARCHAR', chatters: 'VARCHAR[]'});
