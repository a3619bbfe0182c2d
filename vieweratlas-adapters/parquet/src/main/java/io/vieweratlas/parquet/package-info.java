/**
 * VOD presence buckets stored as Parquet in the lake
 * ({@code curated/presence_snapshots/source=vod/channel=<login>/vod=<id>/part-0000.parquet}),
 * written and read with parquet-java's Hadoop-free file API, and a
 * {@link io.vieweratlas.core.port.PresenceSource} over them for analysis.
 */
package io.vieweratlas.parquet;
