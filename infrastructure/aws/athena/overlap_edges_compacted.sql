-- Channel graph edges for one window of days over the COMPACTED layer (curated/presence, one row per
-- viewer of a snapshot): for every pair of channels, how many viewers were present in both, with
-- each channel's audience size, after the bot and heavy-account filters. The same query as
-- overlap_edges.sql, reading a few Parquet objects per day instead of one JSON object per
-- channel-hour. Runs unchanged on Athena (engine v3, Trino) and DuckDB over the relations
--   presence (channel, viewer, dt 'YYYY-MM-DD', ...)  -- presence_table.sql / duckdb_presence_view.sql
--   bot_accounts (login)                             -- bot_accounts.sql
--
-- Positional parameters (Athena --execution-parameters, JDBC PreparedStatement), in this order:
--   1  first day of the window, inclusive, e.g. '2024-01-01'
--   2  last day of the window, inclusive,  e.g. '2024-01-31'
--   3  max channels per viewer: viewers present in more channels are heavy accounts (lurker bots,
--      channel hoppers) and are dropped
--   4  min shared viewers for an edge (the overlap threshold)
--
-- Only days that are compacted have rows: a day is complete once its manifest
-- curated/presence/_manifests/dt=YYYY-MM-DD.json exists (the collector compacts each day after it
-- ends; `compact` does past days and completes a day a crash left without manifest). Counts every
-- viewer with any evidence (the analysis's inclusive presence); add `AND p.evidence IN (0, 1, 3, 5, 7)`
-- (a message, or no evidence recorded) for the strict one.
--
-- Output: source < target (each pair once), shared, source_audience, target_audience; ordered by
-- source, target. Logins are compared case-insensitively, as the JVM analysis does.
WITH presence_rows AS (
  -- Who was seen in which channel at least once in the window.
  SELECT DISTINCT lower(p.channel) AS channel, lower(p.viewer) AS viewer
  FROM presence p
  WHERE p.dt BETWEEN ? AND ?
    AND p.viewer IS NOT NULL
    AND p.viewer <> ''
),
humans AS (
  SELECT p.channel, p.viewer
  FROM presence_rows p
  LEFT JOIN bot_accounts b ON lower(b.login) = p.viewer
  WHERE b.login IS NULL
),
breadth AS (
  SELECT viewer, count(*) AS channels
  FROM humans
  GROUP BY viewer
),
kept AS (
  SELECT h.channel, h.viewer
  FROM humans h
  JOIN breadth w ON w.viewer = h.viewer
  WHERE w.channels <= ?
),
audience AS (
  SELECT channel, count(*) AS viewers
  FROM kept
  GROUP BY channel
),
pairs AS (
  SELECT a.channel AS source, b.channel AS target, count(*) AS shared
  FROM kept a
  JOIN kept b ON b.viewer = a.viewer AND a.channel < b.channel
  GROUP BY a.channel, b.channel
)
SELECT p.source,
       p.target,
       p.shared,
       sa.viewers AS source_audience,
       ta.viewers AS target_audience
FROM pairs p
JOIN audience sa ON sa.channel = p.source
JOIN audience ta ON ta.channel = p.target
WHERE p.shared >= ?
ORDER BY p.source, p.target;
