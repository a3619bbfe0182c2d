package io.vieweratlas.lake;

import io.vieweratlas.core.ViewerAtlas;
import io.vieweratlas.core.analysis.aggregate.PresenceIngest;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.PresencePolicy;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.PresenceSource;
import io.vieweratlas.core.port.SnapshotStore;
import io.vieweratlas.synth.SyntheticLake;
import io.vieweratlas.synth.SyntheticLakeSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LakesTest {

    @Test
    void aLakeWrittenToADirectoryIsAnalysedAfterReopening(@TempDir Path dir) {
        Path root = dir.resolve("lake");
        SnapshotStore lake = Lakes.createDirectory(root);
        Instant t = Instant.parse("2026-01-05T10:00:00Z");
        for (String channel : new String[] {"one", "two", "three"}) {
            PresenceSnapshot.Builder b = PresenceSnapshot.builder(channel, t);
            for (int v = 0; v < 6; v++) {
                b.chatter("viewer" + v);
            }
            assertEquals(SnapshotStore.SnapshotWrite.Status.WRITTEN, lake.put(b.build()).status());
        }
        // one three-channel clique: resolution 1 (above it, modularity prefers singletons to a lone clique)
        AnalysisResult r = ViewerAtlas.analysis().source(Lakes.openDirectory(root)).threshold(5).leiden(1.0, 42)
                .run();
        assertEquals(3, r.nodes().size());
        assertEquals(3, r.edges().size());
        assertEquals(1, r.communities().size());
        assertEquals(3, r.dataQuality().filesRead());
    }

    @Test
    void theFacadeReadsALakeThroughTheParallelLoaderWithTheSameResult(@TempDir Path dir) {
        LakeSnapshotStore lake = Lakes.createDirectory(dir);
        SyntheticLake.plan(SyntheticLakeSpec.builder().channels(60).communities(4).viewers(3000)
                .snapshotsPerChannel(2).bots(true).seed(3).build()).forEachSnapshot(lake::put);
        Lakes.createDirectory(dir).objectStore().put("raw/snapshots/2026/01/05/broken_20260105_100000.json",
                "{\"timestamp\": 7}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        // the same lake hidden behind a plain PresenceSource: read snapshot by snapshot
        PresenceSource oneByOne = lake::forEachSnapshot;
        for (PresencePolicy policy : PresencePolicy.values()) {
            TimeRange range = TimeRange.between(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"));
            PresenceIngest.Loaded viaTable = PresenceIngest.read(Lakes.openDirectory(dir), range, policy);
            PresenceIngest.Loaded viaSnapshots = PresenceIngest.read(oneByOne, range, policy);
            assertEquals(viaSnapshots.report(), viaTable.report());
            assertEquals(1, viaTable.report().skipped().size());
            assertEquals(viaSnapshots.table().rows(), viaTable.table().rows());
        }
        AnalysisResult fast = ViewerAtlas.analysis().source(Lakes.openDirectory(dir)).run();
        AnalysisResult slow = ViewerAtlas.analysis().source(oneByOne).run();
        assertEquals(slow, fast);
        assertEquals(60, fast.nodes().size());
    }

    @Test
    void openingAMissingOrRegularFileFailsNamingIt(@TempDir Path dir) throws Exception {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Lakes.openDirectory(dir.resolve("nope")));
        assertTrue(missing.getMessage().contains("nope") && missing.getMessage().contains("does not exist"),
                missing.getMessage());
        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        IllegalArgumentException notDir = assertThrows(IllegalArgumentException.class, () -> Lakes.openDirectory(file));
        assertTrue(notDir.getMessage().contains("not a directory"), notDir.getMessage());
    }

    @Test
    void aLakeOnOnesOwnObjectStoreReadsWhatWasWritten() {
        InMemoryObjectStore objects = new InMemoryObjectStore();
        Instant t = Instant.parse("2026-01-05T10:00:00Z");
        Lakes.on(objects).put(PresenceSnapshot.builder("one", t).chatter("ann").build());
        java.util.List<PresenceSnapshot> read = new java.util.ArrayList<>();
        Lakes.on(objects).forEachSnapshot(io.vieweratlas.core.model.TimeRange.ALL, read::add);
        assertEquals(1, read.size());
        assertEquals("one", read.get(0).channel());
        assertThrows(NullPointerException.class, () -> Lakes.on(null));
    }
}
