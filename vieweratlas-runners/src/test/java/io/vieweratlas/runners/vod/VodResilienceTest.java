package io.vieweratlas.runners.vod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vieweratlas.filesystem.FileSystemObjectStore;
import io.vieweratlas.lake.LakeLayout;
import io.vieweratlas.lake.vod.VodEntry;
import io.vieweratlas.lake.vod.VodQueue;
import io.vieweratlas.lake.vod.VodStatus;
import io.vieweratlas.lake.vod.VodTask;
import io.vieweratlas.runners.cli.Main;
import io.vieweratlas.runners.cli.VodCommand;
import org.junit.jupiter.api.AfterEach;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code vod} command end to end against the loopback fake VOD service: an endpoint outage
 * of any length fails nothing, a deleted VOD is final at once, a malformed queue entry is set
 * aside, and the operator commands show and steer the queue. Prints run times and attempts
 * charged per scenario (the figures in docs/BENCHMARKS.md).
 */
class VodResilienceTest {
    private static final Map<String, String> CREDENTIALS = Map.of("TWITCH_OAUTH_TOKEN", "oauth:tok",
            "TWITCH_CLIENT_ID", "cid");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private FakeVodService twitch;

    record Result(int code, String out, String err, long millis) {
    }

    @AfterEach
    void stop() throws IOException {
        if (twitch != null) {
            twitch.close();
        }
    }

    private static Result run(String... args) {
        CommandLine cli = Main.commandLine();
        for (CommandLine sub : cli.getSubcommands().values()) {
            for (Field f : sub.getCommand().getClass().getDeclaredFields()) {
                if (f.getName().equals("environment")) {
                    f.setAccessible(true);
                    try {
                        f.set(sub.getCommand(), CREDENTIALS);
                    } catch (IllegalAccessException e) {
                        throw new AssertionError(e);
                    }
                }
            }
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        long t0 = System.nanoTime();
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString(), (System.nanoTime() - t0) / 1_000_000);
    }

    private Path config() throws IOException {
        Files.writeString(dir.resolve("channels.txt"), "alice\n");
        Path cfg = dir.resolve("config.yaml");
        Files.writeString(cfg, "collection:\n  channels_file: " + dir.resolve("channels.txt") + "\n"
                + "vod:\n  enabled: true\n  auto_discover: true\n  rate_limit_delay_s: 0\n  min_views: 0\n"
                + "  vod_limit_per_channel: 20\n"
                + "twitch:\n  helix_url: " + twitch.url("/helix") + "\n  auth_url: " + twitch.url("/oauth2")
                + "\n  gql_url: " + twitch.url("/gql") + "\n");
        return cfg;
    }

    private Result vod(String... extra) throws IOException {
        String[] base = {"vod", "--config", config().toString(), "--data", dir.resolve("lake").toString()};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return run(all);
    }

    private Result sub(String name, String... extra) throws IOException {
        String[] base = {"vod", name, "--config", config().toString(), "--data", dir.resolve("lake").toString()};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return run(all);
    }

    private FileSystemObjectStore store() {
        return new FileSystemObjectStore(dir.resolve("lake"));
    }

    private SortedMap<String, VodEntry> queue() {
        return new VodQueue(store(), Clock.systemUTC(), "test").entries();
    }

    private static int attemptsCharged(SortedMap<String, VodEntry> q) {
        return q.values().stream().filter(e -> e.status() != VodStatus.COMPLETED
                && e.status() != VodStatus.UNAVAILABLE).mapToInt(VodEntry::attempts).sum();
    }

    private List<JsonNode> runRecords() throws IOException {
        try (Stream<String> keys = store().listKeys(LakeLayout.RUNS + "vod/")) {
            List<String> sorted = keys.sorted().toList();
            List<JsonNode> out = new java.util.ArrayList<>();
            for (String k : sorted) {
                out.add(JSON.readTree(store().get(k).orElseThrow().content()));
            }
            return out;
        }
    }

    @Test
    void sixRunsOfAnEndpointOutageChargeNothingAndTheHealthyRunTakesEveryVod() throws Exception {
        twitch = new FakeVodService(FakeVodService.recent(4, 10));
        twitch.mode.set(FakeVodService.Mode.OUTAGE);
        StringBuilder figures = new StringBuilder();
        for (int run = 1; run <= 6; run++) {
            int before = twitch.gqlRequests.get();
            Result r = vod();
            assertEquals(VodCommand.EXIT_ENDPOINT_OUTAGE, r.code(), r.out() + r.err());
            assertTrue(r.out().contains("vod stopped (endpoint_outage)"), r.out());
            assertTrue(r.out().contains("endpoint outage: gql:PersistedQueryNotFound"), r.out());
            assertEquals(2, twitch.gqlRequests.get() - before,
                    "the breaker stops at the second VOD with the same error, one request each");
            SortedMap<String, VodEntry> q = queue();
            assertEquals(4, q.size());
            assertTrue(q.values().stream().allMatch(e -> e.status() == VodStatus.PENDING), q.toString());
            assertEquals(0, attemptsCharged(q), "an outage charges no attempt");
            figures.append(String.format(Locale.ROOT, "outage run %d: %d ms, exit %d, %d GraphQL requests,"
                    + " attempts charged %d%n", run, r.millis(), r.code(), twitch.gqlRequests.get() - before,
                    attemptsCharged(q)));
        }
        JsonNode last = runRecords().get(runRecords().size() - 1);
        assertEquals(1, last.at("/counts/endpoint_outage").asInt());
        assertEquals(VodCommand.EXIT_ENDPOINT_OUTAGE, last.get("exit_code").asInt());
        assertTrue(last.get("errors").toString().contains("endpoint outage: gql:PersistedQueryNotFound"),
                last.toString());

        twitch.mode.set(FakeVodService.Mode.HEALTHY);
        Result healthy = vod();
        assertEquals(0, healthy.code(), healthy.out() + healthy.err());
        assertTrue(healthy.out().contains("4 VODs written (40 comments"), healthy.out());
        assertTrue(healthy.out().contains("queue: 0 pending, 0 failed, 0 quarantined"), healthy.out());
        SortedMap<String, VodEntry> q = queue();
        assertTrue(q.values().stream().allMatch(e -> e.status() == VodStatus.COMPLETED), q.toString());
        assertTrue(q.values().stream().allMatch(e -> e.attempts() == 1), "each VOD claimed once when healthy: " + q);
        figures.append(String.format(Locale.ROOT, "healthy run: %d ms, exit %d, 4/4 VODs written, none failed%n",
                healthy.millis(), healthy.code()));
        System.out.print(figures);
    }

    @Test
    void aLoneFailureIsGivenBackUnchargedAndTheRunIsNotQuiet() throws Exception {
        twitch = new FakeVodService(FakeVodService.recent(3, 4));
        twitch.mode.set(FakeVodService.Mode.OUTAGE);
        Result r = vod("--max-vods", "1");
        assertEquals(ExitCodes.FAILURE, r.code(), "one VOD failing alone is unresolved, not an outage: " + r.out());
        assertTrue(r.out().contains("vod stopped (max_vods_per_run)"), r.out());
        assertTrue(r.out().contains("1 given back uncharged"), r.out());
        assertEquals(0, attemptsCharged(queue()), "a lone failure is not known to be the VOD's own");
    }

    @Test
    void aDeletedVodIsUnavailableAfterOneRunAndTheOthersAreWritten() throws Exception {
        twitch = new FakeVodService(FakeVodService.recent(3, 6));
        twitch.deleted.add("802");
        Result r = vod();
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("2 VODs written"), r.out());
        assertTrue(r.out().contains("1 unavailable"), r.out());
        SortedMap<String, VodEntry> q = queue();
        assertEquals(VodStatus.UNAVAILABLE, q.get("802").status());
        assertEquals(1, twitch.replayRequests.get("802").get(), "asked once, not retried");
        assertEquals(VodStatus.COMPLETED, q.get("801").status());
        assertEquals(VodStatus.COMPLETED, q.get("803").status());
        Result again = vod();
        assertEquals(0, again.code(), again.out());
        assertEquals(1, twitch.replayRequests.get("802").get(), "never asked again");
        System.out.printf(Locale.ROOT, "deleted VOD: run %d ms, exit %d, unavailable after 1 run, attempts charged %d%n",
                r.millis(), r.code(), attemptsCharged(q));
    }

    @Test
    void aMalformedQueueEntryIsQuarantinedAndTheRestIsProcessed() throws Exception {
        twitch = new FakeVodService(FakeVodService.recent(2, 4));
        FileSystemObjectStore store = store();
        VodQueue q = new VodQueue(store, Clock.systemUTC(), "test");
        q.enqueue(List.of(new VodTask("801", "alice", "42", FakeVodService.recent(1, 0).get(0).createdAt()),
                new VodTask("990", "alice", "42", FakeVodService.recent(1, 0).get(0).createdAt())));
        String json = new String(store.get(LakeLayout.VOD_QUEUE).orElseThrow().content(), StandardCharsets.UTF_8);
        int at = json.indexOf("\"990\"");
        String broken = json.substring(0, at) + json.substring(at).replaceFirst("\"attempts\" : 0", "\"attempts\" : \"many\"");
        store.put(LakeLayout.VOD_QUEUE, broken.getBytes(StandardCharsets.UTF_8));

        Result r = vod();
        assertEquals(ExitCodes.FAILURE, r.code(), "a quarantined entry keeps the exit code non-zero: " + r.out());
        assertTrue(r.out().contains("2 VODs written"), r.out());
        assertTrue(r.out().contains("0 failed, 1 quarantined"), r.out());
        SortedMap<String, VodEntry> entries = queue();
        assertEquals(VodStatus.COMPLETED, entries.get("801").status());
        assertEquals(VodStatus.COMPLETED, entries.get("802").status());
        assertTrue(!entries.containsKey("990"));
        JsonNode record = runRecords().get(0);
        assertEquals(1, record.at("/counts/queue_quarantined").asInt());

        Result stats = sub("stats");
        assertEquals(0, stats.code(), stats.err());
        assertTrue(stats.out().contains("2 completed"), stats.out());
        assertTrue(stats.out().contains("quarantined 990"), stats.out());
        assertTrue(stats.out().contains("attempts"), stats.out());
        System.out.printf(Locale.ROOT, "malformed entry: run %d ms, exit %d, quarantined 1, processed 2%n", r.millis(),
                r.code());
    }

    @Test
    void operatorsAddRequeueAndLimitVods() throws Exception {
        twitch = new FakeVodService(FakeVodService.recent(3, 4));
        Result added = sub("add", "803", "999");
        assertEquals(ExitCodes.FAILURE, added.code(), "999 is unknown: " + added.out() + added.err());
        assertTrue(added.out().contains("VOD 803 queued"), added.out());
        assertTrue(added.err().contains("VOD 999 is not known"), added.err());
        assertEquals(List.of("803"), List.copyOf(queue().keySet()));

        Result limited = vod("--max-vods", "1");
        assertEquals(0, limited.code(), limited.out() + limited.err());
        assertTrue(limited.out().contains("vod stopped (max_vods_per_run)"), limited.out());
        assertTrue(limited.out().contains("1 VODs written"), limited.out());

        // A VOD failed for good (five charged attempts of its own) is requeued by the operator.
        FileSystemObjectStore store = store();
        VodQueue q = new VodQueue(store, Clock.systemUTC(), "test");
        String failedId = queue().entrySet().stream().filter(e -> e.getValue().status() == VodStatus.PENDING)
                .findFirst().orElseThrow().getKey();
        String json = new String(store.get(LakeLayout.VOD_QUEUE).orElseThrow().content(), StandardCharsets.UTF_8);
        int at = json.indexOf("\"" + failedId + "\"");
        store.put(LakeLayout.VOD_QUEUE, (json.substring(0, at) + json.substring(at)
                .replaceFirst("\"status\" : \"pending\"", "\"status\" : \"failed\"")
                .replaceFirst("\"attempts\" : 0", "\"attempts\" : 5")).getBytes(StandardCharsets.UTF_8));
        Result blocked = vod();
        assertEquals(ExitCodes.FAILURE, blocked.code(), "a failed VOD in the queue is never quiet: " + blocked.out());
        assertTrue(blocked.out().contains("1 failed, 0 quarantined"), blocked.out());
        Result requeued = sub("requeue", "--failed", "--since", "2020-01-01");
        assertEquals(0, requeued.code(), requeued.err());
        assertTrue(requeued.out().contains("1 failed VODs requeued: " + failedId), requeued.out());
        assertEquals(0, q.entries().get(failedId).attempts());
        Result done = vod();
        assertEquals(0, done.code(), done.out());
        assertEquals(VodStatus.COMPLETED, queue().get(failedId).status());
        Result bad = sub("requeue", "--failed", "--since", "yesterday");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--since"), bad.err());
    }

    /** The CLI's exit codes, as the command documents them. */
    private static final class ExitCodes {
        static final int FAILURE = 1;
    }
}
