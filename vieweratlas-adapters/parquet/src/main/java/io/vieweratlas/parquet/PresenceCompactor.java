package io.vieweratlas.parquet;

import io.vieweratlas.core.model.LoadReport;
import io.vieweratlas.core.model.LoadReport.SkippedInput;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.port.StoreException;
import io.vieweratlas.core.port.StoredObject;
import io.vieweratlas.core.port.WriteOutcome;
import io.vieweratlas.lake.LakeLayout;
import io.vieweratlas.lake.LakeSnapshotStore;
import io.vieweratlas.lake.SnapshotRead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Daily compaction: turns one UTC day folder of raw live snapshots ({@code raw/snapshots/YYYY/MM/DD/}
 * and its CSV twins, read with the lake's validation and skip report) into a few Parquet objects under
 * {@code curated/presence/dt=YYYY-MM-DD/} ({@link PresenceParquetCodec}), so that an analysis reads a
 * day in a few GET requests instead of one per channel-hour. The raw files stay: they remain the
 * record, and the analysis still reads any raw file a compaction did not cover.
 *
 * <p><b>Atomic and idempotent.</b> A day is compacted when, and only when, its manifest
 * ({@link CompactionManifest}) exists. Parts are written first, each read back and compared row for
 * row (by {@link PresenceDigest}) with the raw day's snapshots; the manifest is written last with
 * put-if-absent. A crash before the manifest leaves a day that readers treat as not compacted, and the
 * next run writes the same parts again and then the manifest; a day with a manifest is never written
 * again. Parts left from an earlier attempt beyond this attempt's last are overwritten with an empty
 * file (the roles may not delete), so a table over the folders never counts them.
 *
 * <p><b>Failures.</b> A store failure ({@link StoreException}) is transient: the day is tried again
 * from the start, up to {@link Builder#attempts} times with a growing pause. A store that keeps failing,
 * or a part that reads back different from the raw day, is systemic: {@link CompactionStoppedException}
 * stops the run and no manifest is written for that day. A day that cannot be compacted for a reason of
 * its own (an unreadable manifest, data the format cannot hold) is final: its outcome is
 * {@link DayOutcome.Status#FAILED} with the reason, and the next day goes on.
 */
public final class PresenceCompactor {

    private static final Logger LOG = LoggerFactory.getLogger(PresenceCompactor.class);

    private final ObjectStore store;
    private final LakeSnapshotStore raw;
    private final long maxRowsPerPart;
    private final int attempts;
    private final Duration pause;
    private final Clock clock;

    private PresenceCompactor(Builder b) {
        this.store = b.store;
        this.raw = LakeSnapshotStore.builder(b.store).build();
        this.maxRowsPerPart = b.maxRowsPerPart;
        this.attempts = b.attempts;
        this.pause = b.pause;
        this.clock = b.clock;
    }

    /** A builder compacting days of the lake on {@code store}. */
    public static Builder builder(ObjectStore store) {
        return new Builder(store);
    }

    /**
     * What compacting one day did.
     *
     * @param day       the day folder
     * @param status    what happened
     * @param manifest  the day's manifest (written now or before), when there is one
     * @param skipped   what the raw files' reading set aside (this run's reading, or the manifest's)
     * @param took      how long the day took
     * @param detail    why a day failed; empty otherwise
     */
    public record DayOutcome(LocalDate day, Status status, Optional<CompactionManifest> manifest,
                             List<SkippedInput> skipped, Duration took, String detail) {
        public DayOutcome {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(manifest, "manifest");
            skipped = List.copyOf(skipped);
            Objects.requireNonNull(took, "took");
            Objects.requireNonNull(detail, "detail");
        }

        /** What happened to a day. */
        public enum Status {
            /** Compacted now: parts written, verified and recorded. */
            COMPACTED,
            /** Already compacted (manifest present); nothing written. */
            ALREADY_COMPACTED,
            /** The folder holds no snapshot file; nothing written. */
            NO_RAW_DATA,
            /** Could not be compacted for a reason of the day's own; nothing recorded. */
            FAILED
        }
    }

    /** Whether {@code day} is over at the compactor's clock (its last UTC second has passed). */
    public boolean isOver(LocalDate day) {
        return !clock.instant().isBefore(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /**
     * Compacts {@code days} in order; a final failure is recorded in its outcome and the next day goes on.
     *
     * @throws CompactionStoppedException on a systemic failure (the days before it keep their outcomes)
     * @throws IllegalArgumentException   when a day is not over yet
     */
    public List<DayOutcome> compact(List<LocalDate> days) {
        List<DayOutcome> outcomes = new ArrayList<>();
        for (LocalDate day : days) {
            outcomes.add(compact(day));
        }
        return outcomes;
    }

    /**
     * Compacts one day.
     *
     * @throws CompactionStoppedException on a systemic failure
     * @throws IllegalArgumentException   when the day is not over yet at the compactor's clock
     */
    public DayOutcome compact(LocalDate day) {
        Objects.requireNonNull(day, "day");
        if (!isOver(day)) {
            throw new IllegalArgumentException("day " + day + " is not over yet (UTC): compact only past days");
        }
        long start = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                DayOutcome outcome = attempt(day, start);
                LOG.info("compaction of {}: {}{}", day, outcome.status().name().toLowerCase(java.util.Locale.ROOT),
                        outcome.detail().isEmpty() ? "" : " (" + outcome.detail() + ")");
                return outcome;
            } catch (StoreException e) {
                if (attempt >= attempts) {
                    throw new CompactionStoppedException("compaction of " + day + " stopped: the store failed "
                            + attempts + " times in a row, last: " + e.getMessage(), e);
                }
                Duration wait = pause.multipliedBy(1L << Math.min(attempt - 1, 6));
                LOG.warn("compaction of {}: attempt {} of {} failed ({}); trying again in {} ms", day, attempt, attempts,
                        e.getMessage(), wait.toMillis());
                sleep(wait);
            }
        }
    }

    private DayOutcome attempt(LocalDate day, long start) {
        String manifestKey = LakeLayout.curatedPresenceManifestKey(day);
        Optional<StoredObject> existing = store.get(manifestKey);
        if (existing.isPresent()) {
            return recorded(day, existing.get(), manifestKey, start);
        }
        DayWriter writer = new DayWriter(day);
        LoadReport report;
        try {
            report = raw.forEachInDay(day, writer::accept);
            writer.finishPart();
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException
                 | java.io.UncheckedIOException e) {
            return failed(day, start, "cannot compact: " + e.getMessage());
        }
        if (writer.candidates == 0) {
            return new DayOutcome(day, DayOutcome.Status.NO_RAW_DATA, Optional.empty(), report.skipped(),
                    took(start), "");
        }
        writer.neutraliseStaleParts();
        CompactionManifest manifest = new CompactionManifest(day, writer.parts, writer.candidates,
                writer.total.snapshots(), writer.total.rows(), writer.total.text(), writer.skips,
                clock.instant());
        WriteOutcome outcome = store.putIfAbsent(manifestKey, manifest.toJson());
        if (!outcome.written()) {
            // Another compactor recorded the day meanwhile (it wrote the same parts): theirs stands.
            return store.get(manifestKey).map(o -> recorded(day, o, manifestKey, start))
                    .orElseThrow(() -> new StoreException(store.describe(), "get", manifestKey,
                            new IllegalStateException("manifest refused as present, then absent")));
        }
        return new DayOutcome(day, DayOutcome.Status.COMPACTED, Optional.of(manifest), report.skipped(), took(start),
                "");
    }

    private DayOutcome recorded(LocalDate day, StoredObject object, String key, long start) {
        try {
            CompactionManifest m = CompactionManifest.parse(object.content(), key);
            List<SkippedInput> skipped = m.skipped().stream().map(s -> new SkippedInput(s.location(), s.reason()))
                    .toList();
            return new DayOutcome(day, DayOutcome.Status.ALREADY_COMPACTED, Optional.of(m), skipped, took(start), "");
        } catch (IllegalArgumentException e) {
            return failed(day, start, e.getMessage() + " (left as it is: delete it to compact the day again)");
        }
    }

    private DayOutcome failed(LocalDate day, long start, String detail) {
        LOG.error("compaction of {} failed: {}", day, detail);
        return new DayOutcome(day, DayOutcome.Status.FAILED, Optional.empty(), List.of(), took(start), detail);
    }

    private static Duration took(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompactionStoppedException("compaction interrupted", e);
        }
    }

    /** Writes one day's parts as the raw files come, a part at a time. */
    private final class DayWriter {
        private final LocalDate day;
        private final List<CompactionManifest.Part> parts = new ArrayList<>();
        private final List<CompactionManifest.Skip> skips = new ArrayList<>();
        private final PresenceDigest total = new PresenceDigest();
        private PresenceParquetCodec.Writer part;
        private PresenceDigest partDigest;
        private long candidates;

        DayWriter(LocalDate day) {
            this.day = day;
        }

        void accept(SnapshotRead read) {
            candidates++;
            for (SkippedInput problem : read.problems()) {
                skips.add(new CompactionManifest.Skip(read.candidate().key(), problem.location(), problem.reason()));
            }
            if (read.snapshot().isEmpty()) {
                return;
            }
            PresenceParquetCodec.StoredSnapshot s = PresenceParquetCodec.StoredSnapshot.of(read.location(),
                    read.snapshot().get());
            if (part != null && part.rows() + s.rows() > maxRowsPerPart) {
                finishPart();
            }
            if (part == null) {
                part = new PresenceParquetCodec.Writer();
                partDigest = new PresenceDigest();
            }
            part.add(s);
            partDigest.add(s);
        }

        /** Writes the open part, reads it back and compares it with the raw snapshots it holds. */
        void finishPart() {
            if (part == null) {
                return;
            }
            byte[] bytes = part.finish();
            String key = LakeLayout.curatedPresencePartKey(day, parts.size());
            store.put(key, bytes);
            byte[] stored = store.get(key).orElseThrow(() -> new CompactionStoppedException(
                    "compaction of " + day + " stopped: " + key + " is missing right after it was written")).content();
            PresenceDigest readBack = new PresenceDigest();
            try {
                PresenceParquetCodec.read(stored, key, readBack::add);
            } catch (IllegalArgumentException e) {
                throw new CompactionStoppedException("compaction of " + day + " stopped: " + key
                        + " cannot be read back: " + e.getMessage(), e);
            }
            if (!readBack.matches(partDigest)) {
                throw new CompactionStoppedException("compaction of " + day + " stopped: " + key
                        + " read back differs from the raw day (raw " + partDigest.text() + "; read back "
                        + readBack.text() + "); the day is not recorded as compacted");
            }
            parts.add(new CompactionManifest.Part(key, partDigest.rows(), partDigest.snapshots(), stored.length));
            total.add(partDigest);
            part = null;
            partDigest = null;
        }

        /** Empties parts an earlier, unrecorded attempt left beyond this attempt's last. */
        void neutraliseStaleParts() {
            Set<String> ours = new HashSet<>();
            parts.forEach(p -> ours.add(p.key()));
            List<String> stale;
            try (Stream<String> keys = store.listKeys(LakeLayout.curatedPresenceDayPrefix(day))) {
                stale = keys.filter(k -> k.endsWith(".parquet") && !ours.contains(k)).toList();
            }
            byte[] empty = stale.isEmpty() ? null : PresenceParquetCodec.empty();
            for (String key : stale) {
                LOG.warn("compaction of {}: emptying {}, left by an earlier attempt", day, key);
                store.put(key, empty);
            }
        }
    }

    /** Options of a {@link PresenceCompactor}. */
    public static final class Builder {
        private final ObjectStore store;
        private long maxRowsPerPart = 4_000_000;
        private int attempts = 3;
        private Duration pause = Duration.ofSeconds(2);
        private Clock clock = Clock.systemUTC();

        private Builder(ObjectStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /**
         * Rows after which a new part begins (default 4,000,000, about 10-20 MB of Parquet: one part
         * is held in memory while it is written and read back). A snapshot is never split.
         */
        public Builder maxRowsPerPart(long rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("maxRowsPerPart must be >= 1, was " + rows);
            }
            this.maxRowsPerPart = rows;
            return this;
        }

        /** Tries of a day when the store fails (default 3), 1 to 10. */
        public Builder attempts(int attempts) {
            if (attempts < 1 || attempts > 10) {
                throw new IllegalArgumentException("attempts must be between 1 and 10, was " + attempts);
            }
            this.attempts = attempts;
            return this;
        }

        /** The pause before the second try, doubled before each further one (default 2 s). */
        public Builder pause(Duration pause) {
            Objects.requireNonNull(pause, "pause");
            if (pause.isNegative()) {
                throw new IllegalArgumentException("pause must not be negative, was " + pause);
            }
            this.pause = pause;
            return this;
        }

        /** The clock that tells whether a day is over (default system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The compactor. */
        public PresenceCompactor build() {
            return new PresenceCompactor(this);
        }
    }
}
