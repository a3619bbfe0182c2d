package io.vieweratlas.lake;

import io.vieweratlas.core.model.LoadReport.SkippedInput;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.ObjectStore;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Which raw snapshot files of a lake hold a time range, from listings alone: the selection that
 * {@link LakeSnapshotStore} and {@link LakeAudienceLoader} both read.
 *
 * <p>Only the day (or month) folders the range covers are listed
 * ({@link LakeLayout#snapshotListingPrefixes}), and only keys whose time lies in the
 * {@link #keyRange key range} are selected. JSON keys under {@code raw/snapshots/} and CSV keys
 * under {@code raw/chatter_logs/} are joined by file stem: a CSV whose JSON twin exists is passed
 * on with that JSON (read only if the JSON is unusable), never on its own. A key under a listed
 * folder that is not a snapshot key is reported and passed over.
 */
final class SnapshotListing {

    /** A file to read: a JSON key (with its CSV twin, if listed) or a CSV key without a JSON twin. */
    record Candidate(SnapshotKey key, Optional<SnapshotKey> csvTwin) {
        Candidate {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(csvTwin, "csvTwin");
        }
    }

    private final ObjectStore store;

    SnapshotListing(ObjectStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * The key times that can hold snapshots of {@code range}: {@code [since truncated to the second,
     * until + slack)}. Key times are whole seconds; the slack covers the original's files, whose
     * names were stamped after their {@code timestamp}.
     */
    static TimeRange keyRange(TimeRange range, Duration slack) {
        Optional<Instant> since = range.since().map(t -> t.truncatedTo(ChronoUnit.SECONDS));
        Optional<Instant> until = range.until().map(t -> t.plus(slack));
        return new TimeRange(since, until);
    }

    /**
     * Passes each candidate whose key time lies in {@code keyRange} to {@code sink}, in key order,
     * and each key that is not a snapshot key to {@code notSnapshotKeys}. Both are called on the
     * caller's thread. Failures of the store propagate.
     */
    void forEach(TimeRange keyRange, Consumer<SkippedInput> notSnapshotKeys, Consumer<Candidate> sink) {
        forEach(keyRange, notSnapshotKeys, sink, Optional.empty());
    }

    /**
     * As {@link #forEach(TimeRange, Consumer, Consumer)}, adding every listed snapshot key in range
     * to {@code footprint} (whose observer may stop the listing by throwing) and telling it when
     * the listing is complete.
     */
    void forEach(TimeRange keyRange, Consumer<SkippedInput> notSnapshotKeys, Consumer<Candidate> sink,
                 Optional<FootprintCounter> footprint) {
        for (String prefix : LakeLayout.snapshotListingPrefixes(keyRange)) {
            forEachUnder(prefix, keyRange, notSnapshotKeys, sink, footprint);
        }
        footprint.ifPresent(FootprintCounter::done);
    }

    /** A listed key with its size, negative when the listing gives none. */
    private record Listed(String key, long size) {
    }

    /**
     * The keys under {@code prefix}: names only on a store with local files (sizes there cost a
     * stat each), with their sizes on others (an object store's listing has them).
     */
    private Stream<Listed> listing(String prefix, boolean sized) {
        if (!sized) {
            return store.listKeys(prefix).map(k -> new Listed(k, -1));
        }
        return store.list(prefix).map(i -> new Listed(i.key(), i.size()));
    }

    /**
     * Passes every candidate in one day folder ({@code YYYY/MM/DD/}, under both {@link LakeLayout#SNAPSHOTS}
     * and {@link LakeLayout#CHATTER_LOGS}), whatever its key time, like {@link #forEach}.
     */
    void forEachInDay(java.time.LocalDate day, Consumer<SkippedInput> notSnapshotKeys, Consumer<Candidate> sink) {
        String prefix = String.format(java.util.Locale.ROOT, "%04d/%02d/%02d/", day.getYear(), day.getMonthValue(),
                day.getDayOfMonth());
        forEachUnder(prefix, TimeRange.ALL, notSnapshotKeys, sink, Optional.empty());
    }

    /** Lists JSON and CSV keys under one folder prefix and joins twins. */
    private void forEachUnder(String prefix, TimeRange keyRange, Consumer<SkippedInput> notSnapshotKeys,
                              Consumer<Candidate> sink, Optional<FootprintCounter> footprint) {
        // Sizes only for a footprint, and only where the listing has them.
        boolean sized = footprint.isPresent() && store.localPath(LakeLayout.SNAPSHOTS + "probe.json").isEmpty();
        try (Stream<Listed> jsonListing = listing(LakeLayout.SNAPSHOTS + prefix, sized);
             Stream<Listed> csvListing = listing(LakeLayout.CHATTER_LOGS + prefix, sized)) {
            Iterator<SnapshotKey> jsonKeys = keys(jsonListing, SnapshotKey.Format.JSON, keyRange, notSnapshotKeys,
                    footprint);
            Iterator<SnapshotKey> csvKeys = keys(csvListing, SnapshotKey.Format.CSV, keyRange, notSnapshotKeys,
                    footprint);
            SnapshotKey j = next(jsonKeys);
            SnapshotKey c = next(csvKeys);
            // Both listings come in key order, and stems order the same way, so twins meet in one pass.
            while (j != null || c != null) {
                int order = j == null ? 1 : c == null ? -1 : j.stem().compareTo(c.stem());
                if (order == 0) {
                    sink.accept(new Candidate(j, Optional.of(c)));
                    j = next(jsonKeys);
                    c = next(csvKeys);
                } else if (order < 0) {
                    sink.accept(new Candidate(j, Optional.empty()));
                    j = next(jsonKeys);
                } else {
                    sink.accept(new Candidate(c, Optional.empty()));
                    c = next(csvKeys);
                }
            }
        }
    }

    private static SnapshotKey next(Iterator<SnapshotKey> it) {
        return it.hasNext() ? it.next() : null;
    }

    private static Iterator<SnapshotKey> keys(Stream<Listed> listing, SnapshotKey.Format format, TimeRange keyRange,
                                              Consumer<SkippedInput> notSnapshotKeys,
                                              Optional<FootprintCounter> footprint) {
        return listing
                .<SnapshotKey>mapMulti((listed, out) -> {
                    String key = listed.key();
                    Optional<SnapshotKey> parsed = format == SnapshotKey.Format.JSON
                            ? LakeLayout.parseSnapshotKey(key) : LakeLayout.parseChatterLogKey(key);
                    if (parsed.isEmpty()) {
                        notSnapshotKeys.accept(new SkippedInput(key, "not a snapshot key (expected "
                                + (format == SnapshotKey.Format.JSON
                                ? LakeLayout.SNAPSHOTS + "YYYY/MM/DD/<channel>_<YYYYmmdd_HHMMSS>.json"
                                : LakeLayout.CHATTER_LOGS + "YYYY/MM/DD/<channel>_<YYYYmmdd_HHMMSS>.csv") + ")"));
                    } else if (keyRange.contains(parsed.get().time())) {
                        footprint.ifPresent(f -> f.add(parsed.get(), listed.size()));
                        out.accept(parsed.get());
                    }
                })
                .iterator();
    }
}
