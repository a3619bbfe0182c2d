package io.vieweratlas.twitch.irc;

import io.vieweratlas.core.model.Evidence;
import io.vieweratlas.twitch.Sleeper;
import io.vieweratlas.twitch.TwitchAuthException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static io.vieweratlas.twitch.irc.FakeIrcServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IrcChatClientTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<PresenceEvent> events = new CopyOnWriteArrayList<>();
    private FakeIrcServer server;
    private IrcChatClient client;
    /** Long enough that a slow confirmation on a busy machine does not cause a resend. */
    private Duration joinConfirmTimeout = Duration.ofSeconds(3);

    @AfterEach
    void tearDown() throws IOException {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private IrcChatClient start(int perConnection, int joinLimit, Duration joinWindow, IrcIdentity identity) {
        return start(perConnection, joinLimit, joinWindow, identity, Duration.ofSeconds(5));
    }

    private IrcChatClient start(int perConnection, int joinLimit, Duration joinWindow, IrcIdentity identity,
                                Duration idleTimeout) {
        IrcSettings settings = IrcSettings.builder().uri(server.uri()).channelsPerConnection(perConnection)
                .joinLimit(joinLimit).joinWindow(joinWindow).idleTimeout(idleTimeout)
                .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
                .joinConfirmTimeout(joinConfirmTimeout).build();
        // Production uses 5 % slack (500 ms of Twitch's 10 s); these windows are tiny, and thread scheduling on a
        // busy machine shifts when the fake server reads a JOIN, so the tests give 100 ms more.
        Duration window = joinWindow.plus(joinWindow.dividedBy(20)).plusMillis(100);
        client = new IrcChatClient(settings, identity, events::add,
                new JoinRateLimiter(joinLimit, window, Clock.systemUTC(), Sleeper.SYSTEM), Clock.systemUTC(),
                Sleeper.SYSTEM, new SplittableRandom(1));
        return client;
    }

    private IrcChatClient start() {
        return start(100, 20, Duration.ofSeconds(10), IrcIdentity.anonymous(new SplittableRandom(3)));
    }

    private Set<String> loginsWith(String channel, Evidence evidence) {
        return events.stream().filter(e -> e.channel().equals(channel) && e.evidence() == evidence)
                .map(PresenceEvent::login).collect(Collectors.toSet());
    }

    @Test
    void recordsMessageAuthorsJoinsAndNamesButNotItself() throws Exception {
        server = new FakeIrcServer(20, Duration.ofSeconds(10));
        server.names("alpha", List.of("nina", "omar"));
        start();
        client.join("Alpha");
        client.join("#beta");
        server.awaitJoined(WAIT, "alpha", "beta");
        await("client sees confirmed joins", WAIT, () -> client.isJoined("alpha") && client.isJoined("beta"));
        assertEquals(1, server.say("alpha", "alice", "101", "hello; world\\"));
        assertEquals(1, server.membershipJoin("beta", "bob"));
        assertEquals(1, server.say("beta", "Carol", "103", "hi"));
        await("events", WAIT, () -> loginsWith("beta", Evidence.MESSAGE).contains("carol"));

        assertEquals(Set.of("alice"), loginsWith("alpha", Evidence.MESSAGE));
        assertEquals(Set.of("nina", "omar"), loginsWith("alpha", Evidence.NAMES));
        assertEquals(Set.of("bob"), loginsWith("beta", Evidence.JOIN));
        assertEquals(Set.of("carol"), loginsWith("beta", Evidence.MESSAGE), "logins are lower-cased");
        PresenceEvent alice = events.stream().filter(e -> e.login().equals("alice")).findFirst().orElseThrow();
        assertEquals(Optional.of("101"), alice.userId());
        assertTrue(events.stream().noneMatch(e -> e.login().startsWith("justinfan")), "own nick is not a viewer");
        assertEquals(Set.of("alpha", "beta"), client.channels());
        assertEquals(2, client.stats().messages());
    }

    @Test
    void aJoinTwitchDidNotConfirmIsSentAgain() throws Exception {
        server = new FakeIrcServer(20, Duration.ofSeconds(10));
        server.ignoreNextJoin("alpha");
        joinConfirmTimeout = Duration.ofMillis(300);
        start();
        client.join("alpha");
        client.join("beta");
        server.awaitJoined(WAIT, "alpha", "beta");
        assertEquals(3, server.joinsReceived());
        await("client sees the confirmation", WAIT, () -> client.isJoined("alpha"));
        assertEquals(3, client.stats().joinsSent());
    }

    @Test
    void answersPingWithPong() throws Exception {
        server = new FakeIrcServer(20, Duration.ofSeconds(10));
        start();
        client.join("alpha");
        server.awaitJoined(WAIT, "alpha");
        server.pingAll();
        await("PONG", WAIT, () -> server.pongsReceived() == 1);
    }

    @Test
    void aSilentConnectionIsCheckedWithPingAndReplacedWhenHalfOpen() throws Exception {
        server = new FakeIrcServer(20, Duration.ofSeconds(10));
        start(100, 20, Duration.ofSeconds(10), IrcIdentity.anonymous(new SplittableRandom(3)), Duration.ofMillis(200));
        client.join("alpha");
        server.awaitJoined(WAIT, "alpha");
        await("liveness PINGs answered", WAIT, () -> server.pingsReceived() >= 2);
        assertEquals(1, server.connectionsAccepted(), "an answered PING keeps the connection");

        server.muteCurrentConnections();
        await("reconnect after an unanswered PING", WAIT, () -> server.connectionsAccepted() == 2);
        await("rejoin", WAIT, () -> server.channelsPerConnection().contains(1) && server.liveConnections() >= 1);
        server.say("alpha", "fay", "7", "still here");
        await("message on the new connection", WAIT, () -> loginsWith("alpha", Evidence.MESSAGE).contains("fay"));
    }

    @Test
    void rejoinsEverythingAfterReconnectAndAfterADroppedSocket() throws Exception {
        server = new FakeIrcServer(20, Duration.ofSeconds(10));
        start();
        List<String> channels = List.of("c1", "c2", "c3");
        channels.forEach(client::join);
        server.awaitJoined(WAIT, "c1", "c2", "c3");

        server.reconnectAll();
        await("reconnect", WAIT, () -> server.connectionsAccepted() == 2);
        server.awaitJoined(WAIT, "c1", "c2", "c3");
        assertEquals(1, server.say("c2", "dave", "104", "back"));

        server.dropAll();
        await("second reconnect", WAIT, () -> server.connectionsAccepted() == 3);
        server.awaitJoined(WAIT, "c1", "c2", "c3");
        assertEquals(1, server.say("c3", "erin", "105", "again"));
        await("messages after reconnects", WAIT,
                () -> loginsWith("c2", Evidence.MESSAGE).contains("dave") && loginsWith("c3", Evidence.MESSAGE).contains("erin"));
        assertEquals(9, server.joinsReceived());
        assertEquals(0, server.joinsBeforeWelcome(), "JOINs wait for the welcome");
        assertEquals(2, client.stats().reconnects());
    }

    @Test
    void spreadsChannelsOverConnectionsAndStaysWithinTheJoinLimitAcrossReconnects() throws Exception {
        Duration window = Duration.ofMillis(300);
        server = new FakeIrcServer(5, window);
        start(3, 5, window, IrcIdentity.anonymous(new SplittableRandom(5)));
        List<String> channels = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            channels.add("ch" + i);
        }
        channels.forEach(client::join);
        server.awaitJoined(WAIT, channels.toArray(String[]::new));
        assertEquals(6, server.liveConnections());
        assertTrue(server.channelsPerConnection().stream().allMatch(n -> n <= 3), server.channelsPerConnection().toString());

        server.reconnectAll(); // all 16 rejoin at once: the shared limiter must pace them
        await("reconnects", WAIT, () -> server.connectionsAccepted() == 12);
        server.awaitJoined(WAIT, channels.toArray(String[]::new));
        assertEquals(0, server.droppedForJoinFlood());
        assertEquals(32, server.joinsReceived());
    }

    @Test
    void theFakeServerDropsAConnectionThatExceedsTheJoinLimit() throws Exception {
        server = new FakeIrcServer(5, Duration.ofSeconds(10));
        start(100, 50, Duration.ofMillis(10), IrcIdentity.anonymous(new SplittableRandom(9)));
        for (int i = 0; i < 8; i++) {
            client.join("ch" + i);
        }
        await("a drop for flooding", WAIT, () -> server.droppedForJoinFlood() > 0);
    }

    @Test
    void partStopsWatchingAChannel() throws Exception {
        server = new FakeIrcServer(20, Duration.ofSeconds(10));
        start();
        client.join("alpha");
        client.join("beta");
        server.awaitJoined(WAIT, "alpha", "beta");
        client.part("alpha");
        await("PART", WAIT, () -> !server.isJoined("alpha"));
        assertEquals(Set.of("beta"), client.channels());
        assertEquals(0, server.say("alpha", "zoe", "1", "nobody hears"));
        server.say("beta", "yan", "2", "hi");
        await("beta message", WAIT, () -> loginsWith("beta", Evidence.MESSAGE).contains("yan"));
        assertFalse(events.stream().anyMatch(e -> e.login().equals("zoe")));
    }

    @Test
    void sendsTheTokenAndReportsARefusedLogin() throws Exception {
        server = new FakeIrcServer(20, Duration.ofSeconds(10), Optional.of("goodtoken"));
        start(100, 20, Duration.ofSeconds(10), IrcIdentity.user("viewerbot", "oauth:goodtoken"));
        client.join("alpha");
        server.awaitJoined(WAIT, "alpha");
        client.checkHealthy();
        client.close();
        server.close();

        server = new FakeIrcServer(20, Duration.ofSeconds(10), Optional.of("goodtoken"));
        start(100, 20, Duration.ofSeconds(10), IrcIdentity.user("viewerbot", "badtoken"));
        client.join("alpha");
        await("refused login", WAIT, () -> {
            try {
                client.checkHealthy();
                return false;
            } catch (TwitchAuthException e) {
                assertTrue(e.getMessage().contains("Login authentication failed"), e.getMessage());
                assertFalse(e.getMessage().contains("badtoken"));
                return true;
            }
        });
        assertEquals(1, server.connectionsAccepted(), "a refused login is not retried");
    }

    @Test
    void rejectsInvalidChannelNamesAndSettings() {
        IrcChatClient c = new IrcChatClient(IrcSettings.defaults(), IrcIdentity.anonymous(new SplittableRandom(1)),
                e -> { }, new JoinRateLimiter(1, Duration.ofSeconds(1), Clock.systemUTC(), Sleeper.SYSTEM),
                Clock.systemUTC(), Sleeper.SYSTEM, new SplittableRandom(1));
        assertThrows(IllegalArgumentException.class, () -> c.join("bad name"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IrcSettings.builder().uri("http://x:1").build());
        assertTrue(e.getMessage().contains("twitch.irc_uri"));
        assertTrue(IrcIdentity.anonymous(new SplittableRandom(2)).nick().matches("justinfan\\d+"));
        assertFalse(IrcIdentity.user("me", "oauth:secret").toString().contains("secret"));
    }
}
