package io.vieweratlas.lake;

import io.vieweratlas.core.model.Evidence;
import io.vieweratlas.core.model.LoadReport.SkippedInput;
import io.vieweratlas.core.model.LoadReport;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.PresenceSourceKind;
import io.vieweratlas.core.model.StreamMetadata;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.port.SnapshotStore.SnapshotWrite;
import io.vieweratlas.filesystem.FileSystemObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import static io.vieweratlas.lake.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LakeSnapshotStoreTest {

    private static final Instant T0 = Instant.parse("2024-01-05T10:00:00Z");

    private static ObjectStore originalLake() {
        ObjectStore store = new InMemoryObjectStore();
        for (String key : Fixtures.ORIGINAL_KEYS) {
            store.put(key, Fixtures.bytes("original/" + key));
        }
        return store;
    }

    private static PresenceSnapshot snapshot(String channel, Instant t, String... chatters) {
        return PresenceSnapshot.builder(channel, t).chatters(List.of(chatters))
                .stream(new StreamMetadata(100, "Chess", "en", "title", Optional.of(t.minusSeconds(3600))))
                .build();
    }

    private static List<PresenceSnapshot> readAll(LakeSnapshotStore lake, TimeRange range, LoadReport[] report) {
        List<PresenceSnapshot> out = new ArrayList<>();
        report[0] = lake.forEachSnapshot(range, out::add);
        return out;
    }

    @Test
    void loadsTheOriginalsLakeReadingCsvOnlyWithoutJsonTwin() {
        CountingObjectStore store = new CountingObjectStore(originalLake());
        LoadReport[] report = new LoadReport[1];
        List<PresenceSnapshot> got = readAll(LakeSnapshotStore.on(store), TimeRange.ALL, report);

        assertEquals(List.of("lonely", "quiet_one", "shroud", "xqc"), got.stream().map(PresenceSnapshot::channel).sorted().toList());
        assertEquals(4, report[0].loaded());
        assertEquals(List.of(new SkippedInput("raw/chatter_logs/2024/01/15/lonely_20240115_143025.csv:3",
                "expected 7 fields as in the header, found 4")), report[0].skipped());
        assertEquals(new TreeSet<>(List.of(
                "raw/chatter_logs/2024/01/15/lonely_20240115_143025.csv",
                "raw/snapshots/2024/01/15/quiet_one_20240115_143020.json",
                "raw/snapshots/2024/01/15/shroud_20240115_143017.json",
                "raw/snapshots/2024/01/15/xqc_20240115_143002.json")), new TreeSet<>(store.reads),
                "CSV twins of existing JSON are not read");
        PresenceSnapshot xqc = got.stream().filter(s -> s.channel().equals("xqc")).findFirst().orElseThrow();
        assertEquals(Instant.parse("2024-01-15T14:30:00Z"), xqc.timestamp());
        assertEquals(Set.of("alice", "bob", "carol_99", "dave"), xqc.chatters());
    }

    @Test
    void malformedFilesAreReportedWithKeyAndReasonAndTheRestLoads() {
        ObjectStore store = originalLake();
        String day = "raw/snapshots/2024/01/15/";
        store.put(day + "bad_json_20240115_100000.json", utf8("{not json"));
        store.put(day + "truncated_20240115_100001.json", utf8("{\n  \"timestamp\": \"2024-01-15T10:00:01\",\n  \"chatters\": [\n    \"a\","));
        store.put(day + "empty_20240115_100002.json", new byte[0]);
        store.put(day + "wrong_type_20240115_100003.json", utf8("{\"timestamp\": \"2024-01-15T10:00:03\", \"chatters\": \"x\"}"));
        store.put(day + "no_time_20240115_100004.json", utf8("{\"chatters\": []}"));
        store.put(day + "blank_channel_20240115_100005.json", utf8("{\"channel\": \"\", \"timestamp\": \"2024-01-15T10:00:05\", \"chatters\": []}"));
        store.put(day + "README.txt", utf8("notes"));
        LoadReport[] report = new LoadReport[1];
        List<PresenceSnapshot> got = readAll(LakeSnapshotStore.on(store), TimeRange.ALL, report);

        assertEquals(4, got.size());
        assertEquals(4, report[0].loaded());
        List<String> locations = report[0].skipped().stream().map(SkippedInput::location).toList();
        assertEquals(List.of(
                "raw/chatter_logs/2024/01/15/lonely_20240115_143025.csv:3",
                day + "README.txt",
                day + "bad_json_20240115_100000.json",
                day + "blank_channel_20240115_100005.json",
                day + "empty_20240115_100002.json",
                day + "no_time_20240115_100004.json",
                day + "truncated_20240115_100001.json",
                day + "wrong_type_20240115_100003.json"), locations);
        assertEquals(8, report[0].skipped().size());
        assertTrue(reason(report[0], day + "bad_json_20240115_100000.json").startsWith("bad JSON at line 1, column 2"));
        assertTrue(reason(report[0], day + "truncated_20240115_100001.json").startsWith("truncated JSON"));
        assertEquals("empty file (0 bytes)", reason(report[0], day + "empty_20240115_100002.json"));
        assertTrue(reason(report[0], day + "wrong_type_20240115_100003.json").startsWith("chatters must be an array"));
        assertEquals("missing timestamp", reason(report[0], day + "no_time_20240115_100004.json"));
        assertEquals("channel is blank", reason(report[0], day + "blank_channel_20240115_100005.json"));
        assertTrue(reason(report[0], day + "README.txt").startsWith("not a snapshot key"));
    }

    @Test
    void skippedFilesAreLoggedAtWarnWithKeyAndReason() {
        ObjectStore store = new InMemoryObjectStore();
        store.put("raw/snapshots/2024/01/15/bad_20240115_100000.json", new byte[0]);
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(LakeSnapshotStore.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.read.ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            LakeSnapshotStore.on(store).forEachSnapshot(TimeRange.ALL, s -> { });
        } finally {
            logger.detachAppender(appender);
        }
        assertEquals(1, appender.list.size());
        assertEquals(ch.qos.logback.classic.Level.WARN, appender.list.get(0).getLevel());
        assertEquals("Skipped raw/snapshots/2024/01/15/bad_20240115_100000.json: empty file (0 bytes)",
                appender.list.get(0).getFormattedMessage());
    }

    private static String reason(LoadReport report, String location) {
        return report.skipped().stream().filter(s -> s.location().equals(location)).findFirst().orElseThrow().reason();
    }

    @Test
    void anUnusableJsonFallsBackToItsCsvTwin() {
        ObjectStore store = originalLake();
        String json = "raw/snapshots/2024/01/15/xqc_20240115_143002.json";
        store.put(json, utf8("{\"timestamp\": \"2024-01-15T14:30:00\", \"chat"));
        LoadReport[] report = new LoadReport[1];
        List<PresenceSnapshot> got = readAll(LakeSnapshotStore.on(store), TimeRange.ALL, report);
        assertEquals(4, got.size());
        PresenceSnapshot xqc = got.stream().filter(s -> s.channel().equals("xqc")).findFirst().orElseThrow();
        assertEquals(Set.of("alice", "bob", "carol_99", "dave"), xqc.chatters());
        assertTrue(reason(report[0], json).endsWith("read its CSV twin raw/chatter_logs/2024/01/15/xqc_20240115_143002.csv instead"),
                reason(report[0], json));
    }

    @Test
    void putIsIdempotentAndNeverOverwrites() {
        InMemoryObjectStore store = new InMemoryObjectStore();
        LakeSnapshotStore lake = LakeSnapshotStore.on(store);
        PresenceSnapshot s = snapshot("xqc", T0, "b", "a");
        String key = "raw/snapshots/2024/01/05/xqc_20240105_100000.json";

        assertEquals(new SnapshotWrite(key, SnapshotWrite.Status.WRITTEN), lake.put(s));
        byte[] stored = store.get(key).orElseThrow().content();
        assertEquals(new SnapshotWrite(key, SnapshotWrite.Status.UNCHANGED), lake.put(snapshot("xqc", T0, "a", "b")));
        assertEquals(new SnapshotWrite(key, SnapshotWrite.Status.CONFLICT), lake.put(snapshot("xqc", T0, "a", "b", "c")));
        assertArrayEquals(stored, store.get(key).orElseThrow().content(), "a conflicting put changes nothing");
    }

    @Test
    void aSemanticallyEqualFileInAnotherLayoutCountsAsUnchanged() {
        InMemoryObjectStore store = new InMemoryObjectStore();
        PresenceSnapshot s = snapshot("xqc", T0, "a");
        String key = LakeLayout.snapshotKey("xqc", T0);
        store.put(key, utf8("{\"timestamp\":\"2024-01-05T10:00:00Z\",\"viewer_count\":100,\"game_name\":\"Chess\","
                + "\"language\":\"en\",\"title\":\"title\",\"started_at\":\"2024-01-05T09:00:00Z\",\"chatters\":[\"A\"]}"));
        assertEquals(SnapshotWrite.Status.UNCHANGED, LakeSnapshotStore.on(store).put(s).status());
    }

    @Test
    void roundTripsEverySnapshotAndRewritesIdenticalBytes() {
        InMemoryObjectStore store = new InMemoryObjectStore();
        LakeSnapshotStore lake = LakeSnapshotStore.on(store);
        List<PresenceSnapshot> written = List.of(
                snapshot("aaa", T0, "x", "y"),
                PresenceSnapshot.builder("bbb", T0.plusMillis(1500)).source(PresenceSourceKind.IRC)
                        .window(Duration.ofMinutes(5)).evidence("m", Evidence.MESSAGE).evidence("j", Evidence.JOIN).build(),
                PresenceSnapshot.builder("ccc", T0.plus(Duration.ofDays(3))).source(PresenceSourceKind.VOD)
                        .contentId("vod:1").channelId("42").chatter("z").build());
        written.forEach(lake::put);
        List<byte[]> before = written.stream().map(s -> store.get(LakeLayout.snapshotKey(s.channel(), s.timestamp()))
                .orElseThrow().content()).toList();

        LoadReport[] report = new LoadReport[1];
        List<PresenceSnapshot> read = readAll(lake, TimeRange.ALL, report);
        assertEquals(written, read);
        assertEquals(List.of(), report[0].skipped());
        read.forEach(s -> assertEquals(SnapshotWrite.Status.UNCHANGED, lake.put(s).status()));
        for (int i = 0; i < written.size(); i++) {
            assertArrayEquals(before.get(i), new SnapshotJsonCodec().encode(read.get(i)));
        }
    }

    @Test
    void aTimeRangeReadsOnlyTheFilesInIt() {
        InMemoryObjectStore memory = new InMemoryObjectStore();
        LakeSnapshotStore writer = LakeSnapshotStore.on(memory);
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        for (int hour = 0; hour < 24 * 10; hour++) {
            writer.put(snapshot("chan", start.plus(Duration.ofHours(hour)), "v" + hour));
        }
        CountingObjectStore counting = new CountingObjectStore(memory);
        LakeSnapshotStore lake = LakeSnapshotStore.builder(counting).keyTimeSlack(Duration.ZERO).build();
        TimeRange range = TimeRange.between(Instant.parse("2024-01-05T10:00:00Z"), Instant.parse("2024-01-05T13:00:00Z"));

        LoadReport[] report = new LoadReport[1];
        List<PresenceSnapshot> got = readAll(lake, range, report);

        assertEquals(List.of("v106", "v107", "v108"), got.stream().map(s -> s.chatters().first()).toList());
        assertEquals(List.of(
                "raw/snapshots/2024/01/05/chan_20240105_100000.json",
                "raw/snapshots/2024/01/05/chan_20240105_110000.json",
                "raw/snapshots/2024/01/05/chan_20240105_120000.json"), counting.reads.stream().sorted().toList(),
                "only in-range files are read (by parallel readers, so in any order)");
        assertEquals(List.of("raw/snapshots/2024/01/05/", "raw/chatter_logs/2024/01/05/",
                "raw/snapshots/2024/01/06/", "raw/chatter_logs/2024/01/06/"), counting.listings,
                "only the range's day folders (and the day after) are listed");

        // With the default slack, files named up to an hour after the range are read, but not delivered.
        counting.reads.clear();
        List<PresenceSnapshot> again = new ArrayList<>();
        LakeSnapshotStore.on(counting).forEachSnapshot(range, again::add);
        assertEquals(got, again);
        assertEquals(4, counting.reads.size());
    }

    @Test
    void theSlackFindsOriginalFilesNamedAfterTheirTimestamp() {
        ObjectStore store = originalLake();
        // xqc's timestamp is 14:30:00 but its file is named 14:30:02
        TimeRange range = TimeRange.between(Instant.parse("2024-01-15T14:00:00Z"), Instant.parse("2024-01-15T14:30:01Z"));
        List<String> found = new ArrayList<>();
        LakeSnapshotStore.on(store).forEachSnapshot(range, s -> found.add(s.channel()));
        assertTrue(found.contains("xqc"), found.toString());
        List<String> strict = new ArrayList<>();
        LakeSnapshotStore.builder(store).keyTimeSlack(Duration.ZERO).build().forEachSnapshot(range, s -> strict.add(s.channel()));
        assertEquals(List.of(), strict);
    }

    @Test
    void worksOnTheFileSystemAndDeliversOneAtATimeInKeyOrder(@TempDir Path dir) throws Exception {
        FileSystemObjectStore fs = new FileSystemObjectStore(dir);
        LakeSnapshotStore lake = LakeSnapshotStore.builder(fs).readThreads(4).build();
        List<PresenceSnapshot> written = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            PresenceSnapshot s = snapshot("ch" + (i % 7), T0.plus(Duration.ofMinutes(17L * i)), "u" + i, "u" + (i + 1));
            assertEquals(SnapshotWrite.Status.WRITTEN, lake.put(s).status());
            written.add(s);
        }
        assertTrue(Files.isRegularFile(dir.resolve(LakeLayout.snapshotKey("ch0", T0))));
        Files.writeString(dir.resolve("raw/snapshots/2024/01/05/broken_20240105_101010.json"), "{\"timestamp\": \"2024-01-05T10:10:10\", \"chatters\": [\"a\"");

        AtomicInteger active = new AtomicInteger();
        AtomicInteger maxActive = new AtomicInteger();
        List<String> keys = new ArrayList<>();
        LoadReport report = lake.forEachSnapshot(TimeRange.ALL, s -> {
            maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            keys.add(LakeLayout.snapshotKey(s.channel(), s.timestamp()));
            active.decrementAndGet();
        });
        assertEquals(60, report.loaded());
        assertEquals(1, maxActive.get(), "the consumer is called by one thread at a time");
        assertEquals(keys.stream().sorted().toList(), keys, "delivered in key order");
        assertEquals(new TreeSet<>(written.stream().map(s -> LakeLayout.snapshotKey(s.channel(), s.timestamp())).toList()),
                new TreeSet<>(keys));
        assertEquals(1, report.skipped().size());
        assertTrue(report.skipped().get(0).reason().startsWith("truncated JSON"), report.skipped().toString());
    }

    @Test
    void aFailingConsumerStopsTheLoad() {
        LakeSnapshotStore lake = LakeSnapshotStore.on(originalLake());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> lake.forEachSnapshot(TimeRange.ALL, s -> {
                    throw new IllegalStateException("consumer says no");
                }));
        assertEquals("consumer says no", e.getMessage());
    }

    @Test
    void optionsAreChecked() {
        InMemoryObjectStore store = new InMemoryObjectStore();
        assertThrows(IllegalArgumentException.class, () -> LakeSnapshotStore.builder(store).readThreads(0));
        assertThrows(IllegalArgumentException.class, () -> LakeSnapshotStore.builder(store).keyTimeSlack(Duration.ofSeconds(-1)));
    }

    @Test
    void csvTwinIsTheOriginalsBytesForTheOriginalsSnapshot() throws Exception {
        String json = "original/raw/snapshots/2024/01/15/shroud_20240115_143017.json";
        PresenceSnapshot s = new SnapshotJsonCodec().decode(Fixtures.bytes(json), Optional.of("shroud"));
        assertEquals(text(Fixtures.bytes("original/raw/chatter_logs/2024/01/15/shroud_20240115_143017.csv")),
                text(new ChatterCsvCodec().encode(s)));
    }

    @Test
    void writesTheCsvTwinOnlyWhenAskedAtomicallyAndIdempotently() {
        ObjectStore store = new InMemoryObjectStore();
        PresenceSnapshot s = PresenceSnapshot.builder("alpha", T0).chatters(List.of("zed", "ann", "o'neil"))
                .stream(new StreamMetadata(7, "Chess, Go", "en", "say \"hi\"", Optional.empty())).build();
        LakeSnapshotStore.on(store).put(s);
        String csvKey = LakeLayout.chatterLogKey("alpha", T0);
        assertTrue(store.get(csvKey).isEmpty(), "off by default");

        LakeSnapshotStore twins = LakeSnapshotStore.builder(store).writeCsvTwin(true).build();
        // the JSON is there already (UNCHANGED): a retried write completes the missing twin
        assertEquals(SnapshotWrite.Status.UNCHANGED, twins.put(s).status());
        String expected = "timestamp,channel,viewer_count,game_name,title,started_at,username\r\n"
                + "2024-01-05T10:00:00,alpha,7,\"Chess, Go\",\"say \"\"hi\"\"\",Unknown,ann\r\n"
                + "2024-01-05T10:00:00,alpha,7,\"Chess, Go\",\"say \"\"hi\"\"\",Unknown,o'neil\r\n"
                + "2024-01-05T10:00:00,alpha,7,\"Chess, Go\",\"say \"\"hi\"\"\",Unknown,zed\r\n";
        assertEquals(expected, text(store.get(csvKey).orElseThrow().content()));
        assertEquals(SnapshotWrite.Status.UNCHANGED, twins.put(s).status());
        assertEquals(expected, text(store.get(csvKey).orElseThrow().content()));

        // what the twin holds is what the lake reads from it when the JSON is gone
        store.delete(LakeLayout.snapshotKey("alpha", T0));
        List<PresenceSnapshot> read = new ArrayList<>();
        twins.forEachSnapshot(TimeRange.ALL, read::add);
        assertEquals(1, read.size());
        assertEquals(s.chatters(), read.get(0).chatters());
        assertEquals(T0, read.get(0).timestamp());
        assertEquals("Chess, Go", read.get(0).stream().gameName());
        assertEquals("say \"hi\"", read.get(0).stream().title());
        assertEquals(7, read.get(0).stream().viewerCount());

        // a different file already at the twin's key is left alone
        PresenceSnapshot other = snapshot("beta", T0, "x");
        store.put(LakeLayout.chatterLogKey("beta", T0), "keep me".getBytes());
        assertEquals(SnapshotWrite.Status.WRITTEN, twins.put(other).status());
        assertEquals("keep me", text(store.get(LakeLayout.chatterLogKey("beta", T0)).orElseThrow().content()));
    }

    private static String text(byte[] b) {
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
}
