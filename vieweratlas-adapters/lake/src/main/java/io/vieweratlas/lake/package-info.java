/**
 * The ViewerAtlas data lake over any {@link io.vieweratlas.core.port.ObjectStore}: the key
 * layout ({@link io.vieweratlas.lake.LakeLayout}), the codecs for the original project's snapshot
 * JSON and chatter CSV, and {@link io.vieweratlas.lake.LakeSnapshotStore}, which stores snapshots
 * idempotently and reads them back by time range.
 */
package io.vieweratlas.lake;
