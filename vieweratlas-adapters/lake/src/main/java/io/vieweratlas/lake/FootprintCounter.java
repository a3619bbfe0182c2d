package io.vieweratlas.lake;

import io.vieweratlas.core.port.ObjectStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Adds up a {@link SnapshotFootprint} as {@link SnapshotListing} lists: objects, channels,
 * channel-days (from the key's day folder) and bytes — the listing's sizes where it has them (S3
 * returns them with the keys), else the file size of one key in {@value #SIZE_SAMPLE}, scaled up (a
 * stat per file would double a local listing's time). Every {@value #CHECK_EVERY} objects and at the
 * end it hands the footprint so far to an observer, which may stop the listing by throwing. Used by
 * one thread.
 */
final class FootprintCounter {

    /** On a local store, the size of one listed file in this many is read. */
    static final int SIZE_SAMPLE = 16;
    /** Objects between two calls of the observer. */
    static final int CHECK_EVERY = 1_000;

    private final ObjectStore store;
    private final Consumer<SnapshotFootprint> observer;
    private long objects;
    private long knownBytes;
    private long sampled;
    private long sampledBytes;
    private long unsized;
    private final Set<String> channels = new HashSet<>();
    private final Set<String> channelDays = new HashSet<>();

    FootprintCounter(ObjectStore store, Consumer<SnapshotFootprint> observer) {
        this.store = Objects.requireNonNull(store, "store");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /** Counts a listed key in range; {@code size} is negative when the listing has none. */
    void add(SnapshotKey key, long size) {
        if (size >= 0) {
            knownBytes += size;
        } else {
            if (unsized % SIZE_SAMPLE == 0) {
                sampled++;
                sampledBytes += sizeOf(key.key());
            }
            unsized++;
        }
        objects++;
        channels.add(key.channel());
        // the key's day folder, YYYY/MM/DD, is its UTC day
        int slash = key.key().lastIndexOf('/');
        channelDays.add(key.channel() + key.key().substring(Math.max(0, slash - 10), slash));
        if (objects % CHECK_EVERY == 0) {
            observer.accept(footprint(false));
        }
    }

    /** Tells the observer the final footprint. */
    void done() {
        observer.accept(footprint(true));
    }

    private SnapshotFootprint footprint(boolean complete) {
        long bytes = knownBytes + (sampled == 0 ? 0 : Math.round((double) sampledBytes / sampled * unsized));
        return new SnapshotFootprint(objects, bytes, channels.size(), channelDays.size(), complete);
    }

    private long sizeOf(String key) {
        Path p = store.localPath(key).orElseThrow();
        try {
            return Files.size(p);
        } catch (NoSuchFileException e) {
            return 0; // deleted since it was listed: the loader reports it
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + p, e);
        }
    }
}
