package io.vieweratlas.lake;

import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.ObjectInfo;
import io.vieweratlas.core.port.ObjectStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * How much raw snapshot data a time range of a lake holds, from the listing alone (no object is
 * read): what an analysis checks its memory against before it loads. Counts the JSON snapshots and
 * chatter CSVs whose key time lies in the range (with the loader's one hour of slack), their bytes,
 * and the distinct channels and channel-days (a channel with at least one snapshot on a UTC day).
 * Sizes come from the listing (S3 returns them with the keys) or, for a store that keeps its objects
 * as files, from the file system.
 *
 * @param objects     snapshot objects in the range
 * @param bytes       their total size
 * @param channels    distinct channels
 * @param channelDays distinct (channel, UTC day) pairs
 */
public record SnapshotFootprint(long objects, long bytes, long channels, long channelDays) {

    /** How far after a range's end a key's time may lie, as {@link LakeAudienceLoader}'s default. */
    private static final Duration KEY_TIME_SLACK = Duration.ofHours(1);

    public SnapshotFootprint {
        if (objects < 0 || bytes < 0 || channels < 0 || channelDays < 0) {
            throw new IllegalArgumentException("footprint counts must be >= 0");
        }
    }

    /**
     * Lists the snapshots of {@code range} in {@code store}.
     *
     * @param store the lake
     * @param range the analysis's time range
     * @return the footprint
     * @throws UncheckedIOException when a file's size cannot be read
     */
    public static SnapshotFootprint of(ObjectStore store, TimeRange range) {
        Objects.requireNonNull(store, "store");
        TimeRange keyRange = SnapshotListing.keyRange(Objects.requireNonNull(range, "range"), KEY_TIME_SLACK);
        Counter counter = new Counter();
        for (String prefix : LakeLayout.snapshotListingPrefixes(keyRange)) {
            count(store, LakeLayout.SNAPSHOTS + prefix, keyRange, counter, true);
            count(store, LakeLayout.CHATTER_LOGS + prefix, keyRange, counter, false);
        }
        return new SnapshotFootprint(counter.objects, counter.bytes, counter.channels.size(),
                counter.channelDays.size());
    }

    private static void count(ObjectStore store, String prefix, TimeRange keyRange, Counter counter, boolean json) {
        boolean local = store.localPath(LakeLayout.SNAPSHOTS + "probe.json").isPresent();
        if (local) {
            try (Stream<String> keys = store.listKeys(prefix)) {
                keys.forEach(k -> parse(k, json).filter(s -> keyRange.contains(s.time()))
                        .ifPresent(s -> counter.add(s, sizeOf(store, k))));
            }
        } else {
            try (Stream<ObjectInfo> infos = store.list(prefix)) {
                infos.forEach(i -> parse(i.key(), json).filter(s -> keyRange.contains(s.time()))
                        .ifPresent(s -> counter.add(s, i.size())));
            }
        }
    }

    private static Optional<SnapshotKey> parse(String key, boolean json) {
        return json ? LakeLayout.parseSnapshotKey(key) : LakeLayout.parseChatterLogKey(key);
    }

    private static long sizeOf(ObjectStore store, String key) {
        Path p = store.localPath(key).orElseThrow();
        try {
            return Files.size(p);
        } catch (java.nio.file.NoSuchFileException e) {
            return 0; // deleted since it was listed: the loader reports it
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + p, e);
        }
    }

    private static final class Counter {
        long objects;
        long bytes;
        final Set<String> channels = new HashSet<>();
        final Set<String> channelDays = new HashSet<>();

        void add(SnapshotKey key, long size) {
            objects++;
            bytes += size;
            channels.add(key.channel());
            channelDays.add(key.channel() + '/' + LocalDate.ofInstant(key.time(), ZoneOffset.UTC));
        }
    }
}
