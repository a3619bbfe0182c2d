-- The presence relation of overlap_edges_compacted.sql for DuckDB over a lake on disk (or, with the
-- httpfs extension, over s3://<bucket>/<prefix>): the same columns and the same dt partition value
-- 'YYYY-MM-DD' that Athena's partition projection gives. Replace <lake> with the lake root (the
-- directory or URL that holds curated/).
CREATE OR REPLACE VIEW presence AS
SELECT channel, snapshot_time, snapshot_nanos, source, viewer_count, game_name, language, title,
       object_key, viewer, evidence,
       regexp_extract(filename, 'curated/presence/dt=([0-9]{4}-[0-9]{2}-[0-9]{2})/[^/]+$', 1) AS dt
FROM read_parquet('<lake>/curated/presence/dt=*/*.parquet', filename = true, hive_partitioning = false);
