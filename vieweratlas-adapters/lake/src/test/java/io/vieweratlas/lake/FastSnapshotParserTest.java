package io.vieweratlas.lake;

import io.vieweratlas.core.analysis.aggregate.PresenceTable;
import io.vieweratlas.core.analysis.aggregate.PresenceTableBuilder;
import io.vieweratlas.core.analysis.aggregate.Repeats;
import io.vieweratlas.core.analysis.viewer.ViewerKeys;
import io.vieweratlas.core.model.Evidence;
import io.vieweratlas.core.model.LoadReport.SkippedInput;
import io.vieweratlas.core.model.PresencePolicy;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.PresenceSourceKind;
import io.vieweratlas.core.model.StreamMetadata;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.filesystem.FileSystemObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.vieweratlas.lake.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fast parser against its reference, {@link SnapshotJsonCodec}: every file of a corpus of regular,
 * irregular and malformed snapshots is read both ways — by the loader's per-file reader (fast parser,
 * codec for what it declines) and by the codec alone — and must give the same row (channel, time,
 * stream fields, members under each presence policy) or the same skip reason.
 */
class FastSnapshotParserTest {

    private static final String DAY = "raw/snapshots/2026/01/05/";
    private static final Instant T = Instant.parse("2026-01-05T10:00:00Z");
    private static final String TS = "\"timestamp\": \"2026-01-05T10:00:00\"";

    private static final java.util.Comparator<ViewerKeys.Key> KEY_ORDER =
            java.util.Comparator.comparingLong(ViewerKeys.Key::high).thenComparingInt(ViewerKeys.Key::low);

    private final SnapshotJsonCodec codec = new SnapshotJsonCodec();

    @TempDir
    Path dir;

    /** Files the fast parser must take by itself: this library's own output and the original's layouts. */
    private Map<String, byte[]> regular() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("encoded", codec.encode(PresenceSnapshot.builder("encoded", T)
                .stream(new StreamMetadata(42, "Chess", "en", "a \"quoted\" t\u00eftle", Optional.of(T.minusSeconds(60))))
                .chatters(List.of("a", "b", "shared")).build()));
        m.put("evidence", codec.encode(PresenceSnapshot.builder("evidence", T)
                .source(PresenceSourceKind.VOD).window(Duration.ofMinutes(5)).contentId("v1").channelId("77")
                .evidence("talker", Evidence.MESSAGE).evidence("lurker", Evidence.JOIN)
                .evidence("both", EnumSet.of(Evidence.JOIN, Evidence.MESSAGE)).chatter("plain").build()));
        m.put("plain", utf8("{" + TS + ", \"chatters\": [\"a\", \"b\", \"\", \"shared\"]}"));
        m.put("crlf", utf8("{\r\n  " + TS + ",\r\n  \"chatters\" :\t[\r\n \"a\" ,\"shared\"\r\n ]\r\n}"));
        m.put("none", utf8("{" + TS + ", \"chatters\": [ ]}"));
        m.put("nulls", utf8("{\"channel\": \"nulls\", " + TS + ", \"viewer_count\": null, \"game_name\": null,"
                + " \"language\": null, \"title\": null, \"started_at\": null, \"source\": null, \"window_s\": null,"
                + " \"evidence\": null, \"channel_id\": null, \"content_id\": null, \"chatters\": [\"a\"]}"));
        m.put("placeholder", utf8("{" + TS + ", \"viewer_count\": \"Unavailable\", \"started_at\": \"N/A\","
                + " \"chatters\": [\"a\"]}"));
        m.put("unknownfields", utf8("{\"extra\": {\"chatters\": [1, 2]}, " + TS + ", \"chatters\": [\"a\"], \"more\": [true]}"));
        // the byte scan finds the wrong array: the parse must notice and read the whole file itself
        m.put("nested", utf8("{\"meta\": {\"chatters\": [\"ghost\"]}, " + TS + ", \"chatters\": [\"a\", \"shared\"]}"));
        m.put("instring", utf8("{\"title\": \"\\\"chatters\\\": [\\\"ghost\\\"]\", " + TS
                + ", \"chatters\": [\"b\", \"shared\"]}"));
        m.put("channelcase", utf8("{\"channel\": \" ChannelCase \", " + TS + ", \"chatters\": [\"a\"]}"));
        m.put("fraction", utf8("{\"timestamp\": \"2026-01-05T10:00:00.5\", \"chatters\": [\"a\"]}"));
        m.put("escaped", utf8("{" + TS + ", \"chatters\": [\"\\u0073hared\", \"c\"]}"));
        return m;
    }

    /** Files that are irregular (the codec normalises them) or malformed (the codec rejects them). */
    private static Map<String, byte[]> irregular() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("upper", utf8("{" + TS + ", \"chatters\": [\"SHARED\", \" d \"]}"));
        m.put("unicode", utf8("{" + TS + ", \"chatters\": [\"sh\u00e4red\", \"shared\"]}"));
        m.put("upperevidence", utf8("{" + TS + ", \"chatters\": [], \"evidence\": {\"message\": [\"Talker\"]}}"));
        return m;
    }

    private static Map<String, byte[]> malformed() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("broken", utf8("{" + TS + ", \"chatters\": [\"a\", \"b\""));
        m.put("number", utf8("{" + TS + ", \"chatters\": [\"a\", 7]}"));
        m.put("twice", utf8("{" + TS + ", \"chatters\": [\"a\"], \"chatters\": [\"b\"]}"));
        m.put("wrongtype", utf8("{" + TS + ", \"chatters\": \"a\"}"));
        m.put("empty", new byte[0]);
        m.put("array", utf8("[]"));
        m.put("trailing", utf8("{" + TS + ", \"chatters\": []} x"));
        m.put("other", utf8("{\"channel\": \"someoneelse\", " + TS + ", \"chatters\": []}"));
        m.put("notime", utf8("{\"chatters\": [\"a\"]}"));
        m.put("badtime", utf8("{\"timestamp\": \"yesterday\", \"chatters\": [\"a\"]}"));
        m.put("nochatters", utf8("{" + TS + "}"));
        m.put("negative", utf8("{" + TS + ", \"viewer_count\": -1, \"chatters\": []}"));
        m.put("future", utf8("{\"schema_version\": 99, " + TS + ", \"chatters\": []}"));
        m.put("badsource", utf8("{\"source\": \"carrier_pigeon\", " + TS + ", \"chatters\": []}"));
        m.put("badevidence", utf8("{" + TS + ", \"chatters\": [], \"evidence\": {\"wave\": [\"a\"]}}"));
        m.put("badstart", utf8("{" + TS + ", \"started_at\": \"soon\", \"chatters\": []}"));
        m.put("badwindow", utf8("{" + TS + ", \"window_s\": -5, \"chatters\": []}"));
        return m;
    }

    private static SnapshotKey key(String channel) {
        return LakeLayout.parseSnapshotKey(DAY + channel + "_20260105_100000.json").orElseThrow();
    }

    /** A row as both ways can state it; members as viewer keys, sorted, each as often as the row holds it. */
    private record Row(String location, String channel, long epochSecond, long viewers, String game, String language,
                       String title, List<ViewerKeys.Key> members) {
    }

    private static List<Row> rows(PresenceTableBuilder builder) {
        PresenceTable table = PresenceTable.of(List.of(builder), 1);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < table.rows(); i++) {
            List<ViewerKeys.Key> members = new ArrayList<>();
            for (int m = table.start(i); m < table.end(i); m++) {
                members.add(table.viewers().key(table.members()[m]));
            }
            members.sort(KEY_ORDER);
            rows.add(new Row(table.location(i), table.channel(i), table.epochSecond(i), table.viewerCount(i),
                    table.game(i), table.language(i), table.title(i), members));
        }
        return rows;
    }

    /** The reference: what the codec alone makes of the file. */
    private void byTheCodec(String key, byte[] content, String channel, TimeRange range, PresencePolicy policy,
                            List<Row> rows, List<SkippedInput> skipped) {
        PresenceSnapshot s;
        try {
            s = codec.decode(content, Optional.of(channel));
        } catch (SnapshotFormatException e) {
            skipped.add(new SkippedInput(key, e.getMessage()));
            return;
        }
        if (!range.contains(s.timestamp())) {
            return;
        }
        List<ViewerKeys.Key> members = new ArrayList<>();
        s.chatters(policy).forEach(login -> members.add(ViewerKeys.of(login)));
        members.sort(KEY_ORDER);
        rows.add(new Row(key, s.channel(), s.timestamp().getEpochSecond(), s.stream().viewerCount(),
                s.stream().gameName(), s.stream().language(), s.stream().title(), members));
    }

    private Map<String, byte[]> corpus() {
        Map<String, byte[]> all = new LinkedHashMap<>(regular());
        all.putAll(irregular());
        all.putAll(malformed());
        return all;
    }

    @Test
    void everyFileReadsAsTheCodecReadsIt() {
        Map<String, byte[]> corpus = corpus();
        List<ObjectStore> stores = List.of(new InMemoryObjectStore(), new FileSystemObjectStore(dir));
        List<TimeRange> ranges = List.of(TimeRange.ALL, TimeRange.between(T.plusSeconds(1), T.plusSeconds(3600)),
                TimeRange.between(T.minusSeconds(3600), T.plusSeconds(1)));
        for (ObjectStore store : stores) {
            corpus.forEach((channel, content) -> store.put(key(channel).key(), content));
            for (PresencePolicy policy : PresencePolicy.values()) {
                for (TimeRange range : ranges) {
                    SnapshotFileReader reader = new SnapshotFileReader(store, policy, Repeats.KEEP, codec, new ChatterCsvCodec());
                    List<Row> expectedRows = new ArrayList<>();
                    List<SkippedInput> expectedSkips = new ArrayList<>();
                    for (Map.Entry<String, byte[]> file : corpus.entrySet()) {
                        SnapshotKey key = key(file.getKey());
                        reader.read(new SnapshotListing.Candidate(key, Optional.empty()), range);
                        byTheCodec(key.key(), file.getValue(), file.getKey(), range, policy, expectedRows, expectedSkips);
                    }
                    String where = store.describe() + " " + policy + " " + range;
                    assertEquals(expectedSkips, reader.skipped(), where);
                    // the table orders rows its own way: compare them in key order
                    expectedRows.sort(Comparator.comparing(Row::location));
                    List<Row> actual = rows(reader.builder());
                    actual.sort(Comparator.comparing(Row::location));
                    assertEquals(expectedRows, actual, where);
                    assertEquals(expectedRows.size(), reader.loaded(), where);
                    if (range.equals(TimeRange.ALL)) {
                        // the corpus is what it says: the codec rejects exactly the malformed files
                        assertEquals(malformed().size(), expectedSkips.size(), where);
                        assertEquals(regular().size() + irregular().size(), expectedRows.size(), where);
                    }
                }
            }
        }
    }

    @Test
    void regularFilesAreParsedByTheFastParserAlone() {
        for (Map.Entry<String, byte[]> file : regular().entrySet()) {
            PresenceTableBuilder builder = new PresenceTableBuilder();
            FastSnapshotParser parser = new FastSnapshotParser(builder, PresencePolicy.INCLUSIVE);
            byte[] content = file.getValue();
            // a buffer longer than the file, as the loader's reused one is
            byte[] buffer = java.util.Arrays.copyOf(content, content.length + 100);
            assertEquals(FastSnapshotParser.Outcome.ADDED,
                    parser.parse(buffer, content.length, key(file.getKey()), TimeRange.ALL), file.getKey());
            assertEquals(FastSnapshotParser.Outcome.OUT_OF_RANGE, parser.parse(buffer, content.length,
                    key(file.getKey()), TimeRange.between(T.plusSeconds(1), T.plusSeconds(2))), file.getKey());
            assertEquals(1, rows(builder).size(), file.getKey());
        }
    }

    @Test
    void irregularAndMalformedFilesAreLeftToTheCodecAndLeaveNoRow() {
        Map<String, byte[]> files = new LinkedHashMap<>(malformed());
        files.putAll(irregular());
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            PresenceTableBuilder builder = new PresenceTableBuilder();
            FastSnapshotParser parser = new FastSnapshotParser(builder, PresencePolicy.INCLUSIVE);
            byte[] content = file.getValue();
            assertEquals(FastSnapshotParser.Outcome.DECLINED,
                    parser.parse(content, content.length, key(file.getKey()), TimeRange.ALL), file.getKey());
            assertEquals(0, rows(builder).size(), file.getKey());
        }
    }
}
