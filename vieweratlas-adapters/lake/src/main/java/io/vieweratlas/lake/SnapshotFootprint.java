package io.vieweratlas.lake;

import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.ObjectStore;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How much raw snapshot data a time range of a lake holds, from the listing alone (no object is
 * read): what an analysis checks its memory against before it loads. Counts the JSON snapshots and
 * chatter CSVs whose key time lies in the range (with the loader's one hour of slack), their bytes,
 * and the distinct channels and channel-days (a channel with at least one snapshot on a UTC day).
 * Sizes come from the listing (S3 returns them with the keys) or, for a store that keeps its objects
 * as files, from the file system for one key in {@value FootprintCounter#SIZE_SAMPLE}, scaled up (a
 * stat per file would double the listing's time: 2.5 s instead of 1.4 s for 72,000 files on a loaded
 * machine).
 *
 * @param objects     snapshot objects in the range
 * @param bytes       their total size
 * @param channels    distinct channels
 * @param channelDays distinct (channel, UTC day) pairs
 * @param complete    whether the listing is complete (else these are the figures so far, a lower bound)
 */
public record SnapshotFootprint(long objects, long bytes, long channels, long channelDays, boolean complete) {

    public SnapshotFootprint {
        if (objects < 0 || bytes < 0 || channels < 0 || channelDays < 0) {
            throw new IllegalArgumentException("footprint counts must be >= 0");
        }
    }

    /**
     * Lists the snapshots of {@code range} in {@code store} (the loader's listing, with its hour of
     * key-time slack). {@link LakeAudienceLoader.Builder#footprint} gets the same figures from the
     * loader's own listing, without a second one.
     *
     * @param store the lake
     * @param range the analysis's time range
     * @return the footprint
     * @throws UncheckedIOException when a file's size cannot be read
     */
    public static SnapshotFootprint of(ObjectStore store, TimeRange range) {
        Objects.requireNonNull(store, "store");
        TimeRange keyRange = SnapshotListing.keyRange(Objects.requireNonNull(range, "range"), Duration.ofHours(1));
        SnapshotFootprint[] last = new SnapshotFootprint[1];
        new SnapshotListing(store).forEach(keyRange, skipped -> { }, candidate -> { },
                Optional.of(new FootprintCounter(store, f -> last[0] = f)));
        return last[0];
    }
}
