package io.vieweratlas.runners.collector;

import io.vieweratlas.runners.FakeHelixStreams;

import io.vieweratlas.core.model.Evidence;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.PresenceSourceKind;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.filesystem.FileSystemObjectStore;
import io.vieweratlas.lake.LakeSnapshotStore;
import io.vieweratlas.runners.cli.ContinuousCommand;
import io.vieweratlas.runners.cli.Main;
import io.vieweratlas.twitch.irc.FakeIrcServer;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import sun.misc.Signal;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static io.vieweratlas.twitch.irc.FakeIrcServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The collector commands end to end: fake Helix and fake chat on loopback, a lake on disk. */
class CollectorCommandsTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Map<String, String> CREDENTIALS = Map.of("TWITCH_OAUTH_TOKEN", "oauth:tok",
            "TWITCH_CLIENT_ID", "cid");

    @TempDir
    Path dir;

    private MockWebServer helix;
    private FakeIrcServer irc;
    private final Map<String, Long> live = new TreeMap<>(Map.of("alpha", 900L, "beta", 400L, "gamma", 100L));

    record Result(int code, String out, String err) {
    }

    @BeforeEach
    void start() throws IOException {
        helix = new MockWebServer();
        helix.setDispatcher(new FakeHelixStreams("collectorbot", live));
        helix.start();
        irc = new FakeIrcServer(20, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() throws IOException {
        irc.close();
        helix.shutdown();
    }

    private static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }

    private Path config(String extraCollection) throws IOException {
        Path cfg = dir.resolve("config.yaml");
        Files.writeString(cfg, "collection:\n  top_channels_limit: 2\n  channels_file: "
                + dir.resolve("channels.txt") + "\n" + extraCollection
                + "twitch:\n  helix_url: " + helix.url("/helix") + "\n  auth_url: " + helix.url("/oauth2")
                + "\n  irc_uri: " + irc.uri() + "\n");
        return cfg;
    }

    private static Result run(Map<String, String> env, String... args) throws Exception {
        CommandLine cli = Main.commandLine();
        setEnvironment(cli, env);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Points the {@code environment} field of every collector command at {@code env}. */
    private static void setEnvironment(CommandLine cli, Map<String, String> env) throws Exception {
        for (CommandLine sub : cli.getSubcommands().values()) {
            Object command = sub.getCommand();
            for (Field f : command.getClass().getDeclaredFields()) {
                if (f.getName().equals("environment")) {
                    f.setAccessible(true);
                    f.set(command, env);
                }
            }
            setEnvironment(sub, env);
        }
    }

    @Test
    void collectWritesSnapshotsOfWhatWasSaidAndSigtermFlushesAndExitsZero() throws Exception {
        Files.writeString(dir.resolve("channels.txt"), "# pinned\ngamma\n");
        Path cfg = config("");
        Path lake = dir.resolve("lake");
        AtomicReference<Result> result = new AtomicReference<>();
        Thread runner = Thread.ofPlatform().start(() -> {
            try {
                result.set(run(CREDENTIALS, "collect", "--config", cfg.toString(), "--data", lake.toString()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        irc.awaitJoined(WAIT, "alpha", "beta", "gamma"); // top 2 plus the pinned channel
        irc.say("alpha", "ann", "11", "hi");
        irc.say("alpha", "bob", "12", "hey");
        irc.say("gamma", "ann", "11", "also here");
        irc.membershipJoin("beta", "lurker");
        irc.pingAll();
        // Lines on a connection are handled in order: the PONG proves the messages before it were recorded.
        await("PONG", WAIT, () -> irc.pongsReceived() >= 1);

        Signal.raise(new Signal("TERM"));
        runner.join(WAIT.toMillis());
        Result r = result.get();
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("collect stopped (stopped): 1 windows, 3 snapshots written"), r.out());

        Map<String, Set<String>> chatters = new TreeMap<>();
        List<PresenceSnapshot> snapshots = new ArrayList<>();
        LakeSnapshotStore.on(new FileSystemObjectStore(lake)).forEachSnapshot(TimeRange.ALL, s -> {
            snapshots.add(s);
            chatters.computeIfAbsent(s.channel(), k -> new TreeSet<>()).addAll(s.chatters());
        });
        assertEquals(Map.of("alpha", Set.of("ann", "bob"), "beta", Set.of("lurker"), "gamma", Set.of("ann")), chatters);
        PresenceSnapshot beta = snapshots.stream().filter(s -> s.channel().equals("beta")).findFirst().orElseThrow();
        assertEquals(PresenceSourceKind.IRC, beta.source());
        assertEquals(Set.of(Evidence.JOIN), beta.evidence().get("lurker"));
        assertEquals(400, beta.stream().viewerCount());

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String state = Files.readString(lake.resolve("state/daily_collection_state.json"));
        assertTrue(state.contains(today) && state.contains("\"alpha\"") && state.contains("\"gamma\""), state);
        try (Stream<Path> runs = Files.list(lake.resolve("runs/collect"))) {
            String record = Files.readString(runs.findFirst().orElseThrow());
            assertTrue(record.contains("\"snapshots_written\" : 3"), record);
            assertFalse(record.contains("tok"), "no secret in the run record");
        }
    }

    @Test
    void collectWithAUserLoginStaysWithinItsCapAndNamesTheRefusedChannelOnce() throws Exception {
        Files.writeString(dir.resolve("channels.txt"), "gamma\n");
        Path cfg = config("  chat_login: user\n  max_channels_per_login: 2\n");
        Path lake = dir.resolve("lake");
        AtomicReference<Result> result = new AtomicReference<>();
        Thread runner = Thread.ofPlatform().start(() -> {
            try {
                result.set(run(CREDENTIALS, "collect", "--config", cfg.toString(), "--data", lake.toString()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        irc.awaitJoined(WAIT, "alpha", "beta"); // the two largest; gamma waits for a slot
        irc.say("alpha", "ann", "11", "hi");
        irc.pingAll();
        await("PONG", WAIT, () -> irc.pongsReceived() >= 1);
        Thread.sleep(300);
        assertFalse(irc.isJoined("gamma"), "never asked beyond max_channels_per_login");
        assertEquals(2, irc.channelsOf("collectorbot"));

        Signal.raise(new Signal("TERM"));
        runner.join(WAIT.toMillis());
        Result r = result.get();
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("1 channels not joined:\n  gamma: channel cap (not asked: over "
                + "max_channels_per_login), joined when a channel slot frees"), r.out());
        assertTrue(r.out().contains("full coverage: not reached"), r.out());
        try (Stream<Path> runs = Files.list(lake.resolve("runs/collect"))) {
            String record = Files.readString(runs.findFirst().orElseThrow());
            assertTrue(record.contains("\"channels_refused\" : 1"), record);
            assertTrue(record.contains("\"window_channels_wanted\" : 3"), record);
            assertTrue(record.contains("\"window_channels_joined\" : 2"), record);
            assertTrue(record.contains("\"window_channels_refused_channel_cap\" : 1"), record);
            assertTrue(record.contains("\"window_channels_waiting_for_slot\" : 1"), record);
        }
    }

    @Test
    void writeCsvTwinWritesTheOriginalsCsvBesideEachSnapshot() throws Exception {
        Path cfg = config("  window_seconds: 10\n  wait_for_hour_alignment: false\n  write_csv_twin: true\n");
        Path lake = dir.resolve("lake");
        AtomicReference<Result> result = new AtomicReference<>();
        Thread runner = Thread.ofPlatform().start(() -> {
            try {
                result.set(run(CREDENTIALS, "collect", "--config", cfg.toString(), "--data", lake.toString()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        irc.awaitJoined(WAIT, "alpha", "beta");
        irc.say("alpha", "bob", "12", "hey");
        irc.say("alpha", "ann", "11", "hi");
        irc.say("beta", "cy", "13", "yo");
        runner.join(Duration.ofSeconds(60).toMillis());
        Result r = result.get();
        assertEquals(0, r.code(), r.err());
        List<Path> json;
        try (Stream<Path> files = Files.walk(lake.resolve("raw/snapshots"))) {
            json = files.filter(Files::isRegularFile).sorted().toList();
        }
        assertEquals(2, json.size(), json.toString());
        for (Path j : json) {
            String stem = lake.resolve("raw/snapshots").relativize(j).toString().replace(".json", ".csv");
            List<String> csv = Files.readAllLines(lake.resolve("raw/chatter_logs").resolve(stem));
            assertEquals("timestamp,channel,viewer_count,game_name,title,started_at,username", csv.get(0));
            String channel = j.getFileName().toString().startsWith("alpha") ? "alpha" : "beta";
            List<String> logins = csv.subList(1, csv.size()).stream().map(l -> l.substring(l.lastIndexOf(',') + 1))
                    .toList();
            assertEquals(channel.equals("alpha") ? List.of("ann", "bob") : List.of("cy"), logins);
            assertTrue(csv.get(1).contains("," + channel + ","), csv.get(1));
        }
    }

    @Test
    void continuousAnalyzesAfterEveryNthWindow() throws Exception {
        Path cfg = config("  window_seconds: 10\n  wait_for_hour_alignment: false\n");
        Files.writeString(cfg, Files.readString(cfg) + "analysis:\n  analysis_interval_cycles: 1\n  output_dir: "
                + dir.resolve("exports") + "\n");
        Path lake = dir.resolve("lake");
        AtomicReference<Result> result = new AtomicReference<>();
        Thread runner = Thread.ofPlatform().start(() -> {
            try {
                result.set(run(CREDENTIALS, "continuous", "--cycles", "1", "--config", cfg.toString(),
                        "--data", lake.toString()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        irc.awaitJoined(WAIT, "alpha", "beta");
        for (String viewer : List.of("ann", "bob", "cy")) {
            irc.say("alpha", viewer, "1", "hi");
            irc.say("beta", viewer, "1", "hi");
        }
        runner.join(Duration.ofSeconds(60).toMillis());
        Result r = result.get();
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("continuous stopped (max_cycles): 1 windows, 2 snapshots written"), r.out());
        assertTrue(Files.isRegularFile(lake.resolve("processed/analysis_results.json")),
                "the analysis after window 1 wrote its results; out: " + r.out());
        assertTrue(Files.isDirectory(lake.resolve("runs/analyze")));
    }

    @Test
    void anAnalysisRunningOutOfMemoryCostsTheCollectorNoWindow() throws Exception {
        Path cfg = config("  window_seconds: 10\n  wait_for_hour_alignment: false\n");
        Files.writeString(cfg, Files.readString(cfg) + "analysis:\n  analysis_interval_cycles: 1\n");
        Path lake = dir.resolve("lake");
        List<Long> snapshotsWhenAnalysed = new CopyOnWriteArrayList<>();
        CountDownLatch firstAnalysis = new CountDownLatch(1);
        AnalysisTrigger hungry = cycle -> {
            try (Stream<Path> files = Files.walk(lake.resolve("raw/snapshots"))) {
                snapshotsWhenAnalysed.add(files.filter(Files::isRegularFile).count());
            }
            firstAnalysis.countDown();
            throw new OutOfMemoryError("Java heap space (test hook)");
        };
        AtomicReference<Result> result = new AtomicReference<>();
        Thread runner = Thread.ofPlatform().start(() -> {
            try {
                CommandLine cli = Main.commandLine();
                setEnvironment(cli, CREDENTIALS);
                ContinuousCommand continuous = (ContinuousCommand) cli.getSubcommands().get("continuous").getCommand();
                Field replacement = ContinuousCommand.class.getDeclaredField("replacement");
                replacement.setAccessible(true);
                replacement.set(continuous, Optional.of(hungry));
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                cli.setOut(new PrintWriter(out));
                cli.setErr(new PrintWriter(err));
                int code = cli.execute("continuous", "--cycles", "2", "--config", cfg.toString(), "--data",
                        lake.toString());
                result.set(new Result(code, out.toString(), err.toString()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        irc.awaitJoined(WAIT, "alpha", "beta");
        irc.say("alpha", "ann", "1", "hi");
        irc.say("beta", "bob", "1", "hi");
        assertTrue(firstAnalysis.await(60, TimeUnit.SECONDS), "the analysis after window 1 ran");
        irc.say("alpha", "cy", "1", "still here");
        runner.join(Duration.ofSeconds(60).toMillis());
        Result r = result.get();
        assertEquals(0, r.code(), r.err());
        // window 1 was written before its analysis ran out of memory, and window 2 was collected after it
        assertEquals(List.of(2L, 3L), snapshotsWhenAnalysed, r.out());
        assertTrue(r.out().contains("continuous stopped (max_cycles): 2 windows, 3 snapshots written"), r.out());
    }

    @Test
    void missingCredentialsExitTwoNamingBothVariables() throws Exception {
        Path cfg = config("");
        for (String command : List.of("collect", "continuous")) {
            Result r = run(Map.of(), command, "--config", cfg.toString(), "--data", dir.resolve("lake").toString());
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("TWITCH_OAUTH_TOKEN") && r.err().contains("TWITCH_CLIENT_ID"), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
        assertEquals(0, helix.getRequestCount());
    }

    @Test
    void aRefusedTokenFailsWithAClearMessage() throws Exception {
        helix.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse().setResponseCode(401).setBody("{\"status\":401,\"message\":\"invalid access token\"}");
            }
        });
        Result r = run(CREDENTIALS, "collect", "--config", config("").toString(), "--data",
                dir.resolve("lake").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("invalid access token"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void channelsUpdateWritesTheTopChannels() throws Exception {
        Path out = dir.resolve("top.txt");
        Result r = run(CREDENTIALS, "channels", "update", "--top", "2", "--config", config("").toString(),
                "--output", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("wrote 2 channels"), r.out());
        List<String> lines = Files.readAllLines(out);
        assertTrue(lines.get(0).startsWith("# top 2 live channels"), lines.toString());
        assertEquals(List.of("alpha", "beta"), lines.subList(1, lines.size()));
    }
}
