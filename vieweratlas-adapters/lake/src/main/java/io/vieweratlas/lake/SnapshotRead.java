package io.vieweratlas.lake;

import io.vieweratlas.core.model.LoadReport.SkippedInput;
import io.vieweratlas.core.model.PresenceSnapshot;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What reading one listed snapshot file gave ({@link LakeSnapshotStore#forEachInDay}).
 *
 * @param candidate the listed key: a JSON key (its CSV twin is read only when the JSON is unusable)
 *                  or a CSV key without a JSON twin
 * @param location  the key the snapshot was read from: the candidate, or its CSV twin
 * @param snapshot  the snapshot, empty when the file was set aside
 * @param problems  what was reported for this file, in the order met (an unusable JSON, a CSV's
 *                  malformed lines); the same entries the load report holds
 */
public record SnapshotRead(SnapshotKey candidate, String location, Optional<PresenceSnapshot> snapshot,
                           List<SkippedInput> problems) {
    public SnapshotRead {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(snapshot, "snapshot");
        problems = List.copyOf(problems);
    }
}
