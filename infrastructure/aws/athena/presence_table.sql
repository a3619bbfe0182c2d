-- Compacted live presence, as `compact` and the collector write it (one UTC day folder per dt):
--   s3://<bucket>/<prefix>curated/presence/dt=YYYY-MM-DD/part-NNNN.parquet
-- One row per viewer of a snapshot (a snapshot without viewers is one row with a null viewer).
-- Replace <bucket> and <prefix> (the S3_BUCKET and S3_PREFIX of the deployment; the prefix ends
-- with '/' or is empty) before running this once.
--
-- Partition projection computes the day partitions from the dt range, so no MSCK REPAIR or Glue
-- crawler is needed and a query that filters on dt reads only those days' Parquet objects (a few per
-- day instead of one JSON object per channel-hour). The manifests under curated/presence/_manifests/
-- lie outside every dt folder and are never read as data.
CREATE EXTERNAL TABLE IF NOT EXISTS presence (
  channel         string,
  snapshot_time   timestamp,
  snapshot_nanos  int,
  source          string,
  viewer_count    bigint,
  game_name       string,
  language        string,
  title           string,
  object_key      string,
  viewer          string,
  evidence        int
)
PARTITIONED BY (dt string)
STORED AS PARQUET
LOCATION 's3://<bucket>/<prefix>curated/presence/'
TBLPROPERTIES (
  'projection.enabled'          = 'true',
  'projection.dt.type'          = 'date',
  'projection.dt.format'        = 'yyyy-MM-dd',
  'projection.dt.range'         = '2020-01-01,NOW',
  'projection.dt.interval'      = '1',
  'projection.dt.interval.unit' = 'DAYS',
  'storage.location.template'   = 's3://<bucket>/<prefix>curated/presence/dt=${dt}/'
);
