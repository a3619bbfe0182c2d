package io.vieweratlas.parquet;

import io.vieweratlas.core.analysis.aggregate.PresenceTableBuilder;
import io.vieweratlas.core.model.LoadReport.SkippedInput;
import io.vieweratlas.core.model.PresencePolicy;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.port.StoredObject;
import io.vieweratlas.lake.CompactedSnapshots;
import io.vieweratlas.lake.LakeLayout;
import io.vieweratlas.lake.SnapshotKey;
import io.vieweratlas.lake.SnapshotStems;
import org.apache.parquet.io.api.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The compacted days of a lake ({@link PresenceCompactor}) as the lake loader reads them: the days
 * come from the manifests (one LIST of {@code curated/presence/_manifests/} and one GET per day in the
 * range), each day's snapshots from its parts. Rows are filtered exactly as the raw loader filters
 * files: by the key time of the file each snapshot came from, then by the snapshot's timestamp, and
 * the viewers by the presence policy from their evidence bits. A manifest that cannot be read is
 * logged and its day read raw; a part that is missing or unreadable stops the load with its key (the
 * day's record and its data disagree; delete the manifest and compact the day again).
 */
public final class CompactedPresenceStore implements CompactedSnapshots {

    private static final Logger LOG = LoggerFactory.getLogger(CompactedPresenceStore.class);

    private final ObjectStore store;

    /** @param store the lake's object store */
    public CompactedPresenceStore(ObjectStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public List<CompactedDay> days(TimeRange keyRange) {
        Objects.requireNonNull(keyRange, "keyRange");
        Optional<LocalDate> first = keyRange.since().map(t -> LocalDate.ofInstant(t, ZoneOffset.UTC));
        // A folder holds key times of its day and of the day before (the original's files).
        Optional<LocalDate> last = keyRange.until().map(t -> LocalDate.ofInstant(t.minusNanos(1), ZoneOffset.UTC)
                .plusDays(1));
        List<LocalDate> days;
        try (Stream<String> keys = store.listKeys(LakeLayout.CURATED_PRESENCE_MANIFESTS)) {
            days = keys.map(LakeLayout::parseCuratedPresenceManifestKey).flatMap(Optional::stream)
                    .filter(d -> first.isEmpty() || !d.isBefore(first.get()))
                    .filter(d -> last.isEmpty() || !d.isAfter(last.get()))
                    .sorted().toList();
        }
        List<CompactedDay> out = new ArrayList<>();
        for (LocalDate day : days) {
            String key = LakeLayout.curatedPresenceManifestKey(day);
            Optional<StoredObject> object = store.get(key);
            if (object.isEmpty()) {
                continue;
            }
            try {
                out.add(new Day(CompactionManifest.parse(object.get().content(), key)));
            } catch (IllegalArgumentException e) {
                LOG.warn("{}; reading day {} from its raw files", e.getMessage(), day);
            }
        }
        return out;
    }

    /** One compacted day. */
    private final class Day implements CompactedDay {
        private final CompactionManifest manifest;

        Day(CompactionManifest manifest) {
            this.manifest = manifest;
        }

        @Override
        public LocalDate day() {
            return manifest.day();
        }

        @Override
        public DayRead read(TimeRange range, TimeRange keyRange, PresencePolicy policy, PresenceTableBuilder builder) {
            SnapshotStems.Builder covered = SnapshotStems.builder();
            List<SkippedInput> skipped = new ArrayList<>();
            for (CompactionManifest.Skip s : manifest.skipped()) {
                Optional<SnapshotKey> candidate = snapshotKey(s.candidate());
                candidate.ifPresent(k -> covered.add(k.stem()));
                if (candidate.isEmpty() || keyRange.contains(candidate.get().time())) {
                    skipped.add(new SkippedInput(s.location(), s.reason()));
                }
            }
            long[] loaded = {0};
            for (CompactionManifest.Part part : manifest.parts()) {
                byte[] content = store.get(part.key()).orElseThrow(() -> new IllegalStateException(part.key()
                        + " is missing, but " + LakeLayout.curatedPresenceManifestKey(manifest.day())
                        + " records it: delete that manifest and compact " + manifest.day() + " again")).content();
                try {
                    PresenceParquetCodec.readRows(content, part.key(), (meta, viewers, evidence, count) -> {
                        SnapshotKey file = file(meta.objectKey(), part.key());
                        covered.add(file.stem());
                        if (keyRange.contains(file.time()) && range.contains(meta.time())) {
                            add(meta, viewers, evidence, count, policy, builder);
                            loaded[0]++;
                        }
                    });
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(e.getMessage() + "; delete "
                            + LakeLayout.curatedPresenceManifestKey(manifest.day()) + " and compact " + manifest.day()
                            + " again", e);
                }
            }
            return new DayRead(loaded[0], skipped, covered.build());
        }
    }

    private static Optional<SnapshotKey> snapshotKey(String key) {
        Optional<SnapshotKey> json = LakeLayout.parseSnapshotKey(key);
        return json.isPresent() ? json : LakeLayout.parseChatterLogKey(key);
    }

    private static SnapshotKey file(String key, String part) {
        return snapshotKey(key).orElseThrow(() -> new IllegalArgumentException(part + ": '" + key
                + "' is not a raw snapshot key"));
    }

    /**
     * One stored snapshot into the builder, as the raw loader adds the file it came from: the logins'
     * bytes are hashed where they lie, as the raw loader hashes them in the JSON.
     */
    private static void add(PresenceParquetCodec.Meta s, Binary[] viewers, int[] evidence, int count,
                            PresencePolicy policy, PresenceTableBuilder builder) {
        builder.begin(s.channel(), s.time().getEpochSecond(), s.viewerCount(), s.game(), s.language(), s.title(),
                s.objectKey());
        boolean strict = policy == PresencePolicy.STRICT;
        int[] offset = new int[1];
        int[] length = new int[1];
        for (int i = 0; i < count; i++) {
            if (!strict || PresenceParquetCodec.strictlyPresent(evidence[i])) {
                java.nio.ByteBuffer bytes = viewers[i].toByteBuffer();
                if (bytes.hasArray()) {
                    offset[0] = bytes.arrayOffset() + bytes.position();
                    length[0] = bytes.remaining();
                    builder.viewers(bytes.array(), offset, length, 1);
                } else {
                    byte[] copy = viewers[i].getBytes();
                    length[0] = copy.length;
                    offset[0] = 0;
                    builder.viewers(copy, offset, length, 1);
                }
            }
        }
        builder.end();
    }

    @Override
    public String toString() {
        return "CompactedPresenceStore[" + store.describe() + "]";
    }
}
