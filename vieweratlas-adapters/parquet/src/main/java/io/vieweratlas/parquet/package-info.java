/**
 * VOD presence buckets stored as Parquet in the lake
 * ({@code curated/presence_snapshots/source=vod/channel=<login>/vod=<id>/part-0000.parquet}),
 * written and read with parquet-java's Hadoop-free file API, and a
 * {@link io.vieweratlas.core.port.PresenceSource} over them for analysis.
 *
 * @apiNote API: {@link io.vieweratlas.parquet.VodPresenceStore}, {@link io.vieweratlas.parquet.VodBucket},
 * {@link io.vieweratlas.parquet.VodBucketer}, {@link io.vieweratlas.parquet.ChatLine}. Internal: the codec
 * and file helpers, and {@code org.apache.parquet.HadoopFreeReadOptions}, which lives in parquet-java's
 * package only to reach a package-private constructor.
 */
package io.vieweratlas.parquet;
