package io.vieweratlas.parquet;

import io.vieweratlas.core.model.LoadReport;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.port.PresenceSource;
import io.vieweratlas.core.port.StoredObject;
import io.vieweratlas.lake.LakeLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The curated VOD presence files of a lake: writes one VOD's buckets to
 * {@code curated/presence_snapshots/source=vod/channel=<login>/vod=<id>/part-0000.parquet}, and
 * serves every bucket as a {@link PresenceSnapshot} (source VOD or IMPORT, content id
 * {@code vod:<id>}, timestamp at the bucket's end) for analysis.
 *
 * <p>It also reads the original project's VOD snapshots: its pandas-written Parquet under the same
 * prefix or, written without S3, under {@value LakeLayout#ORIGINAL_VOD_SNAPSHOTS}, and its JSON snapshots (see
 * {@link VodParquetCodec#decode(byte[], String, java.util.function.Function)} for how their rows
 * are placed in time).
 *
 * <p>Reading goes file by file in key order; a file that cannot be read is skipped, logged at
 * WARN and reported in the {@link LoadReport} with its key, the rest still loads.
 */
public final class VodPresenceStore implements PresenceSource {
    private static final Logger LOG = LoggerFactory.getLogger(VodPresenceStore.class);

    private final ObjectStore store;

    /** @param store the lake's object store */
    public VodPresenceStore(ObjectStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Writes one VOD's buckets (replacing an earlier file of the same VOD: a re-fetch or re-import
     * supersedes it) and returns the key.
     *
     * @throws IllegalArgumentException when the buckets are empty or belong to more than one channel or VOD
     */
    public String write(List<VodBucket> buckets) {
        if (buckets.isEmpty()) {
            throw new IllegalArgumentException("no buckets to write");
        }
        VodBucket first = buckets.get(0);
        for (VodBucket b : buckets) {
            if (!b.channelLogin().equals(first.channelLogin()) || !b.contentId().equals(first.contentId())) {
                throw new IllegalArgumentException("buckets of " + b.channelLogin() + "/" + b.contentId()
                        + " mixed with " + first.channelLogin() + "/" + first.contentId());
            }
        }
        String vodId = first.contentId().startsWith("vod:") ? first.contentId().substring(4) : first.contentId();
        String key = LakeLayout.curatedVodKey(first.channelLogin(), vodId);
        store.put(key, VodParquetCodec.encode(buckets));
        return key;
    }

    /**
     * Writes the buckets built in {@code buckets} (replacing an earlier file of the same VOD) and
     * returns the key; the rows are encoded one bucket at a time.
     *
     * @throws IllegalArgumentException when no line was added
     */
    public String write(VodBucketAccumulator buckets) {
        if (buckets.bucketCount() == 0) {
            throw new IllegalArgumentException("no buckets to write");
        }
        String key = LakeLayout.curatedVodKey(buckets.shape().channelLogin(), buckets.shape().vodId());
        store.put(key, VodParquetCodec.encode(buckets.buckets()));
        return key;
    }

    /** The buckets of one VOD, or empty when it has no file. */
    public Optional<List<VodBucket>> read(String channel, String vodId) {
        String key = LakeLayout.curatedVodKey(channel, vodId);
        return store.get(key).map(o -> VodParquetCodec.decode(o.content(), key));
    }

    @Override
    public LoadReport forEachSnapshot(TimeRange range, Consumer<PresenceSnapshot> consumer) {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(consumer, "consumer");
        long loaded = 0;
        SortedMap<String, Long> bySource = new TreeMap<>();
        List<LoadReport.SkippedInput> skipped = new ArrayList<>();
        VodStarts starts = new VodStarts(store);
        for (String key : keys()) {
            Optional<StoredObject> object = store.get(key);
            if (object.isEmpty()) {
                continue; // deleted since the listing
            }
            List<VodBucket> buckets;
            try {
                buckets = key.endsWith(".parquet") ? VodParquetCodec.decode(object.get().content(), key, starts)
                        : OriginalVodJson.decode(object.get().content(), key, starts);
            } catch (IllegalArgumentException e) {
                LOG.warn("Skipping {}: {}", key, e.getMessage());
                skipped.add(new LoadReport.SkippedInput(key, e.getMessage()));
                continue;
            }
            for (VodBucket b : buckets) {
                PresenceSnapshot s = b.toSnapshot();
                if (range.contains(s.timestamp())) {
                    consumer.accept(s);
                    loaded++;
                    bySource.merge(b.source().wireName(), 1L, Long::sum);
                }
            }
        }
        return new LoadReport(loaded, skipped, bySource);
    }

    /**
     * The files to read, in key order: every {@code .parquet} under the curated prefix and under
     * the original's local {@code vod_snapshots/}, and the original's JSON snapshots
     * ({@code .json}) in a folder without a Parquet file. The original wrote each VOD as Parquet
     * and, without S3, the same rows again as {@code snapshot_NNNN.json}; the JSON stands alone
     * only where writing Parquet failed, so a folder's JSON counts only when it has no Parquet.
     */
    private List<String> keys() {
        List<String> all = new ArrayList<>();
        for (String prefix : List.of(LakeLayout.CURATED_VOD, LakeLayout.ORIGINAL_VOD_SNAPSHOTS)) {
            try (Stream<String> listing = store.listKeys(prefix)) {
                listing.filter(k -> k.endsWith(".parquet") || k.endsWith(".json"))
                        .forEach(all::add);
            }
        }
        Set<String> withParquet = new HashSet<>();
        for (String k : all) {
            if (k.endsWith(".parquet")) {
                withParquet.add(folder(k));
            }
        }
        List<String> keys = new ArrayList<>();
        for (String k : all) {
            if (k.endsWith(".parquet") || !withParquet.contains(folder(k))) {
                keys.add(k);
            }
        }
        keys.sort(null);
        return keys;
    }

    private static String folder(String key) {
        return key.substring(0, key.lastIndexOf('/') + 1);
    }

    @Override
    public String toString() {
        return "VodPresenceStore[" + store.describe() + "]";
    }
}
