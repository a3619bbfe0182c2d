package io.vieweratlas.lake;

import io.vieweratlas.core.analysis.Parallel;
import io.vieweratlas.core.analysis.aggregate.PresenceIngest;
import io.vieweratlas.core.analysis.aggregate.PresenceTable;
import io.vieweratlas.core.analysis.aggregate.PresenceTableBuilder;
import io.vieweratlas.core.analysis.viewer.ViewerKeys;
import io.vieweratlas.core.model.LoadReport.SkippedInput;
import io.vieweratlas.core.model.LoadReport;
import io.vieweratlas.core.model.PresencePolicy;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.port.PresenceSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The fast way from a lake to the analysis: files are read and parsed on all cores, each thread
 * into its own {@link PresenceTableBuilder}; the threads share nothing until {@link PresenceTable#of}
 * numbers the viewers. Logins are reduced to their {@link ViewerKeys key} where they lie in the
 * file's bytes, without a {@code String} per occurrence. A store that keeps its objects as local
 * files ({@link ObjectStore#localPath}) is read straight from them.
 *
 * <p>It reads exactly what {@link LakeSnapshotStore#forEachSnapshot} reads — the same listing, the
 * same validation, the same report: regular files go through a fast parser that accepts only files
 * whose meaning is unambiguous; anything else — malformed JSON, wrong types, upper-case logins, a
 * chatter CSV or a JSON file with a CSV twin that needs it — is handed to {@link SnapshotJsonCodec} /
 * {@link ChatterCsvCodec}, so a malformed file is skipped with its key and the codec's reason in the
 * report and the rest loads.
 */
public final class LakeAudienceLoader {

    private static final int PROGRESS_EVERY = 500;
    /** Files handed to a loading thread at a time (consecutive keys: a channel's snapshots of a day). */
    private static final int BATCH = 16;
    private static final List<SnapshotListing.Candidate> END_OF_LISTING = List.of();

    private final ObjectStore store;
    private final SnapshotListing listing;
    private final int threads;
    private final PresencePolicy policy;
    private final Duration keyTimeSlack;
    private final LongConsumer progress;
    private final boolean liveSnapshots;
    private final List<PresenceSource> extraSources;
    private final java.util.Optional<CompactedSnapshots> compacted;
    private final SnapshotJsonCodec json = new SnapshotJsonCodec();
    private final ChatterCsvCodec csv = new ChatterCsvCodec();

    private LakeAudienceLoader(Builder b) {
        this.store = b.store;
        this.listing = new SnapshotListing(b.store);
        this.threads = b.threads;
        this.policy = b.policy;
        this.keyTimeSlack = b.keyTimeSlack;
        this.progress = b.progress;
        this.liveSnapshots = b.liveSnapshots;
        this.extraSources = List.copyOf(b.extraSources);
        this.compacted = java.util.Optional.ofNullable(b.compacted);
    }

    /** A builder reading from {@code store}. */
    public static Builder builder(ObjectStore store) {
        return new Builder(store);
    }

    /**
     * Reads every snapshot whose time lies in {@code range}.
     *
     * @return the table and what was read and skipped
     */
    public PresenceIngest.Loaded load(TimeRange range) {
        Objects.requireNonNull(range, "range");
        TimeRange keyRange = SnapshotListing.keyRange(range, keyTimeSlack);
        List<SkippedInput> skipped = new ArrayList<>();
        // Compacted days first: their rows, and which raw files they cover, so the listing skips those.
        CompactedPhase.Result compactedDays = liveSnapshots && compacted.isPresent()
                ? CompactedPhase.read(compacted.get(), range, keyRange, policy, threads) : CompactedPhase.Result.NONE;
        skipped.addAll(compactedDays.skipped());
        AtomicLong done = new AtomicLong();
        List<SnapshotFileReader> readers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            readers.add(new SnapshotFileReader(store, policy, json, csv));
        }
        // One thread lists while the others read what it has listed so far: listing a large lake
        // on disk is a directory walk with a stat per file (tens of ms per thousand files), and
        // would otherwise leave the other cores idle at the start.
        BlockingQueue<List<SnapshotListing.Candidate>> batches = new LinkedBlockingQueue<>();
        AtomicInteger role = new AtomicInteger();
        Parallel.run(threads + 1, () -> {
            int me = role.getAndIncrement();
            if (me == 0) {
                try {
                    if (liveSnapshots) {
                        list(keyRange, skipped, batches, compactedDays);
                    }
                } finally {
                    for (int i = 0; i < threads; i++) {
                        batches.add(END_OF_LISTING);
                    }
                }
                return;
            }
            SnapshotFileReader reader = readers.get(me - 1);
            while (true) {
                List<SnapshotListing.Candidate> batch;
                try {
                    batch = batches.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while loading the lake", e);
                }
                if (batch == END_OF_LISTING) {
                    return;
                }
                for (SnapshotListing.Candidate candidate : batch) {
                    reader.read(candidate, range);
                    long d = done.incrementAndGet();
                    if (d % PROGRESS_EVERY == 0) {
                        progress.accept(d);
                    }
                }
            }
        });
        progress.accept(done.get());
        long loaded = compactedDays.loaded();
        List<PresenceTableBuilder> builders = new ArrayList<>(compactedDays.builders());
        for (SnapshotFileReader reader : readers) {
            loaded += reader.loaded();
            skipped.addAll(reader.skipped());
            builders.add(reader.builder());
        }
        for (PresenceSource source : extraSources) {
            // Other sources (e.g. VOD buckets) go into the same table.
            PresenceTableBuilder extra = new PresenceTableBuilder();
            LoadReport report = source.forEachSnapshot(range, snapshot -> PresenceIngest.append(extra, snapshot, policy));
            loaded += report.loaded();
            skipped.addAll(report.skipped());
            builders.add(extra);
        }
        return new PresenceIngest.Loaded(PresenceTable.of(builders, threads), new LoadReport(loaded, skipped));
    }

    /** Lists the candidates in {@code keyRange} and hands them to the readers in batches of consecutive keys. */
    private void list(TimeRange keyRange, List<SkippedInput> skipped, BlockingQueue<List<SnapshotListing.Candidate>> out,
                      CompactedPhase.Result compactedDays) {
        Batches batches = new Batches(out);
        listing.forEach(keyRange, skipped::add, candidate -> {
            if (!compactedDays.covers(candidate.key())) {
                batches.accept(candidate);
            }
        });
        batches.flush();
    }

    /** Groups listed candidates into batches of {@link #BATCH} for the reading threads. */
    private static final class Batches implements Consumer<SnapshotListing.Candidate> {
        private final BlockingQueue<List<SnapshotListing.Candidate>> out;
        private List<SnapshotListing.Candidate> batch = new ArrayList<>(BATCH);

        Batches(BlockingQueue<List<SnapshotListing.Candidate>> out) {
            this.out = out;
        }

        @Override
        public void accept(SnapshotListing.Candidate candidate) {
            batch.add(candidate);
            if (batch.size() == BATCH) {
                out.add(batch);
                batch = new ArrayList<>(BATCH);
            }
        }

        /** Hands on the last, partly filled batch. */
        void flush() {
            if (!batch.isEmpty()) {
                out.add(batch);
            }
        }
    }

    /** Options of a {@link LakeAudienceLoader}. */
    public static final class Builder {
        private final ObjectStore store;
        private int threads = Parallel.defaultThreads();
        private PresencePolicy policy = PresencePolicy.INCLUSIVE;
        private Duration keyTimeSlack = Duration.ofHours(1);
        private LongConsumer progress = n -> { };
        private boolean liveSnapshots = true;
        private final List<PresenceSource> extraSources = new ArrayList<>();
        private CompactedSnapshots compacted;

        private Builder(ObjectStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /** Parser threads (default: available processors), 1..64. */
        public Builder threads(int threads) {
            if (threads < 1 || threads > 64) {
                throw new IllegalArgumentException("threads must be between 1 and 64, was " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** Which evidence counts as presence (default inclusive). */
        public Builder policy(PresencePolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** How far after a range's end a key's time may lie (default 1 hour, as {@link LakeSnapshotStore}). */
        public Builder keyTimeSlack(Duration slack) {
            this.keyTimeSlack = Objects.requireNonNull(slack, "slack");
            return this;
        }

        /** Called now and then (from any loading thread) with the number of files read so far. */
        public Builder progress(LongConsumer progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /** Whether to read the raw live snapshots ({@code raw/snapshots}, CSV twins); default true. */
        public Builder liveSnapshots(boolean read) {
            this.liveSnapshots = read;
            return this;
        }

        /**
         * Adds the snapshots of another source (e.g. curated VOD buckets) to the same table, read
         * after the live snapshots with the same range and policy.
         */
        public Builder alsoFrom(PresenceSource source) {
            extraSources.add(Objects.requireNonNull(source, "source"));
            return this;
        }

        /**
         * Reads the days {@code days} has compacted from there instead of their raw files (raw files
         * written into such a day after its compaction are still read raw). The result is the same
         * as reading the raw files; default: raw files only.
         */
        public Builder compacted(CompactedSnapshots days) {
            this.compacted = java.util.Objects.requireNonNull(days, "days");
            return this;
        }

        /** Builds the loader. */
        public LakeAudienceLoader build() {
            return new LakeAudienceLoader(this);
        }
    }
}
