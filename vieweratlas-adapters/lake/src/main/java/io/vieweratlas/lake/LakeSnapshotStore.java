package io.vieweratlas.lake;

import io.vieweratlas.core.analysis.aggregate.PresenceIngest;
import io.vieweratlas.core.analysis.aggregate.PresenceTableSource;
import io.vieweratlas.core.model.LoadReport.SkippedInput;
import io.vieweratlas.core.model.LoadReport;
import io.vieweratlas.core.model.PresencePolicy;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.PresenceSourceKind;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.port.SnapshotStore;
import io.vieweratlas.core.port.StoredObject;
import io.vieweratlas.core.port.WriteOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A {@link SnapshotStore} on the lake layout over any {@link ObjectStore}.
 *
 * <p><b>Writing</b> stores snapshot JSON ({@link SnapshotJsonCodec}) at
 * {@link LakeLayout#snapshotKey} with put-if-absent, never overwriting: the same snapshot again
 * is {@code UNCHANGED} (identical bytes, or a file, e.g. the original's, that decodes to an equal
 * snapshot); a different snapshot at that key is {@code CONFLICT} and the stored one stays.
 *
 * <p><b>Reading a time range</b> selects keys from listings alone, by the time in their names
 * ({@link LakeLayout#parseSnapshotKey}): only the day (or month) folders the range covers are
 * listed, and only keys whose time lies in {@code [since truncated to the second, until + slack)}
 * are read. The slack (default one hour, see {@link Builder#keyTimeSlack}) covers the
 * original's files, whose names were stamped after their {@code timestamp} (it read the clock
 * again after polling every channel of a batch). Each file read is then kept if its own
 * {@code timestamp} lies in the range. Objects are read by a few threads ahead of the consumer,
 * and handed to the consumer one at a time, in key order.
 *
 * <p><b>CSV twins.</b> A CSV under {@code raw/chatter_logs/} is read only when no JSON with the
 * same day folder and file stem exists under {@code raw/snapshots/}, or when that JSON is
 * unusable (then both the JSON's problem and the fallback are reported). Otherwise it is an
 * exact duplicate of the JSON and is not read at all.
 *
 * <p><b>Bad input</b> never stops the load: a key outside the layout (found under a listed
 * folder, so possibly in a neighbouring day), a malformed file or CSV
 * line is logged at WARN with its key (and line) and reason and appears in the returned
 * {@link LoadReport}. Failures of the store itself ({@code StoreException}) do propagate: they
 * say nothing about the data.
 */
public final class LakeSnapshotStore implements SnapshotStore, PresenceTableSource {

    private static final Logger LOG = LoggerFactory.getLogger(LakeSnapshotStore.class);

    private final ObjectStore store;
    private final SnapshotListing listing;
    private final int readThreads;
    private final Duration keyTimeSlack;
    private final boolean writeCsvTwin;
    private final SnapshotJsonCodec json = new SnapshotJsonCodec();
    private final ChatterCsvCodec csv = new ChatterCsvCodec();

    private LakeSnapshotStore(Builder b) {
        this.store = b.store;
        this.listing = new SnapshotListing(b.store);
        this.readThreads = b.readThreads;
        this.keyTimeSlack = b.keyTimeSlack;
        this.writeCsvTwin = b.writeCsvTwin;
    }

    /** A lake on {@code store} with default options. */
    public static LakeSnapshotStore on(ObjectStore store) {
        return builder(store).build();
    }

    /** Starts configuring a lake on {@code store}. */
    public static Builder builder(ObjectStore store) {
        return new Builder(store);
    }

    /** The object store underneath. */
    public ObjectStore objectStore() {
        return store;
    }

    // ---- writing ------------------------------------------------------------------------------

    @Override
    public SnapshotWrite put(PresenceSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        String key = LakeLayout.snapshotKey(snapshot.channel(), snapshot.timestamp());
        byte[] bytes = json.encode(snapshot);
        for (int attempt = 0; attempt < 3; attempt++) {
            WriteOutcome outcome = store.putIfAbsent(key, bytes);
            if (outcome.written()) {
                writeCsvTwin(snapshot);
                return new SnapshotWrite(key, SnapshotWrite.Status.WRITTEN);
            }
            Optional<StoredObject> existing = store.get(key);
            if (existing.isEmpty()) {
                continue; // deleted between our two calls: try again
            }
            if (sameSnapshot(existing.get().content(), bytes, snapshot)) {
                writeCsvTwin(snapshot); // a retried write also completes a twin an earlier attempt missed
                return new SnapshotWrite(key, SnapshotWrite.Status.UNCHANGED);
            }
            return new SnapshotWrite(key, SnapshotWrite.Status.CONFLICT);
        }
        throw new IllegalStateException("snapshot key '" + key + "' on " + store.describe()
                + " kept appearing and disappearing while writing");
    }

    /**
     * With {@code writeCsvTwin}, the original's CSV twin of a snapshot this store holds, written
     * only if absent (atomic; a retry changes nothing). A different CSV already at the key is left
     * as it is and logged: the JSON is the record, the twin only its copy for the original's readers.
     */
    private void writeCsvTwin(PresenceSnapshot snapshot) {
        if (!writeCsvTwin) {
            return;
        }
        String key = LakeLayout.chatterLogKey(snapshot.channel(), snapshot.timestamp());
        byte[] bytes = csv.encode(snapshot);
        if (!store.putIfAbsent(key, bytes).written()) {
            Optional<StoredObject> existing = store.get(key);
            if (existing.isPresent() && !Arrays.equals(existing.get().content(), bytes)) {
                LOG.warn("Not replacing {}: it differs from the CSV twin of {}", key,
                        LakeLayout.snapshotKey(snapshot.channel(), snapshot.timestamp()));
            }
        }
    }

    private boolean sameSnapshot(byte[] stored, byte[] ours, PresenceSnapshot snapshot) {
        if (Arrays.equals(stored, ours)) {
            return true;
        }
        try {
            return json.decode(stored, Optional.of(snapshot.channel())).equals(snapshot);
        } catch (SnapshotFormatException e) {
            return false;
        }
    }

    // ---- reading ------------------------------------------------------------------------------

    /**
     * {@inheritDoc}
     *
     * <p>Reads with {@link LakeAudienceLoader} (files parsed on all cores, straight into the
     * table), which reads and reports exactly what {@link #forEachSnapshot} does.
     */
    @Override
    public PresenceIngest.Loaded loadTable(TimeRange range, PresencePolicy policy) {
        return LakeAudienceLoader.builder(store).policy(policy).keyTimeSlack(keyTimeSlack).build().load(range);
    }

    /** What reading one candidate gave: the snapshot (and the key it was read from) and the problems met. */
    private record ReadResult(SnapshotListing.Candidate candidate, String location, Optional<PresenceSnapshot> snapshot,
                              List<SkippedInput> skipped) {
    }

    @Override
    public LoadReport forEachSnapshot(TimeRange range, Consumer<PresenceSnapshot> consumer) {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(consumer, "consumer");
        TimeRange keyRange = SnapshotListing.keyRange(range, keyTimeSlack);
        return readListed(sink -> listing.forEach(keyRange, sink.notSnapshotKeys(), sink.candidates()), result -> {
            if (result.snapshot().isPresent() && range.contains(result.snapshot().get().timestamp())) {
                consumer.accept(result.snapshot().get());
                return true;
            }
            return false;
        });
    }

    /**
     * Reads every snapshot file of one UTC day folder ({@code raw/snapshots/YYYY/MM/DD/} and its CSV
     * twins under {@code raw/chatter_logs/}), whatever its key time and timestamp, with the same
     * selection, validation and reports as {@link #forEachSnapshot}, and hands each listed file to
     * {@code consumer} in key order with what reading it gave — what a compaction of the day needs to
     * record which file each snapshot and each problem came from.
     *
     * @param day      the folder's day
     * @param consumer told each listed file's outcome, on the caller's thread
     * @return the snapshots read and everything set aside (including keys in the folder that are not
     *         snapshot keys)
     */
    public LoadReport forEachInDay(java.time.LocalDate day, Consumer<SnapshotRead> consumer) {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(consumer, "consumer");
        return readListed(sink -> listing.forEachInDay(day, sink.notSnapshotKeys(), sink.candidates()), result -> {
            consumer.accept(new SnapshotRead(result.candidate().key(), result.location(), result.snapshot(),
                    result.skipped()));
            return result.snapshot().isPresent();
        });
    }

    /** Where a listing puts what it finds. */
    private record ListingSink(Consumer<SkippedInput> notSnapshotKeys, Consumer<SnapshotListing.Candidate> candidates) {
    }

    /**
     * Reads what {@code listing} lists, a few objects ahead on reader threads, and hands each result to
     * {@code deliver} in key order; counts the results {@code deliver} accepts.
     */
    private LoadReport readListed(Consumer<ListingSink> listing, java.util.function.Predicate<ReadResult> deliver) {
        List<SkippedInput> skipped = new ArrayList<>();
        long[] loaded = {0};
        ExecutorService pool = readThreads > 1 ? Executors.newFixedThreadPool(readThreads, daemonThreads()) : null;
        Deque<Future<ReadResult>> inFlight = new ArrayDeque<>();
        int window = Math.max(1, readThreads * 4);
        try {
            listing.accept(new ListingSink(notSnapshotKey -> skip(skipped, notSnapshotKey), candidate -> {
                inFlight.add(pool == null ? CompletableFuture.completedFuture(read(candidate))
                        : pool.submit(() -> read(candidate)));
                if (inFlight.size() >= window) {
                    loaded[0] += deliver(inFlight.poll(), deliver, skipped);
                }
            }));
            while (!inFlight.isEmpty()) {
                loaded[0] += deliver(inFlight.poll(), deliver, skipped);
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        return LoadReport.of(PresenceSourceKind.LIVE.wireName(), loaded[0], skipped);
    }

    private int deliver(Future<ReadResult> future, java.util.function.Predicate<ReadResult> deliver,
                        List<SkippedInput> skipped) {
        ReadResult result;
        try {
            result = future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading snapshots from " + store.describe(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
        result.skipped().forEach(s -> skip(skipped, s));
        return deliver.test(result) ? 1 : 0;
    }

    private static void skip(List<SkippedInput> skipped, SkippedInput input) {
        LOG.warn("Skipped {}: {}", input.location(), input.reason());
        skipped.add(input);
    }

    /** Reads and decodes one candidate; runs on a reader thread. */
    private ReadResult read(SnapshotListing.Candidate candidate) {
        SnapshotKey key = candidate.key();
        Optional<StoredObject> object = store.get(key.key());
        if (object.isEmpty()) {
            return new ReadResult(candidate, key.key(), Optional.empty(),
                    List.of(new SkippedInput(key.key(), "deleted while the lake was being read")));
        }
        if (key.format() == SnapshotKey.Format.CSV) {
            ChatterCsvCodec.Result r = csv.decode(object.get().content(), key);
            return new ReadResult(candidate, key.key(), r.snapshot(), r.problems());
        }
        try {
            return new ReadResult(candidate, key.key(),
                    Optional.of(json.decode(object.get().content(), Optional.of(key.channel()))), List.of());
        } catch (SnapshotFormatException e) {
            if (candidate.csvTwin().isEmpty()) {
                return new ReadResult(candidate, key.key(), Optional.empty(),
                        List.of(new SkippedInput(key.key(), e.getMessage())));
            }
            SnapshotKey twin = candidate.csvTwin().get();
            ReadResult fallback = read(new SnapshotListing.Candidate(twin, Optional.empty()));
            List<SkippedInput> all = new ArrayList<>();
            all.add(new SkippedInput(key.key(), e.getMessage() + "; read its CSV twin " + twin.key() + " instead"));
            all.addAll(fallback.skipped());
            return new ReadResult(candidate, fallback.location(), fallback.snapshot(), all);
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "lake-read-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Options of a {@link LakeSnapshotStore}. */
    public static final class Builder {
        private final ObjectStore store;
        private int readThreads = 3;
        private Duration keyTimeSlack = Duration.ofHours(1);
        private boolean writeCsvTwin;

        private Builder(ObjectStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /** Threads reading objects ahead of the consumer, 1 to 16 (default 3; 1 reads on the caller's thread). */
        public Builder readThreads(int threads) {
            if (threads < 1 || threads > 16) {
                throw new IllegalArgumentException("readThreads must be between 1 and 16, was " + threads);
            }
            this.readThreads = threads;
            return this;
        }

        /**
         * How much later than its {@code timestamp} a snapshot's key time may be (default 1 hour).
         * Files whose key time lies up to this much after a range's end are read, to find
         * original-format snapshots stamped inside the range. Zero suits lakes written only by
         * this library, where key time and timestamp agree to the second.
         */
        public Builder keyTimeSlack(Duration slack) {
            Objects.requireNonNull(slack, "slack");
            if (slack.isNegative() || slack.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("keyTimeSlack must be between 0 and 1 day, was " + slack);
            }
            this.keyTimeSlack = slack;
            return this;
        }

        /**
         * Whether {@link #put} also writes the original's CSV twin of each snapshot under
         * {@code raw/chatter_logs/} ({@link ChatterCsvCodec#encode}), for readers of the original's
         * files; default false.
         */
        public Builder writeCsvTwin(boolean write) {
            this.writeCsvTwin = write;
            return this;
        }

        /** The configured store. */
        public LakeSnapshotStore build() {
            return new LakeSnapshotStore(this);
        }
    }
}
