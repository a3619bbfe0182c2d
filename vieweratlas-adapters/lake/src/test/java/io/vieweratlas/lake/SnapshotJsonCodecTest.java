package io.vieweratlas.lake;

import io.vieweratlas.core.model.Evidence;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.PresenceSourceKind;
import io.vieweratlas.core.model.StreamMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.vieweratlas.lake.Fixtures.bytes;
import static io.vieweratlas.lake.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotJsonCodecTest {

    private final SnapshotJsonCodec codec = new SnapshotJsonCodec();

    private PresenceSnapshot decode(String json, String keyChannel) throws SnapshotFormatException {
        return codec.decode(utf8(json), Optional.ofNullable(keyChannel));
    }

    private String reject(String json) {
        return assertThrows(SnapshotFormatException.class, () -> decode(json, "xqc")).getMessage();
    }

    @Test
    void readsTheOriginalsFileTakingTheChannelFromTheKey() throws Exception {
        PresenceSnapshot s = codec.decode(bytes("original/raw/snapshots/2024/01/15/xqc_20240115_143002.json"),
                Optional.of("xqc"));
        assertEquals("xqc", s.channel());
        assertEquals(Instant.parse("2024-01-15T14:30:00Z"), s.timestamp());
        assertEquals(new StreamMetadata(51234, "Just Chatting", "en", "REACTING, \"LIVE\" \u00e9 \uD83D\uDE00",
                Optional.of(Instant.parse("2024-01-15T12:01:44Z"))), s.stream());
        assertEquals(List.of("alice", "bob", "carol_99", "dave"), List.copyOf(s.chatters()));
        assertEquals(PresenceSourceKind.LIVE, s.source());
        assertEquals(Duration.ZERO, s.window());
        assertTrue(s.evidence().isEmpty());
    }

    @Test
    void readsTheOriginalsPlaceholdersAndEarlyFilesWithoutLanguage() throws Exception {
        PresenceSnapshot quiet = codec.decode(bytes("original/raw/snapshots/2024/01/15/quiet_one_20240115_143020.json"),
                Optional.of("quiet_one"));
        assertEquals(new StreamMetadata(0, "Unknown", "", "Unavailable", Optional.empty()), quiet.stream());
        assertTrue(quiet.chatters().isEmpty());
        PresenceSnapshot early = codec.decode(bytes("original/raw/snapshots/2024/01/15/shroud_20240115_143017.json"),
                Optional.of("shroud"));
        assertEquals("", early.stream().language());
        assertEquals("VALORANT", early.stream().gameName());
    }

    @Test
    void writesPythonsIndentLayoutByteForByte() {
        PresenceSnapshot s = PresenceSnapshot.builder("xqc", Instant.parse("2024-01-15T14:30:00Z"))
                .source(PresenceSourceKind.IRC)
                .window(Duration.ofMinutes(5))
                .stream(new StreamMetadata(51234, "Just Chatting", "en", "REACTING, \"LIVE\" \u00e9 \uD83D\uDE00",
                        Optional.of(Instant.parse("2024-01-15T12:01:44Z"))))
                .evidence("bob", Evidence.JOIN)
                .evidence("alice", Evidence.MESSAGE)
                .evidence("carol_99", Set.of(Evidence.JOIN))
                .channelId("71092938")
                .build();
        // expected/python_layout.json was written by Python's json.dump(indent=2) from the same values.
        assertEquals(new String(bytes("expected/python_layout.json"), StandardCharsets.UTF_8),
                new String(codec.encode(s), StandardCharsets.UTF_8));
    }

    @Test
    void roundTripsEveryFieldAndReencodesToIdenticalBytes() throws Exception {
        PresenceSnapshot s = PresenceSnapshot.builder("some_channel", Instant.parse("2024-03-01T00:00:07.250Z"))
                .source(PresenceSourceKind.VOD)
                .window(Duration.ofMillis(60_500))
                .stream(new StreamMetadata(7, "Chess", "de", "Tit\u00fcl\n\"x\"", Optional.empty()))
                .evidence("zed", Set.of(Evidence.MESSAGE, Evidence.NAMES))
                .chatter("amy")
                .channelId("123")
                .contentId("vod:987")
                .build();
        byte[] first = codec.encode(s);
        PresenceSnapshot back = codec.decode(first, Optional.of("some_channel"));
        assertEquals(s, back);
        assertArrayEquals(first, codec.encode(back));
        assertEquals(s, codec.decode(new ByteArrayInputStream(first), Optional.empty()), "stream decoding, channel from file");
    }

    @Test
    void equalSnapshotsBuiltInAnyOrderGiveEqualBytes() {
        Instant t = Instant.parse("2024-01-15T14:30:00Z");
        PresenceSnapshot a = PresenceSnapshot.builder("c", t).chatters(List.of("b", "a", "c")).build();
        PresenceSnapshot b = PresenceSnapshot.builder("c", t).chatters(List.of("c", "a", "b")).build();
        assertArrayEquals(codec.encode(a), codec.encode(b));
    }

    @Test
    void normalisesLoginsAndChannel() throws Exception {
        PresenceSnapshot s = decode("{\"channel\": \" XQC \", \"timestamp\": \"2024-01-15 14:30:00.5+01:00\","
                + " \"chatters\": [\" Bob\", \"bob\", \"\", \"ALICE \"], \"game_name\": null, \"title\": null,"
                + " \"started_at\": null, \"viewer_count\": null, \"unknown_field\": {\"a\": [1, 2]}}", null);
        assertEquals("xqc", s.channel());
        assertEquals(Instant.parse("2024-01-15T13:30:00.5Z"), s.timestamp());
        assertEquals(List.of("alice", "bob"), List.copyOf(s.chatters()));
        assertEquals(StreamMetadata.UNKNOWN, s.stream());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not JSON at all          | not json                                                  | bad JSON at line 1, column",
        "truncated                | {\"timestamp\": \"2024-01-15T14:30:00\", \"chatters\": [\"a\", | truncated JSON",
        "only whitespace          | '   '                                                     | empty file",
        "top-level array          | [1, 2]                                                    | expected a JSON object, found an array",
        "chatters is a string     | {\"timestamp\": \"2024-01-15T14:30:00\", \"chatters\": \"x\"} | chatters must be an array of logins, found string \"x\" at line 1",
        "chatter is a number      | {\"timestamp\": \"2024-01-15T14:30:00\", \"chatters\": [\"a\", 5]} | chatters[1] must be a string, found number 5",
        "viewer_count is text     | {\"timestamp\": \"2024-01-15T14:30:00\", \"viewer_count\": \"abc\", \"chatters\": []} | viewer_count must be a whole number, found string \"abc\"",
        "viewer_count is negative | {\"timestamp\": \"2024-01-15T14:30:00\", \"viewer_count\": -3, \"chatters\": []} | viewer_count must not be negative",
        "viewer_count is a float  | {\"timestamp\": \"2024-01-15T14:30:00\", \"viewer_count\": 1.5, \"chatters\": []} | viewer_count must be a whole number, found number 1.5",
        "missing timestamp        | {\"chatters\": []}                                         | missing timestamp",
        "bad timestamp            | {\"timestamp\": \"yesterday\", \"chatters\": []}            | timestamp 'yesterday' is not an ISO-8601 date-time",
        "timestamp is a number    | {\"timestamp\": 1705329000, \"chatters\": []}               | timestamp must be a string, found number 1705329000",
        "bad started_at           | {\"timestamp\": \"2024-01-15T14:30:00\", \"started_at\": \"noon\", \"chatters\": []} | started_at 'noon' is not an ISO-8601 date-time",
        "blank channel            | {\"channel\": \"  \", \"timestamp\": \"2024-01-15T14:30:00\", \"chatters\": []} | channel is blank",
        "null channel             | {\"channel\": null, \"timestamp\": \"2024-01-15T14:30:00\", \"chatters\": []} | channel is null",
        "other channel than key   | {\"channel\": \"shroud\", \"timestamp\": \"2024-01-15T14:30:00\", \"chatters\": []} | channel 'shroud' does not match 'xqc' named by the key",
        "missing chatters         | {\"timestamp\": \"2024-01-15T14:30:00\"}                   | missing chatters",
        "duplicate field          | {\"timestamp\": \"2024-01-15T14:30:00\", \"chatters\": [], \"chatters\": []} | bad JSON at line 1, column",
        "unknown source           | {\"timestamp\": \"2024-01-15T14:30:00\", \"chatters\": [], \"source\": \"tv\"} | unknown presence source 'tv'",
        "future schema            | {\"timestamp\": \"2024-01-15T14:30:00\", \"chatters\": [], \"schema_version\": 9} | schema_version 9 is not supported",
        "negative window          | {\"timestamp\": \"2024-01-15T14:30:00\", \"chatters\": [], \"window_s\": -1} | window_s must be between 0",
        "unknown evidence kind    | {\"timestamp\": \"2024-01-15T14:30:00\", \"chatters\": [], \"evidence\": {\"whisper\": []}} | evidence has unknown evidence 'whisper'",
        "trailing garbage         | {\"timestamp\": \"2024-01-15T14:30:00\", \"chatters\": []} {} | unexpected content after the snapshot object",
    })
    void rejectsMalformedFilesWithThePreciseReason(String name, String json, String expectedReason) {
        String reason = reject(json.strip());
        assertTrue(reason.startsWith(expectedReason) || reason.contains(expectedReason),
                name + ": expected a reason with <" + expectedReason + "> but was <" + reason + ">");
    }

    @Test
    void acceptsNumericChannelIds() throws Exception {
        PresenceSnapshot s = decode("{\"timestamp\": \"2024-01-15T14:30:00\", \"chatters\": [], \"channel_id\": 71092938}", "xqc");
        assertEquals(Optional.of("71092938"), s.channelId());
    }

    @Test
    void rejectsAnEmptyFileAndAMissingChannelWithoutKey() {
        assertEquals("empty file (0 bytes)",
                assertThrows(SnapshotFormatException.class, () -> codec.decode(new byte[0], Optional.of("x"))).getMessage());
        String reason = assertThrows(SnapshotFormatException.class,
                () -> decode("{\"timestamp\": \"2024-01-15T14:30:00\", \"chatters\": []}", null)).getMessage();
        assertTrue(reason.startsWith("missing channel"), reason);
    }

    @Test
    void reportsLineAndColumnOfBadJson() {
        String reason = reject("{\n  \"timestamp\": \"2024-01-15T14:30:00\",\n  \"chatters\": [\"a\" \"b\"]\n}");
        assertTrue(reason.startsWith("bad JSON at line 3, column"), reason);
    }
}
