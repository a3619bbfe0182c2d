package io.vieweratlas.runners.vod;

import io.vieweratlas.core.model.PresenceSourceKind;
import io.vieweratlas.filesystem.FileSystemObjectStore;
import io.vieweratlas.lake.LakeLayout;
import io.vieweratlas.lake.vod.VodEntry;
import io.vieweratlas.lake.vod.VodQueue;
import io.vieweratlas.lake.vod.VodStatus;
import io.vieweratlas.lake.vod.VodTask;
import io.vieweratlas.runners.config.VodConfig;
import io.vieweratlas.twitch.auth.TwitchCredentials;
import io.vieweratlas.twitch.helix.HelixClient;
import io.vieweratlas.twitch.helix.HelixSettings;
import io.vieweratlas.twitch.vod.ChatComment;
import io.vieweratlas.twitch.vod.ChatReplay;
import io.vieweratlas.twitch.vod.ChatReplaySource;
import io.vieweratlas.twitch.vod.GqlChatReplayClient;
import io.vieweratlas.twitch.vod.GqlSettings;
import io.vieweratlas.twitch.vod.ReplaySummary;
import io.vieweratlas.twitch.vod.TwitchDownloaderJson;
import io.vieweratlas.twitch.vod.VodChat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The queue loop's failure classes, two racing workers, and a shutdown in the middle of a VOD. */
class VodCollectionFailureTest {
    private static final VodConfig CONFIG = new VodConfig(true, 60, false, 1, 24, 14, 0, 100, 100, 0);
    private static final Instant CREATED = Instant.parse("2026-11-24T10:00:00Z");

    private static HelixClient unusedHelix() {
        // discovery is off in these tests: Helix is never called
        return HelixClient.create(HelixSettings.builder().helixUrl("http://127.0.0.1:9/helix")
                .authUrl("http://127.0.0.1:9/oauth2").build(), TwitchCredentials.userToken("cid", "oauth:t"));
    }

    private static VodTask task(String id) {
        return new VodTask(id, "alice", "42", CREATED);
    }

    /** The real client against the fake, waiting on a recording sleeper instead of the clock. */
    private static GqlChatReplayClient client(FakeVodService twitch, List<Duration> sleeps) {
        GqlSettings s = new GqlSettings(URI.create(twitch.url("/gql")), GqlSettings.WEB_CLIENT_ID, Duration.ZERO, 2,
                Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(5));
        return new GqlChatReplayClient(s, sleeps::add);
    }

    @Test
    void aVodsOwnTransientFailureIsChargedOnceAnotherVodSucceeds(@TempDir Path dir) throws Exception {
        List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
        try (FakeVodService twitch = new FakeVodService(FakeVodService.recent(2, 4));
             GqlChatReplayClient gql = client(twitch, sleeps); HelixClient helix = unusedHelix()) {
            twitch.failing.add("801");
            FileSystemObjectStore store = new FileSystemObjectStore(dir);
            VodQueue queue = new VodQueue(store, Clock.systemUTC(), "w");
            queue.enqueue(List.of(task("801"), task("802")));
            long t0 = System.nanoTime();
            VodCollectionService.Report r = new VodCollectionService(helix, gql, queue, new VodDailyState(store), new VodIngest(store, 60),
                    Clock.systemUTC()).run(new VodCollectionService.Request(CONFIG, List.of()));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(1, r.completed());
            assertEquals(1, r.failed(), "801 failed alone while 802 was served: its own failure");
            assertEquals(Optional.empty(), r.outage());
            VodEntry e = queue.entries().get("801");
            assertEquals(VodStatus.PENDING, e.status());
            assertEquals(1, e.attempts());
            assertTrue(e.notBefore().isPresent(), "backs off before the next attempt");
            assertEquals(Optional.of("http_503"), e.errorClass());
            assertEquals(3, twitch.replayRequests.get("801").get(), "the client's own retries came first");
            assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)),
                    sleeps.stream().filter(Duration::isPositive).toList(), "backoff, on the fake sleeper");
            System.out.printf(Locale.ROOT, "transient (one VOD's 503): %d ms, attempts charged 1 (to that VOD)%n", ms);
        }
    }

    @Test
    void serverErrorsOnEveryVodStopTheRunAsAnOutageChargingNothing(@TempDir Path dir) throws Exception {
        List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
        try (FakeVodService twitch = new FakeVodService(FakeVodService.recent(4, 4));
             GqlChatReplayClient gql = client(twitch, sleeps); HelixClient helix = unusedHelix()) {
            twitch.mode.set(FakeVodService.Mode.SERVER_ERROR);
            FileSystemObjectStore store = new FileSystemObjectStore(dir);
            VodQueue queue = new VodQueue(store, Clock.systemUTC(), "w");
            queue.enqueue(List.of(task("801"), task("802"), task("803"), task("804")));
            VodCollectionService.Report r = new VodCollectionService(helix, gql, queue, new VodDailyState(store), new VodIngest(store, 60),
                    Clock.systemUTC()).run(new VodCollectionService.Request(CONFIG, List.of()));
            assertEquals("endpoint_outage", r.stopReason());
            assertTrue(r.outage().orElseThrow().startsWith("http_503"), r.outage().toString());
            assertEquals(0, r.failed());
            assertEquals(2, r.released());
            assertEquals(6, twitch.gqlRequests.get(), "two VODs of three requests each, then the breaker");
            assertTrue(queue.entries().values().stream().allMatch(e -> e.attempts() == 0
                    && e.status() == VodStatus.PENDING && e.notBefore().isEmpty()), queue.entries().toString());
        }
    }

    @Test
    void twoWorkersRacingProcessEveryVodExactlyOnce(@TempDir Path dir) throws Exception {
        FileSystemObjectStore store = new FileSystemObjectStore(dir);
        List<VodTask> tasks = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            tasks.add(task(String.valueOf(700 + i)));
        }
        new VodQueue(store, Clock.systemUTC(), "setup").enqueue(tasks);
        Map<String, AtomicInteger> fetches = new ConcurrentHashMap<>();
        ChatReplaySource replays = (vodId, sink) -> {
            fetches.computeIfAbsent(vodId, k -> new AtomicInteger()).incrementAndGet();
            for (int page = 0; page < 3; page++) {
                try {
                    Thread.sleep(5); // let the other worker interleave
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                sink.page(List.of(new ChatComment(vodId + "-" + page, page * 70.0, "1", "u" + page, "u", "x")));
            }
            return new ReplaySummary(vodId, 3, 0, 0, 3, 0);
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        long t0 = System.nanoTime();
        try (HelixClient helix = unusedHelix()) {
            List<Future<VodCollectionService.Report>> reports = new ArrayList<>();
            for (String owner : List.of("worker-a", "worker-b")) {
                VodQueue q = new VodQueue(store, Clock.systemUTC(), owner);
                VodCollectionService runner = new VodCollectionService(helix, replays, q, new VodDailyState(store), new VodIngest(store, 60),
                        Clock.systemUTC());
                reports.add(pool.submit(() -> runner.run(new VodCollectionService.Request(CONFIG, List.of()))));
            }
            long completed = 0;
            for (Future<VodCollectionService.Report> f : reports) {
                VodCollectionService.Report r = f.get();
                assertEquals(0, r.failed());
                assertEquals(0, r.leaseLost());
                completed += r.completed();
            }
            assertEquals(12, completed);
        } finally {
            pool.shutdownNow();
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(12, fetches.size());
        assertTrue(fetches.values().stream().allMatch(n -> n.get() == 1), "each VOD fetched once: " + fetches);
        assertTrue(new VodQueue(store, Clock.systemUTC(), "check").entries().values().stream()
                .allMatch(e -> e.status() == VodStatus.COMPLETED && e.attempts() == 1));
        System.out.printf(Locale.ROOT, "two workers racing: %d ms for 12 VODs, each processed once, attempts charged 0%n",
                ms);
    }

    @Test
    void aShutdownMidVodGivesTheLeaseBackAndLeavesNoPartialObject(@TempDir Path dir) throws Exception {
        FileSystemObjectStore store = new FileSystemObjectStore(dir);
        VodQueue queue = new VodQueue(store, Clock.systemUTC(), "w");
        queue.enqueue(List.of(task("801"), task("802")));
        AtomicInteger pages = new AtomicInteger();
        VodCollectionService[] runner = new VodCollectionService[1];
        ChatReplaySource replays = (vodId, sink) -> {
            for (int page = 0; page < 50; page++) {
                if (page == 20) {
                    runner[0].requestStop(); // SIGTERM arrives
                }
                List<ChatComment> fresh = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    fresh.add(new ChatComment(vodId + "-" + page + "-" + i, page * 60.0 + i * 0.1, "1", "user" + i,
                            "User" + i, "a message of some length to fill the raw parts"));
                }
                pages.incrementAndGet();
                sink.page(fresh);
            }
            return new ReplaySummary(vodId, 10_000, 0, 0, 50, 0);
        };
        try (HelixClient helix = unusedHelix()) {
            runner[0] = new VodCollectionService(helix, replays, queue, new VodDailyState(store),
                    new VodIngest(store, 60).withRawPartBytes(64 * 1024), Clock.systemUTC());
            VodCollectionService.Report r = runner[0].run(new VodCollectionService.Request(CONFIG, List.of()));
            assertEquals("shutdown", r.stopReason());
            assertEquals(0, r.completed());
            assertEquals(0, r.failed());
        }
        assertEquals(21, pages.get(), "the page in hand when the stop came was the last");
        VodEntry e = queue.entries().get("801");
        assertEquals(VodStatus.PENDING, e.status(), "lease given back");
        assertEquals(0, e.attempts(), "uncharged");
        assertEquals(VodStatus.PENDING, queue.entries().get("802").status(), "not started");
        try (Stream<String> raw = store.listKeys("raw/"); Stream<String> curated = store.listKeys("curated/")) {
            assertEquals(List.of(), raw.toList(), "raw parts written before the stop were removed");
            assertEquals(List.of(), curated.toList());
        }
    }

    @Test
    void aLongRawReplayIsWrittenInPartsWithChatJsonLastAndStalePartsRemoved(@TempDir Path dir) {
        FileSystemObjectStore store = new FileSystemObjectStore(dir);
        List<ChatComment> comments = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            comments.add(new ChatComment("c" + i, i * 1.5, "7", "user" + (i % 50), "User", "message " + i));
        }
        VodIngest ingest = new VodIngest(store, 60).withRawPartBytes(32 * 1024);
        VodChat chat = new VodChat("alice", "42", "555", CREATED, "t", new ChatReplay("555", comments, 0, 0, 0, 0));
        VodIngest.Result r = ingest.ingest(chat, PresenceSourceKind.VOD, true);
        String chatKey = LakeLayout.vodChatKey("alice", "555");
        assertEquals(Optional.of(chatKey), r.rawKey());
        List<String> keys;
        try (Stream<String> s = store.listKeys("raw/vod_chat/channel=alice/vod_id=555/")) {
            keys = s.toList();
        }
        assertTrue(keys.size() > 3, "several parts: " + keys);
        Set<String> ids = new HashSet<>();
        for (String k : keys) {
            VodChat part = TwitchDownloaderJson.read(store.get(k).orElseThrow().content(), k);
            assertEquals("555", part.vodId(), "every part is a complete chat file");
            part.replay().comments().forEach(c -> assertTrue(ids.add(c.id()), "comment in two parts: " + c.id()));
        }
        assertEquals(3000, ids.size());
        String main = new String(store.get(chatKey).orElseThrow().content(), StandardCharsets.UTF_8);
        assertTrue(main.contains("\"parts\":[\"chat.part-0001.json\""), main.substring(Math.max(0, main.length() - 300)));

        // A re-fetch that turns out shorter removes the parts it no longer has.
        VodChat shorter = new VodChat("alice", "42", "555", CREATED, "t",
                new ChatReplay("555", comments.subList(0, 10), 0, 0, 0, 0));
        ingest.ingest(shorter, PresenceSourceKind.VOD, true);
        try (Stream<String> s = store.listKeys("raw/vod_chat/channel=alice/vod_id=555/")) {
            assertEquals(List.of(chatKey), s.toList());
        }
        assertFalse(new String(store.get(chatKey).orElseThrow().content(), StandardCharsets.UTF_8).contains("parts"));
    }

    @Test
    void aMalformedDailyStateIsQuarantinedAndDiscoveryStateKeepsWorking(@TempDir Path dir) {
        FileSystemObjectStore store = new FileSystemObjectStore(dir);
        store.put(LakeLayout.DAILY_COLLECTION_STATE, ("{\"schema_version\":1,\"days\":{"
                + "\"2026-11-24\":{\"vod\":{\"alice\":[\"801\"],\"bob\":\"oops\"},\"live\":[\"carol\"]},"
                + "\"not-a-day\":{}}}").getBytes(StandardCharsets.UTF_8));
        VodDailyState daily = new VodDailyState(store);
        java.time.LocalDate day = java.time.LocalDate.parse("2026-11-24");
        assertEquals(Map.of("alice", 1), daily.vodCounts(day), "the bad channel is passed over when reading");
        assertEquals(Set.of("carol"), daily.liveChannels(day, day));
        daily.recordVod(day, "alice", "802");
        assertEquals(Map.of("alice", 2), daily.vodCounts(day));
        assertEquals(2, daily.quarantined(), "the bad channel and the bad day, moved in the same write");
        String json = new String(store.get(LakeLayout.DAILY_COLLECTION_STATE).orElseThrow().content(),
                StandardCharsets.UTF_8);
        assertTrue(json.contains("days.2026-11-24.vod.bob") && json.contains("not-a-day"), json);

        store.put(LakeLayout.DAILY_COLLECTION_STATE, "not json".getBytes(StandardCharsets.UTF_8));
        assertEquals(Map.of(), daily.vodCounts(day));
        daily.recordVod(day, "alice", "803");
        assertEquals(Map.of("alice", 1), daily.vodCounts(day));
        assertEquals(1, daily.quarantined());
    }
}
