package io.vieweratlas.twitch.collector;

import io.vieweratlas.core.model.Evidence;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.PresenceSourceKind;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.vieweratlas.twitch.irc.FakeIrcServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fake Helix lists channels, the fake IRC server chats in them, the collector writes the snapshots. */
class LiveCollectorEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Map<String, Long> live = new ConcurrentHashMap<>();
    private final AtomicInteger loginQueries = new AtomicInteger();
    private MockWebServer helix;
    private FakeIrcServer irc;
    private HelixClient directory;
    private IrcChatClient chat;
    private PresenceAccumulator accumulator;
    private final InMemorySnapshotStore store = new InMemorySnapshotStore();
    private final List<WindowReport> reports = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        helix = new MockWebServer();
        helix.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getRequestUrl().encodedPath();
                if (path.equals("/oauth2/validate")) {
                    return json("{\"client_id\":\"cid\",\"login\":\"collector\",\"user_id\":\"1\",\"expires_in\":9999}");
                }
                if (path.equals("/helix/streams")) {
                    List<String> logins = request.getRequestUrl().queryParameterValues("user_login");
                    if (!logins.isEmpty()) {
                        loginQueries.incrementAndGet();
                    }
                    List<String> items = new ArrayList<>();
                    new TreeMap<>(live).forEach((login, viewers) -> {
                        if (logins.isEmpty() || logins.contains(login)) {
                            items.add("{\"id\":\"s" + login + "\",\"user_id\":\"id-" + login + "\",\"user_login\":\""
                                    + login + "\",\"game_name\":\"Chess\",\"type\":\"live\",\"title\":\"T " + login
                                    + "\",\"viewer_count\":" + viewers
                                    + ",\"started_at\":\"2026-11-24T10:00:00Z\",\"language\":\"en\"}");
                        }
                    });
                    return json("{\"data\":[" + String.join(",", items) + "],\"pagination\":{}}");
                }
                return new MockResponse().setResponseCode(404);
            }
        });
        helix.start();
        irc = new FakeIrcServer(20, Duration.ofSeconds(10));
        directory = HelixClient.create(HelixSettings.builder().helixUrl(helix.url("/helix").toString())
                        .authUrl(helix.url("/oauth2").toString())
                        .retry(new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(20))).build(),
                TwitchCredentials.userToken("cid", "tok"));
        accumulator = new PresenceAccumulator(Instant.now());
        IrcSettings ircSettings = IrcSettings.builder().uri(irc.uri()).idleTimeout(Duration.ofSeconds(5))
                .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200)).build();
        chat = new IrcChatClient(ircSettings, IrcIdentity.anonymous(new SplittableRandom(4)), accumulator,
                new JoinRateLimiter(20, Duration.ofSeconds(10), Clock.systemUTC(), Sleeper.SYSTEM), Clock.systemUTC(),
                Sleeper.SYSTEM, new SplittableRandom(4));
    }

    @AfterEach
    void stop() throws IOException {
        chat.close();
        directory.close();
        irc.close();
        helix.shutdown();
    }

    private static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }

    private LiveCollector collector(CollectorSettings settings, List<String> pinned) {
        return new LiveCollector(settings, directory, chat, accumulator, store, () -> pinned, Clock.systemUTC(),
                reports::add);
    }

    private static Thread runInBackground(LiveCollector collector, AtomicReference<Object> outcome) {
        return Thread.ofPlatform().start(() -> {
            try {
                outcome.set(collector.run());
            } catch (RuntimeException e) {
                outcome.set(e);
            }
        });
    }

    private Map<String, Set<String>> chattersByChannel() {
        Map<String, Set<String>> result = new TreeMap<>();
        for (PresenceSnapshot s : store.all()) {
            result.computeIfAbsent(s.channel(), k -> new TreeSet<>()).addAll(s.chatters());
        }
        return result;
    }

    @Test
    void snapshotsHoldExactlyTheChattersSentAcrossAReconnectAndAStop() throws Exception {
        live.put("alpha", 500L);
        live.put("beta", 300L);
        LiveCollector collector = collector(CollectorSettings.builder().window(Duration.ofMinutes(10))
                .discoveryInterval(Duration.ofMinutes(10)).topChannelsLimit(10).build(), List.of());
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread runner = runInBackground(collector, outcome);

        irc.awaitJoined(WAIT, "alpha", "beta");
        irc.say("alpha", "ann", "11", "hi");
        irc.say("alpha", "bob", "12", "hello");
        irc.say("beta", "cat", "13", "hey");
        await("first messages", WAIT, () -> accumulator.eventsTotal() == 3);

        irc.reconnectAll();
        await("reconnect", WAIT, () -> irc.connectionsAccepted() == 2);
        irc.awaitJoined(WAIT, "alpha", "beta");
        irc.say("alpha", "dan", "14", "back");
        irc.say("beta", "ann", "11", "me too");
        await("messages after the reconnect", WAIT, () -> accumulator.eventsTotal() == 5);

        collector.stop(); // what SIGTERM does
        runner.join(WAIT.toMillis());
        CollectionReport report = (CollectionReport) outcome.get();
        assertEquals(CollectionReport.StopReason.STOPPED, report.stopReason());
        assertEquals(1, report.cycles());
        assertEquals(2, report.written());

        assertEquals(Map.of("alpha", Set.of("ann", "bob", "dan"), "beta", Set.of("ann", "cat")), chattersByChannel());
        PresenceSnapshot alpha = store.all().stream().filter(s -> s.channel().equals("alpha")).findFirst().orElseThrow();
        assertEquals(PresenceSourceKind.IRC, alpha.source());
        assertEquals(Optional.of("id-alpha"), alpha.channelId());
        assertEquals(500, alpha.stream().viewerCount());
        assertEquals("Chess", alpha.stream().gameName());
        assertTrue(alpha.evidence().values().stream().allMatch(e -> e.equals(Set.of(Evidence.MESSAGE))));
        assertTrue(alpha.window().compareTo(Duration.ofMinutes(10)) < 0, "the stop flushed a partial window");
        assertEquals(1, reports.size());
        assertTrue(reports.get(0).partial());
        assertEquals(Set.of("alpha", "beta"), reports.get(0).channelsWatched());
    }

    @Test
    void closesWindowsOnScheduleUntilTheCycleGuard() throws Exception {
        live.put("alpha", 10L);
        LiveCollector collector = collector(CollectorSettings.builder().window(Duration.ofMillis(1500))
                .discoveryInterval(Duration.ofMinutes(10)).topChannelsLimit(0).maxCycles(2).build(), List.of("alpha",
                "offline"));
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread runner = runInBackground(collector, outcome);
        irc.awaitJoined(WAIT, "alpha");
        irc.say("alpha", "ann", "11", "one");
        runner.join(WAIT.toMillis());
        CollectionReport report = (CollectionReport) outcome.get();
        assertEquals(CollectionReport.StopReason.MAX_CYCLES, report.stopReason());
        assertEquals(2, report.cycles());
        assertEquals(2, reports.size());
        assertTrue(reports.stream().noneMatch(WindowReport::partial));
        assertEquals(Duration.ofMillis(1500), Duration.between(reports.get(1).start(), reports.get(1).end()));
        assertEquals(Map.of("alpha", Set.of("ann")), chattersByChannel());
        assertTrue(loginQueries.get() >= 2, "pinned channels are looked up, and metadata is fetched at window end");
        assertEquals(Set.of("alpha"), chat.channels(), "an offline pinned channel is not joined");
    }

    @Test
    void discoveryJoinsChannelsThatWentLiveAndPartsThoseThatEnded() throws Exception {
        live.put("alpha", 10L);
        live.put("beta", 20L);
        LiveCollector collector = collector(CollectorSettings.builder().window(Duration.ofMinutes(10))
                .discoveryInterval(Duration.ofMillis(200)).topChannelsLimit(10).build(), List.of());
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread runner = runInBackground(collector, outcome);
        irc.awaitJoined(WAIT, "alpha", "beta");
        irc.say("alpha", "ann", "11", "before alpha ends");
        await("message", WAIT, () -> accumulator.eventsTotal() == 1);
        live.remove("alpha");
        live.put("gamma", 5L);
        irc.awaitJoined(WAIT, "gamma");
        await("alpha parted", WAIT, () -> !irc.isJoined("alpha"));
        irc.say("gamma", "gus", "15", "new here");
        await("gamma message", WAIT, () -> accumulator.eventsTotal() == 2);
        collector.stop();
        runner.join(WAIT.toMillis());
        assertEquals(Map.of("alpha", Set.of("ann"), "gamma", Set.of("gus")), chattersByChannel());
        PresenceSnapshot alpha = store.all().stream().filter(s -> s.channel().equals("alpha")).findFirst().orElseThrow();
        assertEquals(10, alpha.stream().viewerCount(), "an ended channel keeps its last known metadata");
        assertEquals(Set.of("alpha", "beta", "gamma"), reports.get(0).channelsWatched());
    }

    @Test
    void theRuntimeGuardStopsAndFlushes() throws Exception {
        live.put("alpha", 10L);
        LiveCollector collector = collector(CollectorSettings.builder().window(Duration.ofMinutes(10))
                .discoveryInterval(Duration.ofMinutes(10)).maxRuntime(Duration.ofMillis(1500)).build(), List.of());
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread runner = runInBackground(collector, outcome);
        irc.awaitJoined(WAIT, "alpha");
        irc.say("alpha", "ann", "11", "one");
        runner.join(WAIT.toMillis());
        CollectionReport report = (CollectionReport) outcome.get();
        assertEquals(CollectionReport.StopReason.MAX_RUNTIME, report.stopReason());
        assertEquals(Map.of("alpha", Set.of("ann")), chattersByChannel());
    }
}
