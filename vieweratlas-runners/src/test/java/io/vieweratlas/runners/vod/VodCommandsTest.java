package io.vieweratlas.runners.vod;

import io.vieweratlas.core.model.LoadReport;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.PresenceSourceKind;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.filesystem.FileSystemObjectStore;
import io.vieweratlas.lake.LakeLayout;
import io.vieweratlas.lake.vod.VodEntry;
import io.vieweratlas.lake.vod.VodQueue;
import io.vieweratlas.lake.vod.VodStatus;
import io.vieweratlas.lake.vod.VodTask;
import io.vieweratlas.parquet.VodPresenceStore;
import io.vieweratlas.runners.cli.Main;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code vod} and {@code import} commands end to end: fake Helix and GraphQL on loopback, a lake on disk. */
class VodCommandsTest {
    private static final Map<String, String> CREDENTIALS = Map.of("TWITCH_OAUTH_TOKEN", "oauth:tok",
            "TWITCH_CLIENT_ID", "cid");
    private static final Instant CREATED = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path dir;
    private MockWebServer twitch;

    record Result(int code, String out, String err) {
    }

    @BeforeEach
    void start() throws IOException {
        twitch = new MockWebServer();
        twitch.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getRequestUrl().encodedPath();
                switch (path) {
                    case "/oauth2/validate":
                        return json("{\"client_id\":\"cid\",\"login\":\"bot\",\"user_id\":\"1\",\"expires_in\":9999}");
                    case "/helix/users":
                        return json("{\"data\":[{\"id\":\"42\",\"login\":\"alice\",\"display_name\":\"Alice\"}]}");
                    case "/helix/videos":
                        return json("{\"data\":[" + video("777", CREATED, 500) + "," + video("778", CREATED.minusSeconds(60), 5)
                                + "],\"pagination\":{}}");
                    case "/gql":
                        String body = request.getBody().readUtf8();
                        boolean byCursor = body.contains("\"cursor\"");
                        return json(byCursor ? page(false, edge("c3", 130, "carol"))
                                : page(true, edge("c1", 5, "bob"), edge("c2", 20, null)));
                    default:
                        return new MockResponse().setResponseCode(404);
                }
            }
        });
        twitch.start();
    }

    @AfterEach
    void stop() throws IOException {
        twitch.shutdown();
    }

    private static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }

    private static String video(String id, Instant created, long views) {
        return "{\"id\":\"" + id + "\",\"user_id\":\"42\",\"user_login\":\"alice\",\"title\":\"t\",\"created_at\":\""
                + created + "\",\"view_count\":" + views + ",\"duration\":\"2h\",\"type\":\"archive\"}";
    }

    private static String edge(String id, double offset, String login) {
        String commenter = login == null ? "null" : "{\"id\":\"u\",\"login\":\"" + login + "\",\"displayName\":\"" + login + "\"}";
        return "{\"cursor\":\"k" + id + "\",\"node\":{\"id\":\"" + id + "\",\"commenter\":" + commenter
                + ",\"contentOffsetSeconds\":" + offset + ",\"message\":{\"fragments\":[{\"text\":\"x\"}]}}}";
    }

    private static String page(boolean next, String... edges) {
        return "[{\"data\":{\"video\":{\"id\":\"777\",\"comments\":{\"edges\":[" + String.join(",", edges)
                + "],\"pageInfo\":{\"hasNextPage\":" + next + "}}}}}]";
    }

    private static Result run(Map<String, String> env, String... args) throws Exception {
        CommandLine cli = Main.commandLine();
        for (CommandLine sub : cli.getSubcommands().values()) {
            for (Field f : sub.getCommand().getClass().getDeclaredFields()) {
                if (f.getName().equals("environment")) {
                    f.setAccessible(true);
                    f.set(sub.getCommand(), env);
                }
            }
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private Path config() throws IOException {
        Files.writeString(dir.resolve("channels.txt"), "alice\n");
        Path cfg = dir.resolve("config.yaml");
        Files.writeString(cfg, "collection:\n  channels_file: " + dir.resolve("channels.txt") + "\n"
                + "vod:\n  enabled: true\n  auto_discover: true\n  rate_limit_delay_s: 0\n  min_views: 100\n"
                + "twitch:\n  helix_url: " + twitch.url("/helix") + "\n  auth_url: " + twitch.url("/oauth2")
                + "\n  gql_url: " + twitch.url("/gql") + "\n");
        return cfg;
    }

    private static List<PresenceSnapshot> snapshots(FileSystemObjectStore store, LoadReport[] report) {
        List<PresenceSnapshot> out = new ArrayList<>();
        report[0] = new VodPresenceStore(store).forEachSnapshot(TimeRange.ALL, out::add);
        return out;
    }

    @Test
    void vodDiscoversQueuesFetchesAndWritesBucketsRawChatAndState() throws Exception {
        Path cfg = config();
        Path lake = dir.resolve("lake");
        Result r = run(CREDENTIALS, "vod", "--config", cfg.toString(), "--data", lake.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("1 VODs written"), r.out());

        FileSystemObjectStore store = new FileSystemObjectStore(lake);
        SortedMap<String, VodEntry> queue = new VodQueue(store, Clock.systemUTC(), "test").entries();
        assertEquals(Set.of("777"), queue.keySet(), "the 5-view VOD is below min_views");
        assertEquals(VodStatus.COMPLETED, queue.get("777").status());
        assertTrue(store.get(LakeLayout.vodChatKey("alice", "777")).isPresent(), "raw replay stored");
        String daily = new String(store.get(LakeLayout.DAILY_COLLECTION_STATE).orElseThrow().content(),
                StandardCharsets.UTF_8);
        assertTrue(daily.contains("\"777\""), daily);

        LoadReport[] report = new LoadReport[1];
        List<PresenceSnapshot> snaps = snapshots(store, report);
        assertEquals(2, snaps.size(), "offsets 5 and 130 with 60 s buckets; the deleted commenter is skipped");
        assertEquals(Set.of("bob"), snaps.get(0).chatters());
        assertEquals(Set.of("carol"), snaps.get(1).chatters());
        assertEquals(CREATED.plusSeconds(60), snaps.get(0).timestamp());
        assertEquals(Optional.of("vod:777"), snaps.get(0).contentId());
        assertEquals(PresenceSourceKind.VOD, snaps.get(0).source());
        try (Stream<?> runs = store.list(LakeLayout.RUNS)) {
            assertEquals(1, runs.count(), "one run record");
        }

        // A VOD finished long ago (older than any age limit) sits in the queue too.
        VodQueue old = new VodQueue(store, Clock.systemUTC(), "test");
        old.enqueue(List.of(new VodTask("100", "alice", "1", Instant.parse("2020-01-01T00:00:00Z"))));
        assertTrue(old.complete(old.claim().orElseThrow()));

        // A second run finds nothing new: the VOD is known and the channel's daily limit is used;
        // the old finished VOD is pruned from the queue, the recent one stays.
        Result again = run(CREDENTIALS, "vod", "--config", cfg.toString(), "--data", lake.toString());
        assertEquals(0, again.code(), again.out() + again.err());
        assertTrue(again.out().contains("0 queued, 0 VODs written"), again.out());
        assertTrue(again.out().contains("1 finished VODs pruned from the queue"), again.out());
        assertEquals(Set.of("777"), new VodQueue(store, Clock.systemUTC(), "test").entries().keySet());
    }

    @Test
    void vodWithoutCredentialsIsAUsageError() throws Exception {
        Result r = run(Map.of(), "vod", "--config", config().toString(), "--data", dir.resolve("lake").toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("TWITCH_CLIENT_ID") || r.err().contains("TWITCH_OAUTH_TOKEN"), r.err());
    }

    @Test
    void importTurnsTwitchDownloaderFilesIntoBucketsAndReportsBadFilesByName() throws Exception {
        Path good = dir.resolve("alice_123.json");
        Files.writeString(good, """
                {"streamer":{"name":"Alice","id":42},
                 "video":{"id":"123","title":"t","created_at":"2026-11-20T18:00:00Z"},
                 "comments":[
                   {"_id":"a","content_offset_seconds":1,"commenter":{"_id":"7","name":"bob","display_name":"Bob"},"message":{"body":"hi"}},
                   {"_id":"b","content_offset_seconds":59,"commenter":{"_id":"8","name":"carol","display_name":"Carol"},"message":{"body":"yo"}},
                   {"_id":"c","content_offset_seconds":61,"commenter":null,"message":{"body":"?"}},
                   {"_id":"d","content_offset_seconds":3600,"commenter":{"_id":"7","name":"bob","display_name":"Bob"},"message":{"body":"bye"}}
                 ]}
                """);
        Path bad = dir.resolve("broken.json");
        Files.writeString(bad, "{\"streamer\":{}}");
        Path lake = dir.resolve("lake");
        Result r = run(Map.of(), "import", "--format", "twitchdownloader", "--data", lake.toString(), good.toString(),
                bad.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(bad.toString()), r.err());
        assertTrue(r.out().contains("VOD 123 of alice, 3 comments -> 2 buckets"), r.out());

        FileSystemObjectStore store = new FileSystemObjectStore(lake);
        LoadReport[] report = new LoadReport[1];
        List<PresenceSnapshot> snaps = snapshots(store, report);
        assertEquals(2, snaps.size());
        assertEquals(Set.of("bob", "carol"), snaps.get(0).chatters());
        assertEquals(Instant.parse("2026-11-20T18:01:00Z"), snaps.get(0).timestamp());
        assertEquals(Instant.parse("2026-11-20T19:01:00Z"), snaps.get(1).timestamp());
        assertEquals(PresenceSourceKind.IMPORT, snaps.get(0).source());
        assertEquals(Optional.of("42"), snaps.get(0).channelId());
        assertEquals(0, report[0].skipped().size());

        Result unknown = run(Map.of(), "import", "--format", "csv", "--data", lake.toString(), good.toString());
        assertEquals(2, unknown.code(), unknown.err());
        assertTrue(unknown.err().contains("twitchdownloader"), unknown.err());
    }

    private Path downloaderFile(String channel, String channelId, String vodId, List<String> chatters) throws IOException {
        StringBuilder comments = new StringBuilder();
        int i = 0;
        for (String c : chatters) {
            for (int rep = 0; rep < 3; rep++) { // three buckets each
                if (comments.length() > 0) {
                    comments.append(',');
                }
                comments.append("{\"_id\":\"").append(vodId).append('-').append(i++)
                        .append("\",\"content_offset_seconds\":").append(rep * 60 + 1)
                        .append(",\"commenter\":{\"_id\":\"1\",\"name\":\"").append(c)
                        .append("\",\"display_name\":\"").append(c).append("\"},\"message\":{\"body\":\"x\"}}");
            }
        }
        Path f = dir.resolve(channel + "_" + vodId + ".json");
        Files.writeString(f, "{\"streamer\":{\"name\":\"" + channel + "\",\"id\":" + channelId + "},"
                + "\"video\":{\"id\":\"" + vodId + "\",\"created_at\":\"2026-11-20T18:00:00Z\"},"
                + "\"comments\":[" + comments + "]}");
        return f;
    }

    @Test
    void importedArchivesAreAnalysedWithSourceVod() throws Exception {
        List<String> red = List.of("r1", "r2", "r3", "r4", "r5", "r6");
        List<String> blue = List.of("b1", "b2", "b3", "b4", "b5", "b6");
        Path lake = dir.resolve("lake");
        Result imported = run(Map.of(), "import", "--format", "twitchdownloader", "--data", lake.toString(),
                downloaderFile("reda", "11", "101", red).toString(), downloaderFile("redb", "12", "102", red).toString(),
                downloaderFile("bluea", "13", "103", blue).toString(),
                downloaderFile("blueb", "14", "104", blue).toString());
        assertEquals(0, imported.code(), imported.out() + imported.err());
        Path out = dir.resolve("out");
        Result analysed = run(Map.of(), "analyze", "--source", "vod", "--data", lake.toString(), "--out",
                out.toString(), "--threshold", "2");
        assertEquals(0, analysed.code(), analysed.out() + analysed.err());
        assertTrue(analysed.out().contains("Communities: 2"), analysed.out());
        List<String> nodes = Files.readAllLines(out.resolve("graph_nodes.csv"));
        assertEquals(5, nodes.size(), String.join("\n", nodes));
        String results = Files.readString(lake.resolve("processed/analysis_results.json"));
        assertTrue(results.contains("\"reda\"") && results.contains("\"blueb\""), results);

        Result bad = run(Map.of(), "analyze", "--source", "tape", "--data", lake.toString(), "--out", out.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--source must be live, vod or all"), bad.err());
    }
}
