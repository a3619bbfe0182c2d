/**
 * The ViewerAtlas data lake over any {@link io.vieweratlas.core.port.ObjectStore}: the key
 * layout ({@link io.vieweratlas.lake.LakeLayout}), the codecs for the original project's snapshot
 * JSON and chatter CSV, and {@link io.vieweratlas.lake.LakeSnapshotStore}, which stores snapshots
 * idempotently and reads them back by time range.
 *
 * @apiNote API: {@link io.vieweratlas.lake.Lakes} (a lake on a local directory in one call),
 * {@link io.vieweratlas.lake.LakeSnapshotStore}, {@link io.vieweratlas.lake.LakeLayout},
 * {@link io.vieweratlas.lake.SnapshotKey}, the codecs and {@link io.vieweratlas.lake.SnapshotFormatException};
 * {@code lake.vod} (the VOD work queue) is API for the VOD runner; {@code lake.edges} reads edge lists
 * counted elsewhere (Athena's CSV) for the analysis from edges. Internal:
 * {@link io.vieweratlas.lake.LakeAudienceLoader} (a fast path into the internal
 * {@code core.analysis.aggregate} table; use {@code LakeSnapshotStore} as a
 * {@link io.vieweratlas.core.port.PresenceSource} instead).
 */
package io.vieweratlas.lake;
