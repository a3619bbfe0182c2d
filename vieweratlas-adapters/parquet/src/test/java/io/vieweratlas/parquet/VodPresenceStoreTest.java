package io.vieweratlas.parquet;

import io.vieweratlas.core.model.LoadReport;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.PresenceSourceKind;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.filesystem.FileSystemObjectStore;
import io.vieweratlas.lake.LakeLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VodPresenceStoreTest {
    private static final Instant START = Instant.parse("2026-11-20T18:00:00Z");

    @Test
    void bucketsChatByOffsetSkippingSilentBuckets() {
        VodBucketer bucketer = new VodBucketer(PresenceSourceKind.VOD, "alice", "42", "123", START, 60);
        List<VodBucket> buckets = bucketer.bucket(List.of(new ChatLine(0, "bob"), new ChatLine(59.99, "carol"),
                new ChatLine(60, "bob"), new ChatLine(61, "bob"), new ChatLine(185.5, "dave")));
        assertEquals(List.of(0L, 60L, 180L), buckets.stream().map(VodBucket::offsetS).toList());
        assertEquals(Set.of("bob", "carol"), buckets.get(0).chatters());
        assertEquals(Set.of("bob"), buckets.get(1).chatters());
        assertEquals(START.plusSeconds(180), buckets.get(2).bucketStart());
        assertEquals("vod:123", buckets.get(2).contentId());
        assertThrows(IllegalArgumentException.class,
                () -> new VodBucketer(PresenceSourceKind.VOD, "alice", "42", "123", START, 0));
    }

    @Test
    void writesAtTheCuratedKeyAndServesSnapshotsInTheRangeReportingBadFiles(@TempDir Path dir) {
        FileSystemObjectStore store = new FileSystemObjectStore(dir);
        VodPresenceStore vods = new VodPresenceStore(store);
        VodBucketer a = new VodBucketer(PresenceSourceKind.VOD, "alice", "42", "123", START, 60);
        VodBucketer b = new VodBucketer(PresenceSourceKind.IMPORT, "bob", "43", "456", START.plusSeconds(3600), 60);
        String keyA = vods.write(a.bucket(List.of(new ChatLine(5, "x"), new ChatLine(65, "y"))));
        vods.write(b.bucket(List.of(new ChatLine(5, "z"))));
        assertEquals(LakeLayout.curatedVodKey("alice", "123"), keyA);
        assertEquals("curated/presence_snapshots/source=vod/channel=alice/vod=123/part-0000.parquet", keyA);
        store.put("curated/presence_snapshots/source=vod/channel=carol/vod=9/part-0000.parquet", "junk".getBytes());

        List<PresenceSnapshot> all = new ArrayList<>();
        LoadReport report = vods.forEachSnapshot(TimeRange.ALL, all::add);
        assertEquals(3, report.loaded());
        assertEquals(1, report.skipped().size());
        assertTrue(report.skipped().get(0).location().contains("channel=carol"), report.toString());
        assertEquals(List.of("alice", "alice", "bob"), all.stream().map(PresenceSnapshot::channel).toList());
        assertEquals(PresenceSourceKind.IMPORT, all.get(2).source());
        assertEquals(Optional.of("vod:456"), all.get(2).contentId());

        List<PresenceSnapshot> some = new ArrayList<>();
        vods.forEachSnapshot(TimeRange.between(START.plusSeconds(100), START.plusSeconds(3600 + 100)), some::add);
        assertEquals(2, some.size(), "bucket ends at 120 s and 3660 s are in the range, 60 s is not");
        assertEquals(2, vods.read("alice", "123").orElseThrow().size());
        assertEquals(Optional.empty(), vods.read("alice", "999"));
    }
}
