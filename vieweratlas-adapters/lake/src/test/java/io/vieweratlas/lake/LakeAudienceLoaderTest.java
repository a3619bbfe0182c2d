package io.vieweratlas.lake;

import io.vieweratlas.core.ViewerAtlas;
import io.vieweratlas.core.analysis.AnalysisParameters;
import io.vieweratlas.core.analysis.AnalysisWindow;
import io.vieweratlas.core.analysis.aggregate.PresenceIngest;
import io.vieweratlas.core.analysis.pipeline.AudienceAnalysis;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.Evidence;
import io.vieweratlas.core.model.LoadReport;
import io.vieweratlas.core.model.PresencePolicy;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.StreamMetadata;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.PresenceSource;
import io.vieweratlas.core.port.StoreException;
import io.vieweratlas.filesystem.FileSystemObjectStore;
import io.vieweratlas.synth.SyntheticLake;
import io.vieweratlas.synth.SyntheticLakeSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LakeAudienceLoaderTest {

    @TempDir
    Path dir;

    private LakeSnapshotStore lakeWithSynth(FileSystemObjectStore store) {
        LakeSnapshotStore lake = LakeSnapshotStore.on(store);
        SyntheticLake synth = SyntheticLake.plan(SyntheticLakeSpec.builder().channels(60).communities(4)
                .viewers(3000).snapshotsPerChannel(2).bots(true).seed(3).build());
        synth.forEachSnapshot(lake::put);
        return lake;
    }

    /**
     * The lake as a plain {@link PresenceSource}, read snapshot by snapshot: a {@link LakeSnapshotStore}
     * itself would be read by the loader under test.
     */
    private static PresenceSource oneByOne(LakeSnapshotStore lake) {
        return lake::forEachSnapshot;
    }

    private static AnalysisResult fast(LakeAudienceLoader loader, AnalysisWindow window, AnalysisParameters p) {
        PresenceIngest.Loaded loaded = loader.load(TimeRange.ALL);
        return AudienceAnalysis.run(loaded.table(), loaded.report(), window, p).result();
    }

    @Test
    void fastPathGivesTheSameResultAsTheSnapshotStore() {
        FileSystemObjectStore store = new FileSystemObjectStore(dir);
        LakeSnapshotStore lake = lakeWithSynth(store);
        AnalysisParameters p = AnalysisParameters.defaults();
        AnalysisResult friendly = ViewerAtlas.analysis().source(oneByOne(lake)).parameters(p).run();
        // a store without local files: the loader reads through the store instead of the files
        CountingObjectStore counting = new CountingObjectStore(store);
        AnalysisResult viaStore = fast(LakeAudienceLoader.builder(counting).build(), AnalysisWindow.ALL, p);
        assertEquals(120, counting.reads.size());
        AnalysisResult viaFiles = fast(LakeAudienceLoader.builder(store).threads(2).build(), AnalysisWindow.ALL, p);
        // a store that offers local files is read from them, not through get
        CountingObjectStore withFiles = new CountingObjectStore(store);
        withFiles.localFiles = true;
        AnalysisResult viaLocalPaths = fast(LakeAudienceLoader.builder(withFiles).build(), AnalysisWindow.ALL, p);
        assertEquals(List.of(), withFiles.reads);
        AnalysisResult oneThread = fast(LakeAudienceLoader.builder(store).threads(1).build(), AnalysisWindow.ALL, p);
        assertTrue(friendly.nodes().size() == 60 && !friendly.edges().isEmpty());
        assertEquals(friendly, viaStore);
        assertEquals(friendly, viaFiles);
        assertEquals(friendly, viaLocalPaths);
        assertEquals(friendly, oneThread);
    }

    @Test
    void aFailingStoreFailsTheLoadInsteadOfHangingIt() {
        FileSystemObjectStore disk = new FileSystemObjectStore(dir);
        lakeWithSynth(disk);
        CountingObjectStore store = new CountingObjectStore(disk);
        String victim;
        try (var keys = disk.listKeys(LakeLayout.SNAPSHOTS)) {
            List<String> all = keys.toList();
            victim = all.get(all.size() / 2);
        }
        store.failingRead = victim;
        for (int threads : new int[] {1, 2, 3}) {
            StoreException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
                    StoreException.class, () -> LakeAudienceLoader.builder(store).threads(threads).build()
                            .load(TimeRange.ALL)));
            assertTrue(e.getMessage().contains(victim), e.getMessage());
        }
        store.failingRead = null;
        store.failingListing = true;
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(StoreException.class,
                () -> LakeAudienceLoader.builder(store).threads(2).build().load(TimeRange.ALL)));
    }

    @Test
    void malformedFilesAreSkippedWithKeyAndReasonAndTheRestLoads() {
        FileSystemObjectStore store = new FileSystemObjectStore(dir);
        LakeSnapshotStore lake = LakeSnapshotStore.on(store);
        Instant t = Instant.parse("2026-01-05T10:00:00Z");
        lake.put(PresenceSnapshot.builder("good", t).chatters(List.of("a", "b")).build());
        store.put("raw/snapshots/2026/01/05/truncated_20260105_100000.json",
                "{\"channel\": \"truncated\", \"chatters\": [\"a\"".getBytes(StandardCharsets.UTF_8));
        store.put("raw/snapshots/2026/01/05/wrongtype_20260105_100000.json",
                "{\"timestamp\": \"2026-01-05T10:00:00\", \"chatters\": \"a\"}".getBytes(StandardCharsets.UTF_8));
        store.put("raw/snapshots/2026/01/05/empty_20260105_100000.json", new byte[0]);
        store.put("raw/snapshots/2026/01/05/other_20260105_100000.json",
                "{\"channel\": \"someoneelse\", \"timestamp\": \"2026-01-05T10:00:00\", \"chatters\": []}"
                        .getBytes(StandardCharsets.UTF_8));
        store.put("raw/snapshots/2026/01/05/notes.txt", "hello".getBytes(StandardCharsets.UTF_8));
        // original-format file: no channel field, upper-case and padded logins the codec normalises
        store.put("raw/snapshots/2026/01/05/upper_20260105_100000.json",
                ("{\"timestamp\": \"2026-01-05T10:00:00\", \"viewer_count\": \"Unavailable\", \"game_name\": \"Chess\","
                        + " \"chatters\": [\"A\", \" b \", \"\"]}").getBytes(StandardCharsets.UTF_8));
        LoadReport expected = lake.forEachSnapshot(TimeRange.ALL, s -> { });
        PresenceIngest.Loaded loaded = LakeAudienceLoader.builder(store).build().load(TimeRange.ALL);
        assertEquals(expected, loaded.report());
        assertEquals(2, loaded.report().loaded());
        assertEquals(5, loaded.report().skipped().size());
        assertTrue(loaded.report().skipped().stream().anyMatch(s -> s.location().endsWith("truncated_20260105_100000.json")
                && s.reason().contains("truncated")), loaded.report().toString());
        assertEquals(2, loaded.table().rows());
        AnalysisParameters p = AnalysisParameters.builder().overlapThreshold(1).build();
        AnalysisResult viaStore = ViewerAtlas.analysis().source(oneByOne(lake)).parameters(p).run();
        AnalysisResult viaFast = AudienceAnalysis.run(loaded.table(), loaded.report(), AnalysisWindow.ALL, p).result();
        assertEquals(viaStore, viaFast);
        assertEquals(5, viaFast.dataQuality().skipped().size());
        assertEquals(1, viaFast.edges().size()); // good and upper share a and b
        assertEquals(2, viaFast.edges().get(0).shared());
    }

    @Test
    void evidenceFollowsThePresencePolicyOnBothPaths() {
        FileSystemObjectStore store = new FileSystemObjectStore(dir);
        LakeSnapshotStore lake = LakeSnapshotStore.on(store);
        Instant t = Instant.parse("2026-01-05T10:00:00Z");
        for (String ch : List.of("one", "two")) {
            lake.put(PresenceSnapshot.builder(ch, t).stream(new StreamMetadata(5, "G", "en", "x", Optional.empty()))
                    .evidence("talker", Evidence.MESSAGE).evidence("lurker", Evidence.JOIN)
                    .evidence("both", java.util.EnumSet.of(Evidence.JOIN, Evidence.MESSAGE)).chatter("plain").build());
        }
        for (PresencePolicy policy : PresencePolicy.values()) {
            AnalysisParameters p = AnalysisParameters.builder().overlapThreshold(1).presence(policy).build();
            AnalysisResult viaStore = ViewerAtlas.analysis().source(oneByOne(lake)).parameters(p).run();
            PresenceIngest.Loaded loaded = LakeAudienceLoader.builder(store).policy(policy).build().load(TimeRange.ALL);
            AnalysisResult viaFast = AudienceAnalysis.run(loaded.table(), loaded.report(), AnalysisWindow.ALL, p).result();
            assertEquals(viaStore, viaFast, policy.name());
            assertEquals(policy == PresencePolicy.STRICT ? 3 : 4, viaFast.edges().get(0).shared(), policy.name());
        }
    }

    @Test
    void byteScanOfTheChattersArrayAgreesWithTheCodecOnIrregularFiles() {
        FileSystemObjectStore store = new FileSystemObjectStore(dir);
        LakeSnapshotStore lake = LakeSnapshotStore.on(store);
        String day = "raw/snapshots/2026/01/05/";
        String ts = "\"timestamp\": \"2026-01-05T10:00:00\"";
        java.util.Map<String, String> files = new java.util.LinkedHashMap<>();
        // regular layouts, compact and with CRLF, blank logins dropped
        files.put("plain", "{" + ts + ", \"chatters\": [\"a\", \"b\", \"\", \"shared\"]}");
        files.put("crlf", "{\r\n  " + ts + ",\r\n  \"chatters\" :\t[\r\n \"a\" ,\"shared\"\r\n ]\r\n}");
        files.put("empty", "{" + ts + ", \"chatters\": [ ]}");
        // a nested "chatters" before the real one: the scan finds the wrong array and must not be believed
        files.put("nested", "{\"meta\": {\"chatters\": [\"ghost\"]}, " + ts + ", \"chatters\": [\"a\", \"shared\"]}");
        // the pattern inside a string value
        files.put("instring", "{\"title\": \"\\\"chatters\\\": [\\\"ghost\\\"]\", " + ts
                + ", \"chatters\": [\"b\", \"shared\"]}");
        // logins the codec normalises: escapes, upper case, non-ASCII, padding
        files.put("escaped", "{" + ts + ", \"chatters\": [\"\\u0073hared\", \"c\"]}");
        files.put("upper", "{" + ts + ", \"chatters\": [\"SHARED\", \" d \"]}");
        files.put("unicode", "{" + ts + ", \"chatters\": [\"sh\u00e4red\", \"shared\"]}");
        // malformed: unterminated array, a number, a duplicate field
        files.put("broken", "{" + ts + ", \"chatters\": [\"a\", \"b\"");
        files.put("number", "{" + ts + ", \"chatters\": [\"a\", 7]}");
        files.put("twice", "{" + ts + ", \"chatters\": [\"a\"], \"chatters\": [\"b\"]}");
        files.forEach((name, body) -> store.put(day + name + "_20260105_100000.json", body.getBytes(StandardCharsets.UTF_8)));
        LoadReport expected = lake.forEachSnapshot(TimeRange.ALL, s -> { });
        for (int threads : new int[] {1, 2}) {
            PresenceIngest.Loaded loaded = LakeAudienceLoader.builder(store).threads(threads).build()
                    .load(TimeRange.ALL);
            assertEquals(expected, loaded.report());
            assertEquals(8, loaded.report().loaded());
            AnalysisParameters p = AnalysisParameters.builder().overlapThreshold(1).build();
            AnalysisResult viaStore = ViewerAtlas.analysis().source(oneByOne(lake)).parameters(p).run();
            AnalysisResult viaFast = AudienceAnalysis.run(loaded.table(), loaded.report(), AnalysisWindow.ALL, p).result();
            assertEquals(viaStore, viaFast);
            assertEquals(-1, loaded.table().viewers().find("ghost"));
            assertTrue(loaded.table().viewers().find("a") >= 0);
        }
    }
}
