-- Raw live presence snapshots, as the collector writes them:
--   s3://<bucket>/<prefix>raw/snapshots/YYYY/MM/DD/<channel>_<YYYYmmdd_HHMMSS>.json
-- Replace <bucket> and <prefix> (the S3_BUCKET and S3_PREFIX of the deployment; the prefix ends
-- with '/' or is empty) before running this once in the Athena console or with
-- `aws athena start-query-execution`.
--
-- The files are pretty-printed JSON (one object over many lines, like Python's indent=2), which the
-- Hive and OpenX JSON SerDes cannot read; the Amazon Ion SerDe can, Ion being a superset of JSON.
-- Partition projection computes the day partitions from the dt range, so no MSCK REPAIR or Glue
-- crawler is needed and a query that filters on dt reads only those days' objects.
CREATE EXTERNAL TABLE IF NOT EXISTS snapshots (
  channel        string,
  `timestamp`    string,
  viewer_count   bigint,
  game_name      string,
  language       string,
  title          string,
  started_at     string,
  chatters       array<string>,
  source         string,
  window_s       double,
  schema_version int
)
PARTITIONED BY (dt string)
STORED AS ION
LOCATION 's3://<bucket>/<prefix>raw/snapshots/'
TBLPROPERTIES (
  'projection.enabled'          = 'true',
  'projection.dt.type'          = 'date',
  'projection.dt.format'        = 'yyyy/MM/dd',
  'projection.dt.range'         = '2020/01/01,NOW',
  'projection.dt.interval'      = '1',
  'projection.dt.interval.unit' = 'DAYS',
  'storage.location.template'   = 's3://<bucket>/<prefix>raw/snapshots/${dt}/'
);
