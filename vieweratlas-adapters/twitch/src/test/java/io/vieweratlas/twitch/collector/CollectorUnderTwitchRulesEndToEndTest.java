package io.vieweratlas.twitch.collector;

import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.twitch.Sleeper;
import io.vieweratlas.twitch.auth.TwitchCredentials;
import io.vieweratlas.twitch.helix.HelixClient;
import io.vieweratlas.twitch.helix.HelixSettings;
import io.vieweratlas.twitch.http.RetryPolicy;
import io.vieweratlas.twitch.irc.FakeIrcServer;
import io.vieweratlas.twitch.irc.IrcChatClient;
import io.vieweratlas.twitch.irc.IrcIdentity;
import io.vieweratlas.twitch.irc.IrcSettings;
import io.vieweratlas.twitch.irc.JoinRateLimiter;
import io.vieweratlas.twitch.irc.JoinRefusal;
import io.vieweratlas.twitch.irc.RefusalReason;
import io.vieweratlas.twitch.irc.RetryAfter;
import io.vieweratlas.twitch.presence.PresenceAccumulator;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static io.vieweratlas.twitch.irc.FakeIrcServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The collector against a loopback Twitch that keeps the real rules: 150 live channels plus a
 * suspended one, a user token configured for Helix, several windows. Twitch's join limit is kept
 * in count (20 JOINs per window per account) with the window shortened to 250 ms so the test is quick;
 * the fake Helix closes every connection after answering, as servers close idle keep-alive connections.
 */
class CollectorUnderTwitchRulesEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration JOIN_WINDOW = Duration.ofMillis(250);
    private static final int CHANNELS = 150;

    private final Map<String, Long> live = new ConcurrentHashMap<>();
    private MockWebServer helix;
    private FakeIrcServer irc;
    private HelixClient directory;
    private IrcChatClient chat;
    private PresenceAccumulator accumulator;
    private final InMemorySnapshotStore store = new InMemorySnapshotStore();
    private final List<WindowReport> reports = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        for (int i = 0; i < CHANNELS; i++) {
            live.put(String.format("ch%03d", i), 10_000L - 50L * i);
        }
        live.put("banned_streamer", 1_000_000L); // the largest: asked for first, and refused
        helix = new MockWebServer();
        helix.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getRequestUrl().encodedPath();
                if (path.equals("/oauth2/validate")) {
                    return new MockResponse().setHeader("Content-Type", "application/json").setBody(
                            "{\"client_id\":\"cid\",\"login\":\"collectorbot\",\"user_id\":\"1\",\"expires_in\":9999}");
                }
                if (path.equals("/helix/streams")) {
                    List<String> logins = request.getRequestUrl().queryParameterValues("user_login");
                    int first = Integer.parseInt(Optional.ofNullable(request.getRequestUrl().queryParameter("first"))
                            .orElse("100"));
                    int offset = Integer.parseInt(Optional.ofNullable(request.getRequestUrl().queryParameter("after"))
                            .orElse("0"));
                    List<Map.Entry<String, Long>> page = live.entrySet().stream()
                            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                            .filter(e -> logins.isEmpty() || logins.contains(e.getKey()))
                            .skip(offset).limit(logins.isEmpty() ? first : 100).toList();
                    List<String> items = new ArrayList<>();
                    page.forEach(e -> items.add("{\"id\":\"s\",\"user_id\":\"id-" + e.getKey()
                            + "\",\"user_login\":\"" + e.getKey() + "\",\"game_name\":\"Chess\",\"type\":"
                            + "\"live\",\"title\":\"T\",\"viewer_count\":" + e.getValue()
                            + ",\"started_at\":\"2026-11-24T10:00:00Z\",\"language\":\"en\"}"));
                    // Helix pages with an opaque cursor; here it is the offset of the next page.
                    String cursor = logins.isEmpty() && page.size() == first
                            ? "{\"cursor\":\"" + (offset + first) + "\"}" : "{}";
                    // Like a real front end closing idle keep-alive connections: the next request finds its
                    // pooled connection closed (the client sends it again on a fresh one).
                    return new MockResponse().setHeader("Content-Type", "application/json")
                            .setBody("{\"data\":[" + String.join(",", items) + "],\"pagination\":" + cursor + "}")
                            .setSocketPolicy(okhttp3.mockwebserver.SocketPolicy.DISCONNECT_AT_END);
                }
                return new MockResponse().setResponseCode(404);
            }
        });
        helix.start();
        irc = new FakeIrcServer(20, JOIN_WINDOW, Optional.of("tok"));
        irc.suspend("banned_streamer");
        irc.roomSize("ch000", 40_000); // a big room: no membership messages, only message authors
        directory = HelixClient.create(HelixSettings.builder().helixUrl(helix.url("/helix").toString())
                        .authUrl(helix.url("/oauth2").toString())
                        .retry(new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(20))).build(),
                TwitchCredentials.userToken("cid", "tok"));
        accumulator = new PresenceAccumulator(Instant.now());
    }

    @AfterEach
    void stop() throws IOException {
        if (chat != null) {
            chat.close();
        }
        directory.close();
        irc.close();
        helix.shutdown();
    }

    private void chat(IrcIdentity identity) {
        IrcSettings settings = IrcSettings.builder().uri(irc.uri()).idleTimeout(Duration.ofSeconds(10))
                .joinLimit(20).joinWindow(JOIN_WINDOW).reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
                .maxChannelsPerLogin(100).build();
        // The same slack as production (5 %) plus 50 ms for thread scheduling on a busy machine.
        chat = new IrcChatClient(settings, identity, accumulator, new JoinRateLimiter(20,
                JOIN_WINDOW.plus(JOIN_WINDOW.dividedBy(20)).plusMillis(50), Clock.systemUTC(), Sleeper.SYSTEM),
                Clock.systemUTC(), Sleeper.SYSTEM, new SplittableRandom(4));
    }

    private LiveCollector collector() {
        CollectorSettings settings = CollectorSettings.builder().window(Duration.ofMillis(1500))
                .discoveryInterval(Duration.ofMinutes(10)).topChannelsLimit(500).build();
        return new LiveCollector(settings, directory, chat, accumulator, store, List::of, Clock.systemUTC(),
                reports::add);
    }

    /** Sends messages (and membership JOINs) in every joined channel for two window closes; returns what was delivered. */
    private Map<String, Set<String>> chatUntilTwoWindowsClosed() throws InterruptedException {
        Map<String, Set<String>> sent = new ConcurrentHashMap<>();
        SplittableRandom random = new SplittableRandom(7);
        int round = 0;
        int closedBefore = reports.size();
        while (reports.size() < closedBefore + 2) {
            for (String channel : live.keySet()) {
                String viewer = "v" + random.nextInt(40) + "_" + channel.hashCode() % 7;
                String login = viewer.replace('-', 'm');
                boolean delivered = round % 5 == 4 ? irc.membershipJoin(channel, login) > 0
                        : irc.say(channel, login, "1", "hello") > 0;
                if (delivered) {
                    sent.computeIfAbsent(channel, k -> ConcurrentHashMap.newKeySet()).add(login);
                }
            }
            round++;
            Thread.sleep(50);
        }
        // Lines on a connection are handled in order: the PONGs prove everything before them was read.
        int pongs = irc.pongsReceived();
        irc.pingAll();
        await("PONGs", WAIT, () -> irc.pongsReceived() >= pongs + irc.liveConnections());
        return sent;
    }

    private Map<String, Set<String>> collected() {
        Map<String, Set<String>> result = new TreeMap<>();
        for (PresenceSnapshot s : store.all()) {
            result.computeIfAbsent(s.channel(), k -> new TreeSet<>()).addAll(s.chatters());
        }
        return result;
    }

    private static CollectionReport runUntil(LiveCollector collector, ThrowingRunnable during) throws Exception {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread runner = Thread.ofPlatform().start(() -> {
            try {
                outcome.set(collector.run());
            } catch (RuntimeException e) {
                outcome.set(e);
            }
        });
        during.run();
        collector.stop();
        runner.join(WAIT.toMillis());
        assertTrue(outcome.get() instanceof CollectionReport, String.valueOf(outcome.get()));
        return (CollectionReport) outcome.get();
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void anonymousChatWatchesAll150ChannelsPastTheCapAndReportsTheSuspendedOne() throws Exception {
        chat(IrcIdentity.anonymous(new SplittableRandom(1)));
        LiveCollector collector = collector();
        AtomicReference<Map<String, Set<String>>> sent = new AtomicReference<>();
        CollectionReport report = runUntil(collector, () -> {
            irc.awaitJoined(WAIT, live.keySet().stream().filter(c -> !c.equals("banned_streamer"))
                    .toArray(String[]::new));
            sent.set(chatUntilTwoWindowsClosed());
        });

        Map<String, Set<String>> collected = collected();
        assertEquals(CHANNELS, collected.size(), "every live channel has snapshots: " + collected.keySet());
        long sentPairs = 0;
        long found = 0;
        for (Map.Entry<String, Set<String>> e : sent.get().entrySet()) {
            sentPairs += e.getValue().size();
            Set<String> got = collected.getOrDefault(e.getKey(), Set.of());
            found += e.getValue().stream().filter(got::contains).count();
        }
        double recall = (double) found / sentPairs;
        assertTrue(recall >= 0.98, "recall " + recall);
        collected.forEach((channel, logins) -> assertTrue(sent.get().getOrDefault(channel, Set.of())
                .containsAll(logins), "nothing invented in " + channel));
        assertEquals(0, irc.droppedForJoinFlood(), "no connection dropped for the JOIN limit");
        assertEquals(0, irc.capRefusals(), "an anonymous login has no channel cap");

        assertEquals(List.of("banned_streamer"), report.refused().stream().map(JoinRefusal::channel).toList());
        JoinRefusal suspended = report.refused().get(0);
        assertEquals(RefusalReason.SUSPENDED, suspended.reason());
        assertEquals(RetryAfter.NEXT_DISCOVERY, suspended.retryAfter());
        assertEquals(1, irc.suspendedRefusals(), "asked once: not retried before the next discovery");
        assertTrue(reports.size() >= 3, "at least two full windows and the flushed partial one");
        WindowCoverage coverage = reports.get(reports.size() - 2).coverage(); // the last full window
        assertEquals(CHANNELS + 1, coverage.wanted());
        assertEquals(CHANNELS, coverage.joined());
        assertEquals(Map.of("suspended", 1), coverage.refusedByReason());
        assertTrue(!reports.get(reports.size() - 2).channelsWatched().contains("banned_streamer"));
        assertEquals(0, coverage.waitingForSlot());
        assertTrue(coverage.viewerShare() < 0.5, "the suspended channel holds most viewers: "
                + coverage.viewerShare());
        assertTrue(report.timeToFullCoverage().isPresent(), "every joinable channel joined; the refused one is"
                + " reported, not waited for");
    }

    @Test
    void aUserLoginStaysAt100ChannelsAndReportsTheOther50AsRefusedByTheCapOnce() throws Exception {
        live.remove("banned_streamer");
        chat(IrcIdentity.user("collectorbot", "tok"));
        LiveCollector collector = collector();
        CollectionReport report = runUntil(collector, () -> {
            await("100 joined", WAIT, () -> irc.channelsOf("collectorbot") == 100);
            chatUntilTwoWindowsClosed();
        });
        assertEquals(100, irc.channelsOf("collectorbot"), "at most 100 channels at once");
        assertEquals(100, chat.stats().joinsSent(), "never a JOIN beyond them, and no retry loop");
        assertEquals(0, irc.capRefusals(), "never asked Twitch for more than the cap");
        assertEquals(0, irc.droppedForJoinFlood());
        assertEquals(50, report.refused().size());
        assertTrue(report.refused().stream().allMatch(r -> r.reason() == RefusalReason.CHANNEL_CAP
                && !r.byTwitch() && r.retryAfter() == RetryAfter.SLOT_FREES));
        Set<String> joined = collected().keySet();
        assertEquals(100, joined.size());
        assertTrue(joined.contains("ch000") && joined.contains("ch099") && !joined.contains("ch100"),
                "the 100 largest channels are the ones watched");
        WindowCoverage coverage = reports.get(reports.size() - 2).coverage();
        assertEquals(150, coverage.wanted());
        assertEquals(100, coverage.joined());
        assertEquals(50, coverage.waitingForSlot());
        assertEquals(Map.of("channel_cap", 50), coverage.refusedByReason());
        assertEquals(100, reports.get(reports.size() - 2).channelsWatched().size(),
                "channels waiting for a slot are not counted as watched (nor as collected today)");
        assertTrue(report.timeToFullCoverage().isEmpty(), "50 channels wait for a slot");
    }
}
