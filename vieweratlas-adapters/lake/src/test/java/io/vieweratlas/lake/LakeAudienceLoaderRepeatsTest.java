package io.vieweratlas.lake;

import io.vieweratlas.core.analysis.AnalysisParameters;
import io.vieweratlas.core.analysis.AnalysisWindow;
import io.vieweratlas.core.analysis.aggregate.Aggregator;
import io.vieweratlas.core.analysis.aggregate.PresenceIngest;
import io.vieweratlas.core.analysis.aggregate.Repeats;
import io.vieweratlas.core.analysis.pipeline.AudienceAnalysis;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.filesystem.FileSystemObjectStore;
import io.vieweratlas.synth.SyntheticLake;
import io.vieweratlas.synth.SyntheticLakeSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loading hourly lakes without repeated presence: memberships, not entries, and the same results. */
class LakeAudienceLoaderRepeatsTest {

    @TempDir
    Path dir;

    private static AnalysisResult analyse(PresenceIngest.Loaded loaded) {
        return AudienceAnalysis.run(loaded.table(), loaded.report(), AnalysisWindow.ALL,
                AnalysisParameters.defaults()).result();
    }

    @Test
    void hourlySnapshotsCostMembershipsAndGiveTheSameResults() throws Exception {
        FileSystemObjectStore store = new FileSystemObjectStore(dir);
        SyntheticLake synth = SyntheticLake.plan(SyntheticLakeSpec.builder().channels(40).communities(4)
                .viewers(4000).snapshotsPerChannel(30).bots(true).seed(5).build());
        synth.forEachSnapshot(LakeSnapshotStore.on(store)::put);

        PresenceIngest.Loaded keep = LakeAudienceLoader.builder(store).threads(2).build().load(TimeRange.ALL);
        long entries = keep.table().members().length;
        long memberships = Aggregator.aggregate(keep.table(), TimeRange.ALL).audiences().memberships();
        AnalysisResult expected = analyse(keep);
        for (int threads : List.of(1, 2, 3)) {
            PresenceIngest.Loaded drop = LakeAudienceLoader.builder(store).threads(threads).repeats(Repeats.DROP)
                    .build().load(TimeRange.ALL);
            // each channel is read by one thread, so every membership is held exactly once
            assertEquals(memberships, drop.table().members().length, threads + " threads");
            assertEquals(keep.table().rows(), drop.table().rows());
            assertEquals(keep.report(), drop.report());
            assertTrue(drop.table().repeatsDropped());
            assertEquals(expected, analyse(drop), threads + " threads");
        }
        assertTrue(entries > 5 * memberships, entries + " entries, " + memberships + " memberships");

        // the loader's own listing gives the footprint: sizes from the listing of a store without
        // local files (as S3), sampled on one with them
        long bytes;
        try (var files = java.nio.file.Files.walk(dir.resolve("raw"))) {
            bytes = files.filter(java.nio.file.Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        List<SnapshotFootprint> seen = new java.util.ArrayList<>();
        LakeAudienceLoader.builder(new CountingObjectStore(store)).footprint(seen::add).build().load(TimeRange.ALL);
        SnapshotFootprint listed = seen.get(seen.size() - 1);
        assertEquals(new SnapshotFootprint(1200, bytes, 40, listed.channelDays(), true), listed);
        assertEquals(listed, SnapshotFootprint.of(new CountingObjectStore(store), TimeRange.ALL));
        assertEquals(1200, SnapshotFootprint.of(store, TimeRange.ALL).objects());
        // an observer that refuses stops the load early
        CountingObjectStore counting = new CountingObjectStore(store);
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> LakeAudienceLoader
                .builder(counting).footprint(f -> {
                    if (f.objects() >= 1000) {
                        throw new IllegalStateException("too big: " + f.objects());
                    }
                }).build().load(TimeRange.ALL));
        assertEquals("too big: 1000", refused.getMessage());
        assertTrue(counting.reads.size() < 1200, counting.reads.size() + " of 1200 files read");
    }

    @Test
    void aWindowTooBigIsRefusedBeforeItsCompactedDaysAreRead() {
        FileSystemObjectStore store = new FileSystemObjectStore(dir);
        put(store, "raw/snapshots/2026/01/05/alpha_20260105_100000.json", "2026-01-05T10:00:00", "ann", "bob");
        put(store, "raw/snapshots/2026/01/05/alpha_20260105_110000.json", "2026-01-05T11:00:00", "ann");
        java.util.concurrent.atomic.AtomicInteger compactedReads = new java.util.concurrent.atomic.AtomicInteger();
        CompactedSnapshots.CompactedDay day = new CompactedSnapshots.CompactedDay() {
            @Override
            public java.time.LocalDate day() {
                return java.time.LocalDate.of(2026, 1, 5);
            }

            @Override
            public CompactedSnapshots.DayRead read(TimeRange range, TimeRange keyRange,
                                                   io.vieweratlas.core.model.PresencePolicy policy,
                                                   io.vieweratlas.core.analysis.aggregate.PresenceTableBuilder b) {
                compactedReads.incrementAndGet();
                throw new AssertionError("a compacted day was read before the footprint was checked");
            }
        };
        CompactedSnapshots compacted = keyRange -> List.of(day);

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> LakeAudienceLoader
                .builder(store).compacted(compacted).footprint(f -> {
                    if (f.complete() && f.objects() >= 2) {
                        throw new IllegalStateException("too big: " + f.objects());
                    }
                }).build().load(TimeRange.ALL));

        assertEquals("too big: 2", refused.getMessage());
        assertEquals(0, compactedReads.get());
    }

    private void put(FileSystemObjectStore store, String key, String time, String... chatters) {
        StringBuilder json = new StringBuilder("{\"channel\": \"alpha\", \"timestamp\": \"" + time
                + "\", \"viewer_count\": 5, \"game_name\": \"Chess\", \"language\": \"en\", \"title\": \"t\","
                + " \"chatters\": [");
        for (int i = 0; i < chatters.length; i++) {
            json.append(i == 0 ? "" : ", ").append('"').append(chatters[i]).append('"');
        }
        store.put(key, json.append("]}").toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aLakeWithDuplicateSnapshotsIsReadAgainWithEveryEntry() {
        FileSystemObjectStore store = new FileSystemObjectStore(dir);
        // two snapshots of alpha at 10:00: the first by key counts, the second is a duplicate. Read in
        // key order dropping repeats, y would be held only in the duplicate and dropped at 11:00.
        put(store, "raw/snapshots/2026/01/05/alpha_20260105_100000.json", "2026-01-05T10:00:00", "x");
        put(store, "raw/snapshots/2026/01/05/alpha_20260105_100030.json", "2026-01-05T10:00:00", "x", "y");
        put(store, "raw/snapshots/2026/01/05/alpha_20260105_110000.json", "2026-01-05T11:00:00", "y", "z");
        PresenceIngest.Loaded keep = LakeAudienceLoader.builder(store).build().load(TimeRange.ALL);
        PresenceIngest.Loaded drop = LakeAudienceLoader.builder(store).repeats(Repeats.DROP).build()
                .load(TimeRange.ALL);
        Aggregator.Aggregation expected = Aggregator.aggregate(keep.table(), TimeRange.ALL);
        Aggregator.Aggregation got = Aggregator.aggregate(drop.table(), TimeRange.ALL);
        assertEquals(3, expected.audiences().memberships());
        assertEquals(expected.audiences().memberships(), got.audiences().memberships());
        assertEquals(expected.duplicateSnapshots(), got.duplicateSnapshots());
        assertEquals(List.of("raw/snapshots/2026/01/05/alpha_20260105_100030.json"), got.duplicateSnapshots());
        assertFalse(drop.table().repeatsDropped(), "read again keeping every entry");
        assertEquals(keep.report(), drop.report());
    }
}
