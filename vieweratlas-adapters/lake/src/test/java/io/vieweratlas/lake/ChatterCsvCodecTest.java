package io.vieweratlas.lake;

import io.vieweratlas.core.model.LoadReport.SkippedInput;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.StreamMetadata;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.vieweratlas.lake.Fixtures.bytes;
import static io.vieweratlas.lake.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChatterCsvCodecTest {

    private final ChatterCsvCodec codec = new ChatterCsvCodec();
    private final SnapshotJsonCodec json = new SnapshotJsonCodec();

    private static SnapshotKey key(String key) {
        return LakeLayout.parseChatterLogKey(key).orElseThrow();
    }

    @Test
    void theOriginalsCsvTwinGivesTheSameSnapshotAsItsJsonExceptLanguage() throws Exception {
        String csvKey = "raw/chatter_logs/2024/01/15/xqc_20240115_143002.csv";
        ChatterCsvCodec.Result r = codec.decode(bytes("original/" + csvKey), key(csvKey));
        assertEquals(List.of(), r.problems());
        PresenceSnapshot fromJson = json.decode(bytes("original/raw/snapshots/2024/01/15/xqc_20240115_143002.json"),
                Optional.of("xqc"));
        StreamMetadata m = fromJson.stream();
        PresenceSnapshot expected = fromJson.toBuilder()
                .stream(new StreamMetadata(m.viewerCount(), m.gameName(), "", m.title(), m.startedAt())).build();
        assertEquals(expected, r.snapshot().orElseThrow());
    }

    @Test
    void malformedLinesAreReportedWithFileAndLineAndTheRestLoads() {
        String csvKey = "raw/chatter_logs/2024/01/15/lonely_20240115_143025.csv";
        ChatterCsvCodec.Result r = codec.decode(bytes("original/" + csvKey), key(csvKey));
        assertEquals(List.of(new SkippedInput(csvKey + ":3", "expected 7 fields as in the header, found 4")), r.problems());
        PresenceSnapshot s = r.snapshot().orElseThrow();
        assertEquals(List.of("amy", "zed"), List.copyOf(s.chatters()));
        assertEquals("a, b", s.stream().title());
        assertEquals(12, s.stream().viewerCount());
    }

    @Test
    void placeholdersAndHeaderOnlyFiles() {
        String csvKey = "raw/chatter_logs/2024/01/15/quiet_one_20240115_143020.csv";
        ChatterCsvCodec.Result r = codec.decode(bytes("original/" + csvKey), key(csvKey));
        assertEquals(List.of(), r.problems());
        PresenceSnapshot s = r.snapshot().orElseThrow();
        assertTrue(s.chatters().isEmpty());
        assertEquals(Instant.parse("2024-01-15T14:30:20Z"), s.timestamp(), "no rows: the key's time");
    }

    @Test
    void reportsEachKindOfBadLine() {
        String k = "raw/chatter_logs/2024/01/15/c_20240115_000000.csv";
        String text = "timestamp,channel,viewer_count,game_name,title,started_at,username\r\n"
                + "2024-01-15T00:00:00,c,abc,G,T,Unknown,u1\r\n"
                + "2024-01-15T00:00:00,c,5,G,T,Unknown,\r\n"
                + "2024-01-15T00:00:00,other,5,G,T,Unknown,u2\r\n"
                + "2024-01-15T00:00:00,c,5,G,\"multi\nline\",Unknown,u3\r\n"
                + "2024-01-15T00:00:00,c,5,G,\"cut off";
        ChatterCsvCodec.Result r = codec.decode(utf8(text), key(k));
        assertEquals(List.of(
                new SkippedInput(k + ":2", "viewer_count 'abc' is not a whole number"),
                new SkippedInput(k + ":3", "blank username"),
                new SkippedInput(k + ":4", "channel 'other' does not match 'c' named by the key"),
                new SkippedInput(k + ":7", "unterminated quoted field (file truncated?)")), r.problems());
        PresenceSnapshot s = r.snapshot().orElseThrow();
        assertEquals(List.of("u3"), List.copyOf(s.chatters()));
        assertEquals("multi\nline", s.stream().title());
    }

    @Test
    void refusesFilesWithoutHeaderOrLoginColumn() {
        String k = "raw/chatter_logs/2024/01/15/c_20240115_000000.csv";
        assertEquals(List.of(new SkippedInput(k, "empty file (no header)")), codec.decode(new byte[0], key(k)).problems());
        ChatterCsvCodec.Result r = codec.decode(utf8("a,b\r\n1,2\r\n"), key(k));
        assertTrue(r.snapshot().isEmpty());
        assertEquals(k + ":1", r.problems().get(0).location());
        assertTrue(r.problems().get(0).reason().startsWith("header has no username column"));
        assertEquals(List.of(new SkippedInput(k, "not UTF-8 text")),
                codec.decode(new byte[] {(byte) 0xff, (byte) 0xfe, 0}, key(k)).problems());
    }

    @Test
    void readsTheLegacyColumnNames() {
        String k = "raw/chatter_logs/2024/01/15/c_20240115_000000.csv";
        ChatterCsvCodec.Result r = codec.decode(utf8("channel,chatter,viewers,game,title,timestamp\nc,Bob,3,Chess,t,2024-01-15T00:00:00\n"),
                key(k));
        assertEquals(List.of(), r.problems());
        assertEquals(List.of("bob"), List.copyOf(r.snapshot().orElseThrow().chatters()));
        assertEquals("Chess", r.snapshot().orElseThrow().stream().gameName());
    }
}
