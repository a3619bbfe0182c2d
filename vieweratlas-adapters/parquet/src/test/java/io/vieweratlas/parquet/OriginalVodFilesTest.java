package io.vieweratlas.parquet;

import io.vieweratlas.core.model.LoadReport;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.PresenceSourceKind;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.filesystem.FileSystemObjectStore;
import io.vieweratlas.lake.vod.VodQueue;
import io.vieweratlas.lake.vod.VodTask;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.HadoopFreeReadOptions;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

import static io.vieweratlas.parquet.OriginalLakeWriter.chatters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OriginalVodFilesTest {
    private static final Instant START = Instant.parse("2026-11-20T18:00:00Z");

    private static SortedMap<Long, SortedSet<String>> buckets() {
        SortedMap<Long, SortedSet<String>> b = new TreeMap<>();
        b.put(0L, chatters("bob", "carol"));
        b.put(120L, chatters("dave"));
        return b;
    }

    @Test
    void theFixtureHasPyarrowsSchemaForAPandasFrame() throws Exception {
        byte[] file = OriginalLakeWriter.parquet(OriginalLakeWriter.records("alice", "123", START, 60, buckets(),
                OriginalLakeWriter.Placement.OFFSET_ONLY));
        ParquetReadOptions options = HadoopFreeReadOptions.with(SnappyCodecFactory.INSTANCE);
        try (ParquetFileReader r = ParquetFileReader.open(ByteArrayFiles.input(file, "x"), options)) {
            MessageType schema = r.getFooter().getFileMetaData().getSchema();
            String text = schema.toString();
            assertTrue(text.contains("optional group chatters (LIST) {\n    repeated group list {\n"
                    + "      optional binary element (STRING);"), text);
            assertTrue(text.contains("optional int32 bucket_start_ts (UNKNOWN)"), text);
            assertTrue(text.contains("optional int64 offset_s;"), text);
            assertTrue(text.contains("optional binary started_at (STRING)"), text);
            assertTrue(r.getFooter().getFileMetaData().getKeyValueMetaData().get("pandas")
                    .contains("\"pandas_type\": \"list[unicode]\""));
        }
    }

    @Test
    void readsTheOriginalsRowsPlacedByBucketStartOrByStartedAtPlusOffset() {
        for (OriginalLakeWriter.Placement p : List.of(OriginalLakeWriter.Placement.BUCKET_START,
                OriginalLakeWriter.Placement.OFFSET_AND_STARTED_AT)) {
            byte[] file = OriginalLakeWriter.parquet(OriginalLakeWriter.records("alice", "123", START, 60, buckets(), p));
            List<VodBucket> read = VodParquetCodec.decode(file, "k");
            assertEquals(2, read.size(), p.name());
            assertEquals(START, read.get(0).bucketStart(), p.name());
            assertEquals(START.plusSeconds(120), read.get(1).bucketStart(), p.name());
            assertEquals(chatters("bob", "carol"), read.get(0).chatters());
            assertEquals("vod:123", read.get(0).contentId());
            assertEquals("alice", read.get(0).channelLogin());
            assertEquals(PresenceSourceKind.VOD, read.get(0).source());
            assertEquals(60, read.get(0).bucketLenS());
            PresenceSnapshot s = read.get(1).toSnapshot();
            assertEquals(START.plusSeconds(180), s.timestamp()); // a bucket's snapshot is at its end, as ours
            assertEquals(Optional.empty(), s.channelId());
        }
    }

    @Test
    void offsetsWithNullsAreDoublesAndStillWholeSeconds() {
        List<Map<String, Object>> records = new ArrayList<>(OriginalLakeWriter.records("alice", "123", START, 60,
                buckets(), OriginalLakeWriter.Placement.OFFSET_AND_STARTED_AT));
        Map<String, Object> timed = new LinkedHashMap<>(records.get(1));
        timed.put("offset_s", null);
        timed.put("_offset_s", null);
        timed.put("bucket_start_ts", "2026-11-20T19:00:00");
        records.set(1, timed); // one row with a bucket start: pandas makes offset_s float64 with NaN
        List<VodBucket> read = VodParquetCodec.decode(OriginalLakeWriter.parquet(records), "k");
        assertEquals(START, read.get(0).bucketStart());
        assertEquals(Instant.parse("2026-11-20T19:00:00Z"), read.get(1).bucketStart());
    }

    @Test
    void bucketStartsInADatetimeColumnAreReadAsTimes() {
        List<Map<String, Object>> records = new ArrayList<>();
        for (Map<String, Object> r : OriginalLakeWriter.records("alice", "123", START, 60, buckets(),
                OriginalLakeWriter.Placement.BUCKET_START)) {
            Map<String, Object> m = new LinkedHashMap<>(r);
            m.put("bucket_start_ts", Instant.parse(r.get("bucket_start_ts") + "Z")); // pd.to_datetime(...)
            records.add(m);
        }
        List<VodBucket> read = VodParquetCodec.decode(OriginalLakeWriter.parquet(records), "k");
        assertEquals(List.of(START, START.plusSeconds(120)), read.stream().map(VodBucket::bucketStart).toList());
    }

    @Test
    void rowsWithOnlyAnOffsetNeedTheVodStartAndSayWhyWhenItIsUnknown() {
        byte[] file = OriginalLakeWriter.parquet(OriginalLakeWriter.records("alice", "123", START, 60, buckets(),
                OriginalLakeWriter.Placement.OFFSET_ONLY));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VodParquetCodec.decode(file, "the/key.parquet"));
        assertTrue(e.getMessage().startsWith("the/key.parquet: row 0 "), e.getMessage());
        assertTrue(e.getMessage().contains("started_at is not a time") && e.getMessage().contains("VOD 123"),
                e.getMessage());
        List<VodBucket> read = VodParquetCodec.decode(file, "k",
                id -> id.equals("123") ? Optional.of(START) : Optional.empty());
        assertEquals(START.plusSeconds(120), read.get(1).bucketStart());
    }

    @Test
    void aFileOfNeitherSchemaIsRefusedNamingBothAndItsColumns() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("user", "bob");
        r.put("n", 3L);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VodParquetCodec.decode(OriginalLakeWriter.parquet(List.of(r)), "odd.parquet"));
        assertTrue(e.getMessage().startsWith("odd.parquet: neither a ViewerAtlas VOD presence file"), e.getMessage());
        assertTrue(e.getMessage().contains("[n, user]"), e.getMessage());
    }

    @Test
    void theStoreReadsBothLocationsTheJsonTwinOnlyWithoutParquetAndTheQueuesStart(@TempDir Path dir) {
        FileSystemObjectStore store = new FileSystemObjectStore(dir);
        OriginalLakeWriter lake = new OriginalLakeWriter(store);
        lake.vod("alice", "1", START, 60, buckets(), OriginalLakeWriter.Placement.OFFSET_AND_STARTED_AT,
                OriginalLakeWriter.Location.CURATED);
        lake.vod("bob", "2", START, 60, buckets(), OriginalLakeWriter.Placement.BUCKET_START,
                OriginalLakeWriter.Location.LOCAL); // Parquet and its JSON twins: each bucket once
        lake.vod("carol", "3", START, 60, buckets(), OriginalLakeWriter.Placement.OFFSET_AND_STARTED_AT,
                OriginalLakeWriter.Location.LOCAL_JSON_ONLY);
        lake.vod("dave", "4", START, 60, buckets(), OriginalLakeWriter.Placement.OFFSET_ONLY,
                OriginalLakeWriter.Location.LOCAL); // no start anywhere: skipped with its reason
        lake.vod("erin", "5", START, 60, buckets(), OriginalLakeWriter.Placement.OFFSET_ONLY,
                OriginalLakeWriter.Location.CURATED); // its start is in the queue
        new VodQueue(store, Clock.systemUTC(), "test").enqueue(List.of(new VodTask("5", "erin", "55", START)));
        assertTrue(store.get("vod_snapshots/bob/2/snapshot_0001.json").isPresent());

        List<PresenceSnapshot> all = new ArrayList<>();
        LoadReport report = new VodPresenceStore(store).forEachSnapshot(TimeRange.ALL, all::add);
        assertEquals(8, report.loaded(), report.toString());
        assertEquals(List.of("vod_snapshots/dave/4/part-0000.parquet"),
                report.skipped().stream().map(LoadReport.SkippedInput::location).toList());
        Map<String, List<Instant>> times = new TreeMap<>();
        for (PresenceSnapshot s : all) {
            times.computeIfAbsent(s.channel(), c -> new ArrayList<>()).add(s.timestamp());
            assertEquals(PresenceSourceKind.VOD, s.source());
            assertEquals(Duration.ofSeconds(60), s.window());
        }
        List<Instant> expected = List.of(START.plusSeconds(60), START.plusSeconds(180));
        assertEquals(Map.of("alice", expected, "bob", expected, "carol", expected, "erin", expected), times);
    }

    @Test
    void aJsonTwinThatIsNotAVodSnapshotIsSkippedTheRestLoads(@TempDir Path dir) {
        FileSystemObjectStore store = new FileSystemObjectStore(dir);
        new OriginalLakeWriter(store).vod("carol", "3", START, 60, buckets(),
                OriginalLakeWriter.Placement.OFFSET_AND_STARTED_AT, OriginalLakeWriter.Location.LOCAL_JSON_ONLY);
        store.put("vod_snapshots/carol/3/snapshot_0002.json", "{\"hello\": 1}".getBytes());
        store.put("vod_snapshots/carol/3/snapshot_0003.json", "{not json".getBytes());
        List<PresenceSnapshot> all = new ArrayList<>();
        LoadReport report = new VodPresenceStore(store).forEachSnapshot(TimeRange.ALL, all::add);
        assertEquals(2, report.loaded());
        assertEquals(2, report.skipped().size(), report.toString());
        assertTrue(report.skipped().get(0).reason().contains("is not the original's VOD snapshot"), report.toString());
        assertTrue(report.skipped().get(1).reason().contains("not JSON"), report.toString());
    }
}
