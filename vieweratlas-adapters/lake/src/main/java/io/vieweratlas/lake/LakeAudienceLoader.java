package io.vieweratlas.lake;

import io.vieweratlas.core.analysis.Parallel;
import io.vieweratlas.core.analysis.aggregate.PresenceIngest;
import io.vieweratlas.core.analysis.aggregate.PresenceTable;
import io.vieweratlas.core.analysis.aggregate.PresenceTableBuilder;
import io.vieweratlas.core.analysis.aggregate.Repeats;
import io.vieweratlas.core.analysis.viewer.ViewerKeys;
import io.vieweratlas.core.model.LoadReport.SkippedInput;
import io.vieweratlas.core.model.LoadReport;
import io.vieweratlas.core.model.PresencePolicy;
import io.vieweratlas.core.model.PresenceSourceKind;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.port.PresenceSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
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
 *
 * <p>With {@link Builder#repeats(Repeats) Repeats.DROP} each channel's files go to one loading
 * thread (by a hash of the channel), so a viewer seen in many hourly snapshots of a channel is held
 * once; a lake that turns out to hold duplicate snapshots (two of one channel at one time) is read a
 * second time keeping every entry, since which copy counts is only known once all are read.
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
    private final Repeats repeats;
    private final Optional<Consumer<SnapshotFootprint>> footprint;
    private final Optional<CompactedSnapshots> compacted;
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
        this.repeats = b.repeats;
        this.footprint = b.footprint;
        this.compacted = Optional.ofNullable(b.compacted);
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
        PresenceIngest.Loaded loaded = load(range, repeats);
        if (!loaded.table().exactOver(range)) {
            return load(range, Repeats.KEEP);
        }
        return loaded;
    }

    private PresenceIngest.Loaded load(TimeRange range, Repeats repeats) {
        TimeRange keyRange = SnapshotListing.keyRange(range, keyTimeSlack);
        List<SkippedInput> skipped = new ArrayList<>();
        boolean readsCompacted = liveSnapshots && compacted.isPresent();
        boolean checkFirst = readsCompacted && footprint.isPresent();
        if (checkFirst) {
            // Compacted days are read before the listing that would check the footprint, so it is
            // checked by a listing of its own first (raw files stay listed after compaction): a
            // window too big for the heap is refused before any of it is held.
            listing.forEach(keyRange, s -> { }, c -> { }, footprint.map(f -> new FootprintCounter(store, f)));
        }
        Optional<FootprintCounter> listingFootprint = checkFirst ? Optional.empty()
                : footprint.map(f -> new FootprintCounter(store, f));
        // Compacted days first: their rows, and which raw files they cover, so the listing skips those.
        CompactedPhase.Result compactedDays = readsCompacted
                ? CompactedPhase.read(compacted.get(), range, keyRange, policy, repeats, threads)
                : CompactedPhase.Result.NONE;
        skipped.addAll(compactedDays.skipped());
        AtomicLong done = new AtomicLong();
        List<SnapshotFileReader> readers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            readers.add(new SnapshotFileReader(store, policy, repeats, json, csv));
        }
        // One thread lists while the others read what it has listed so far: listing a large lake
        // on disk is a directory walk with a stat per file (tens of ms per thousand files), and
        // would otherwise leave the other cores idle at the start. Dropping repeats, every thread
        // has a queue of its own and gets all files of its channels.
        int queues = repeats == Repeats.DROP ? threads : 1;
        List<BlockingQueue<List<SnapshotListing.Candidate>>> batches = new ArrayList<>();
        for (int i = 0; i < queues; i++) {
            batches.add(new LinkedBlockingQueue<>());
        }
        AtomicInteger role = new AtomicInteger();
        AtomicBoolean stopped = new AtomicBoolean();
        Parallel.run(threads + 1, () -> {
            int me = role.getAndIncrement();
            if (me == 0) {
                try {
                    if (liveSnapshots) {
                        list(keyRange, skipped, batches, compactedDays, listingFootprint);
                    }
                } catch (RuntimeException | Error e) {
                    stopped.set(true); // the footprint's observer refused the window, or the listing failed
                    throw e;
                } finally {
                    for (int i = 0; i < threads; i++) {
                        batches.get(i % queues).add(END_OF_LISTING);
                    }
                }
                return;
            }
            SnapshotFileReader reader = readers.get(me - 1);
            BlockingQueue<List<SnapshotListing.Candidate>> mine = batches.get((me - 1) % queues);
            while (true) {
                List<SnapshotListing.Candidate> batch;
                try {
                    batch = mine.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while loading the lake", e);
                }
                if (batch == END_OF_LISTING || stopped.get()) {
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
        // the raw snapshots are the live collector's; other sources count their own kinds
        LoadReport report = LoadReport.of(PresenceSourceKind.LIVE.wireName(), loaded, skipped);
        for (PresenceSource source : extraSources) {
            // Other sources (e.g. VOD buckets) go into the same table.
            PresenceTableBuilder extra = new PresenceTableBuilder(repeats);
            report = report.plus(source.forEachSnapshot(range,
                    snapshot -> PresenceIngest.append(extra, snapshot, policy)));
            builders.add(extra);
        }
        return new PresenceIngest.Loaded(PresenceTable.of(builders, threads), report);
    }

    /** Lists the candidates in {@code keyRange} and hands them to the readers in batches of consecutive keys. */
    private void list(TimeRange keyRange, List<SkippedInput> skipped,
                      List<BlockingQueue<List<SnapshotListing.Candidate>>> out, CompactedPhase.Result compactedDays,
                      Optional<FootprintCounter> footprint) {
        Batches batches = new Batches(out);
        listing.forEach(keyRange, skipped::add, candidate -> {
            if (!compactedDays.covers(candidate.key())) {
                batches.accept(candidate);
            }
        }, footprint);
        batches.flush();
    }

    /**
     * Groups listed candidates into batches of {@link #BATCH} for the reading threads; with more
     * than one queue, a candidate goes to the queue its channel hashes to.
     */
    private static final class Batches implements Consumer<SnapshotListing.Candidate> {
        private final List<BlockingQueue<List<SnapshotListing.Candidate>>> out;
        private final List<List<SnapshotListing.Candidate>> batch = new ArrayList<>();

        Batches(List<BlockingQueue<List<SnapshotListing.Candidate>>> out) {
            this.out = out;
            for (int i = 0; i < out.size(); i++) {
                batch.add(new ArrayList<>(BATCH));
            }
        }

        @Override
        public void accept(SnapshotListing.Candidate candidate) {
            int q = out.size() == 1 ? 0 : Math.floorMod(candidate.key().channel().hashCode(), out.size());
            List<SnapshotListing.Candidate> b = batch.get(q);
            b.add(candidate);
            if (b.size() == BATCH) {
                out.get(q).add(b);
                batch.set(q, new ArrayList<>(BATCH));
            }
        }

        /** Hands on the last, partly filled batches. */
        void flush() {
            for (int q = 0; q < out.size(); q++) {
                if (!batch.get(q).isEmpty()) {
                    out.get(q).add(batch.get(q));
                }
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
        private Repeats repeats = Repeats.KEEP;
        private Optional<Consumer<SnapshotFootprint>> footprint = Optional.empty();
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
         * Whether a viewer seen again on a channel is kept (default {@link Repeats#KEEP}); with
         * {@link Repeats#DROP} memory follows memberships and the table answers {@link #load}'s
         * range only.
         */
        public Builder repeats(Repeats repeats) {
            this.repeats = Objects.requireNonNull(repeats, "repeats");
            return this;
        }

        /**
         * Hands the live snapshots' {@link SnapshotFootprint} to {@code observer} as the loader's own
         * listing proceeds (every thousand objects, and once complete), on the listing thread. An
         * observer that throws stops the load: the listing ends, the readers stop after the file at
         * hand, and {@link #load} throws that exception. The listing runs well ahead of the reading
         * (it is a small part of a load), so a window too big for the heap is refused after a small
         * part of it was read, without a second listing.
         */
        public Builder footprint(Consumer<SnapshotFootprint> observer) {
            this.footprint = Optional.of(Objects.requireNonNull(observer, "observer"));
            return this;
        }

        /**
         * Reads the days {@code days} has compacted from there instead of their raw files (raw files
         * written into such a day after its compaction are still read raw). The result is the same
         * as reading the raw files; default: raw files only.
         */
        public Builder compacted(CompactedSnapshots days) {
            this.compacted = Objects.requireNonNull(days, "days");
            return this;
        }

        /** Builds the loader. */
        public LakeAudienceLoader build() {
            return new LakeAudienceLoader(this);
        }
    }
}
