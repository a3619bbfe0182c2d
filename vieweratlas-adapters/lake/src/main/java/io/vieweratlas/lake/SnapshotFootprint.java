package io.vieweratlas.lake;

import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.ObjectInfo;
import io.vieweratlas.core.port.ObjectStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * How much raw snapshot data a time range of a lake holds, from the listing alone (no object is
 * read): what an analysis checks its memory against before it loads. Counts the JSON snapshots and
 * chatter CSVs whose key time lies in the range (with the loader's one hour of slack), their bytes,
 * and the distinct channels and channel-days (a channel with at least one snapshot on a UTC day).
 * Sizes come from the listing (S3 returns them with the keys) or, for a store that keeps its objects
 * as files, from the file system for one key in {@value #SIZE_SAMPLE}, scaled up (a stat per file
 * would double the listing's time: 2.5 s instead of 1.4 s for 72,000 files on a loaded machine).
 *
 * @param objects     snapshot objects in the range
 * @param bytes       their total size
 * @param channels    distinct channels
 * @param channelDays distinct (channel, UTC day) pairs
 */
public record SnapshotFootprint(long objects, long bytes, long channels, long channelDays) {

    /** How far after a range's end a key's time may lie, as {@link LakeAudienceLoader}'s default. */
    private static final Duration KEY_TIME_SLACK = Duration.ofHours(1);
    /** On a local store, the size of one listed file in this many is read. */
    static final int SIZE_SAMPLE = 16;

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
        long bytes = counter.sampled == 0 ? counter.bytes
                : Math.round((double) counter.sampledBytes / counter.sampled * counter.objects);
        return new SnapshotFootprint(counter.objects, bytes, counter.channels.size(), counter.channelDays.size());
    }

    private static void count(ObjectStore store, String prefix, TimeRange keyRange, Counter counter, boolean json) {
        boolean local = store.localPath(LakeLayout.SNAPSHOTS + "probe.json").isPresent();
        if (local) {
            try (Stream<String> keys = store.listKeys(prefix)) {
                keys.forEach(k -> parse(k, json).filter(s -> keyRange.contains(s.time()))
                        .ifPresent(s -> counter.addSampled(s, () -> sizeOf(store, k))));
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
        long sampled;
        long sampledBytes;
        final Set<String> channels = new HashSet<>();
        final Set<String> channelDays = new HashSet<>();

        void add(SnapshotKey key, long size) {
            count(key);
            bytes += size;
        }

        void addSampled(SnapshotKey key, LongSupplier size) {
            if (objects % SIZE_SAMPLE == 0) {
                sampled++;
                sampledBytes += size.getAsLong();
            }
            count(key);
        }

        private void count(SnapshotKey key) {
            objects++;
            channels.add(key.channel());
            // the key's day folder, YYYY/MM/DD/, is its UTC day
            int slash = key.key().lastIndexOf('/');
            channelDays.add(key.channel() + key.key().substring(Math.max(0, slash - 10), slash));
        }
    }
}
