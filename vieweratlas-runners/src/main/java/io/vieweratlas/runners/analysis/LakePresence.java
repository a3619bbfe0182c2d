package io.vieweratlas.runners.analysis;

import io.vieweratlas.core.analysis.aggregate.PresenceIngest;
import io.vieweratlas.core.analysis.aggregate.PresenceTableSource;
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

    /**
     * @param store     the lake's object store
     * @param selection which sources to read
     * @param threads   loader threads (default: available processors)
     * @param progress  told the number of files read so far
     */
    public LakePresence(ObjectStore store, LakeSelection selection, OptionalInt threads, LongConsumer progress) {
        this.store = Objects.requireNonNull(store, "store");
        this.selection = Objects.requireNonNull(selection, "selection");
        this.threads = Objects.requireNonNull(threads, "threads");
        this.progress = Objects.requireNonNull(progress, "progress");
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
        LakeAudienceLoader.Builder loader = LakeAudienceLoader.builder(store).policy(policy).progress(progress);
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
