package io.vieweratlas.runners.analysis;

import io.vieweratlas.core.analysis.aggregate.PresenceIngest;
import io.vieweratlas.core.analysis.aggregate.PresenceTableSource;
import io.vieweratlas.core.analysis.aggregate.Repeats;
import io.vieweratlas.core.model.LoadReport;
import io.vieweratlas.core.model.PresencePolicy;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.lake.LakeAudienceLoader;
import io.vieweratlas.lake.LakeSnapshotStore;
import io.vieweratlas.parquet.CompactedPresenceStore;
import io.vieweratlas.parquet.VodPresenceStore;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * A lake as a presence source for one {@link LakeSelection}: live snapshots and VOD buckets read by
 * the lake adapter's parallel loader into one table. The VOD buckets live in the Parquet adapter,
 * so the two are combined here, where both adapters are known. Live days that a compaction has
 * recorded are read from their Parquet parts (a few objects a day) instead of their raw files, with
 * the same result; raw files of other days, and raw files written into a day after its compaction,
 * are read raw.
 */
public final class LakePresence implements PresenceTableSource {

    private final ObjectStore store;
    private final LakeSelection selection;
    private final OptionalInt threads;
    private final LongConsumer progress;
    private final OptionalLong maxHeap;

    /**
     * @param store     the lake's object store
     * @param selection which sources to read
     * @param threads   loader threads (default: available processors)
     * @param progress  told the number of files read so far
     */
    public LakePresence(ObjectStore store, LakeSelection selection, OptionalInt threads, LongConsumer progress) {
        this(store, selection, threads, progress, OptionalLong.empty());
    }

    private LakePresence(ObjectStore store, LakeSelection selection, OptionalInt threads, LongConsumer progress,
                         OptionalLong maxHeap) {
        this.store = Objects.requireNonNull(store, "store");
        this.selection = Objects.requireNonNull(selection, "selection");
        this.threads = Objects.requireNonNull(threads, "threads");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.maxHeap = Objects.requireNonNull(maxHeap, "maxHeap");
    }

    /**
     * This source, checking as each load lists the range that its estimated heap ({@link MemoryBudget},
     * from the listing) fits in {@code maxHeap}; a range that does not is refused before most of it is
     * read.
     *
     * @param maxHeap the heap the analysis may use, e.g. {@link Runtime#maxMemory()}
     * @return the checking source
     */
    public LakePresence checkingMemory(long maxHeap) {
        if (maxHeap <= 0) {
            throw new IllegalArgumentException("maxHeap must be positive, was " + maxHeap);
        }
        return new LakePresence(store, selection, threads, progress, OptionalLong.of(maxHeap));
    }

    /**
     * All of a lake's presence, read with the default number of threads.
     *
     * @param store the lake's object store
     * @return the source
     */
    public static LakePresence all(ObjectStore store) {
        return new LakePresence(store, LakeSelection.ALL, OptionalInt.empty(), n -> { });
    }

    @Override
    public PresenceIngest.Loaded loadTable(TimeRange range, PresencePolicy policy) {
        return loadTable(range, policy, Repeats.KEEP);
    }

    /**
     * {@inheritDoc}
     *
     * @throws InsufficientMemoryException when memory is checked and the range's estimate exceeds it
     */
    @Override
    public PresenceIngest.Loaded loadTable(TimeRange range, PresencePolicy policy, Repeats repeats) {
        LakeAudienceLoader.Builder loader = LakeAudienceLoader.builder(store).policy(policy).progress(progress)
                .repeats(repeats);
        // checked as the loader lists, well before its readers are done: no second listing
        maxHeap.ifPresent(max -> loader.footprint(f -> MemoryBudget.check(f, repeats, max)));
        threads.ifPresent(loader::threads);
        loader.liveSnapshots(selection != LakeSelection.VOD);
        if (selection != LakeSelection.VOD) {
            loader.compacted(new CompactedPresenceStore(store));
        }
        if (selection != LakeSelection.LIVE) {
            loader.alsoFrom(new VodPresenceStore(store));
        }
        return loader.build().load(range);
    }

    @Override
    public LoadReport forEachSnapshot(TimeRange range, Consumer<PresenceSnapshot> consumer) {
        LoadReport live = selection == LakeSelection.VOD ? LoadReport.EMPTY
                : LakeSnapshotStore.on(store).forEachSnapshot(range, consumer);
        LoadReport vod = selection == LakeSelection.LIVE ? LoadReport.EMPTY
                : new VodPresenceStore(store).forEachSnapshot(range, consumer);
        return live.plus(vod);
    }
}
