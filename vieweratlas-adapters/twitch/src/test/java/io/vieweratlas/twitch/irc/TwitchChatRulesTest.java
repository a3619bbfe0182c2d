package io.vieweratlas.twitch.irc;

import io.vieweratlas.twitch.Sleeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static io.vieweratlas.twitch.irc.FakeIrcServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chat client under the platform rules the fake server keeps: channel cap, refusals, join order. */
class TwitchChatRulesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private FakeIrcServer server;
    private IrcChatClient client;

    @AfterEach
    void tearDown() throws IOException {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Short, so that a resend of a refused JOIN would show within the test. */
    private static final Duration CONFIRM_TIMEOUT = Duration.ofMillis(1000);

    private IrcChatClient start(IrcIdentity identity, int maxChannelsPerLogin, int perConnection, int joinLimit,
                                Duration joinWindow) {
        IrcSettings settings = IrcSettings.builder().uri(server.uri()).channelsPerConnection(perConnection)
                .joinLimit(joinLimit).joinWindow(joinWindow).idleTimeout(Duration.ofSeconds(5))
                .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
                .joinConfirmTimeout(CONFIRM_TIMEOUT).maxChannelsPerLogin(maxChannelsPerLogin).build();
        client = new IrcChatClient(settings, identity, e -> { },
                new JoinRateLimiter(joinLimit, joinWindow.plusMillis(100), Clock.systemUTC(), Sleeper.SYSTEM),
                Clock.systemUTC(), Sleeper.SYSTEM, new SplittableRandom(1));
        return client;
    }

    private static IrcIdentity user() {
        return IrcIdentity.user("collector", "tok");
    }

    private static List<String> channels(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> "ch" + i).toList();
    }

    @Test
    void aUserLoginNeverAsksForMoreThanItsCapAndJoinsAWaitingChannelWhenASlotFrees() throws Exception {
        server = new FakeIrcServer(100, Duration.ofSeconds(1));
        server.channelCap(5);
        start(user(), 5, 3, 100, Duration.ofSeconds(1));
        List<String> all = channels(8);
        for (int i = 0; i < all.size(); i++) {
            client.join(all.get(i), 1000 - i); // ch0 largest
        }
        server.awaitJoined(WAIT, "ch0", "ch1", "ch2", "ch3", "ch4");
        await("coverage", WAIT, () -> client.coverage().joined().size() == 5);
        ChatCoverage coverage = client.coverage();
        assertEquals(Set.of("ch5", "ch6", "ch7"), coverage.waitingForSlot());
        assertEquals(8, coverage.wanted().size());
        assertEquals(Map.of(RefusalReason.CHANNEL_CAP, 3), coverage.refusedByReason());
        assertFalse(coverage.refused().get("ch5").byTwitch(), "withheld by the collector, not refused by Twitch");
        assertEquals(0, server.capRefusals(), "never asked beyond the cap");
        assertEquals(5, server.channelsOf("collector"));

        client.part("ch1"); // the stream ended: a slot frees, the largest waiting channel takes it
        server.awaitJoined(WAIT, "ch5");
        assertFalse(server.isJoined("ch6"));
        assertEquals(Set.of("ch6", "ch7"), client.coverage().waitingForSlot());
        assertEquals(0, server.capRefusals());
    }

    @Test
    void aCapNoticeFromTwitchIsRecordedOnceAndTheChannelWaitsInsteadOfLooping() throws Exception {
        server = new FakeIrcServer(100, Duration.ofSeconds(1));
        server.channelCap(4); // the account already holds slots elsewhere: Twitch's cap is lower than ours
        start(user(), 100, 100, 100, Duration.ofSeconds(1));
        for (String ch : channels(6)) {
            client.join(ch, 10);
        }
        await("refusals", WAIT, () -> client.coverage().refused().size() == 2);
        Thread.sleep(500); // room for any retry loop to show
        assertEquals(2, server.capRefusals(), "each over-cap channel asked once");
        ChatCoverage coverage = client.coverage();
        assertEquals(4, coverage.joined().size());
        assertEquals(2, coverage.waitingForSlot().size());
        assertTrue(coverage.refused().values().stream().allMatch(r -> r.byTwitch()
                && r.reason() == RefusalReason.CHANNEL_CAP && r.retryAfter() == RetryAfter.SLOT_FREES));
        assertEquals(2, client.stats().joinsRefused(), "the refused JOINs cost permits and are counted");
    }

    @Test
    void anonymousLoginsAreNotCapped() throws Exception {
        server = new FakeIrcServer(100, Duration.ofSeconds(1));
        server.channelCap(3);
        start(IrcIdentity.anonymous(new SplittableRandom(2)), 3, 100, 100, Duration.ofSeconds(1));
        for (String ch : channels(7)) {
            client.join(ch, 1);
        }
        server.awaitJoined(WAIT, channels(7).toArray(String[]::new));
        assertEquals(0, server.capRefusals());
        await("coverage", WAIT, () -> client.coverage().complete());
    }

    @Test
    void aSuspendedChannelIsRefusedWithItsReasonAndAskedAgainOnlyAtTheNextDiscovery() throws Exception {
        server = new FakeIrcServer(100, Duration.ofSeconds(1));
        server.suspend("gone");
        start(IrcIdentity.anonymous(new SplittableRandom(2)), 100, 100, 100, Duration.ofSeconds(1));
        client.join("alpha", 5);
        client.join("gone", 9);
        server.awaitJoined(WAIT, "alpha");
        await("refusal", WAIT, () -> client.coverage().refused().containsKey("gone"));
        Thread.sleep(CONFIRM_TIMEOUT.toMillis() * 2); // past the confirm timeout: a refused JOIN is not resent
        assertEquals(1, server.suspendedRefusals());
        JoinRefusal refusal = client.coverage().refused().get("gone");
        assertEquals(RefusalReason.SUSPENDED, refusal.reason());
        assertEquals(RetryAfter.NEXT_DISCOVERY, refusal.retryAfter());
        assertTrue(client.channels().contains("gone"), "still wanted, so discovery does not re-add it");

        client.retryRefused();
        await("second refusal", WAIT, () -> server.suspendedRefusals() == 2);
        client.part("gone");
        assertFalse(client.coverage().wanted().contains("gone"));
    }

    @Test
    void joinsTheLargestChannelsFirstAtStartAndAfterAReconnect() throws Exception {
        server = new FakeIrcServer(100, Duration.ofSeconds(1));
        start(IrcIdentity.anonymous(new SplittableRandom(2)), 100, 100, 2, Duration.ofMillis(300));
        Map<String, Long> viewers = Map.of("a", 10L, "b", 500L, "c", 40L, "d", 9000L, "e", 70L, "f", 2000L);
        for (String ch : List.of("a", "b", "c", "d", "e", "f")) { // asked for in no particular order
            client.join(ch, viewers.get(ch));
        }
        List<String> expected = List.of("d", "f", "b", "e", "c", "a");
        server.awaitJoined(WAIT, expected.toArray(String[]::new));
        assertEquals(expected, server.joinOrder());

        server.reconnectAll();
        await("rejoined", WAIT, () -> server.joinOrder().size() == 12);
        assertEquals(expected, server.joinOrder().subList(6, 12));
    }

    @Test
    void theFakeSendsNoMembershipInBigRoomsAndAPartialNamesList() throws Exception {
        server = new FakeIrcServer(100, Duration.ofSeconds(1));
        server.membershipThreshold(1000);
        server.roomSize("big", 50_000);
        server.names("big", List.of("nina"));
        server.names("small", List.of("omar"));
        List<PresenceEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        IrcSettings settings = IrcSettings.builder().uri(server.uri()).idleTimeout(Duration.ofSeconds(5)).build();
        client = new IrcChatClient(settings, IrcIdentity.anonymous(new SplittableRandom(2)), events::add,
                new JoinRateLimiter(20, Duration.ofSeconds(10), Clock.systemUTC(), Sleeper.SYSTEM),
                Clock.systemUTC(), Sleeper.SYSTEM, new SplittableRandom(1));
        client.join("big");
        client.join("small");
        server.awaitJoined(WAIT, "big", "small");
        assertEquals(0, server.membershipJoin("big", "zed"));
        assertEquals(1, server.membershipJoin("small", "zed"));
        server.say("big", "amy", "1", "hi"); // in a big room a message author is the only evidence
        await("events", WAIT, () -> events.size() == 3);
        assertEquals(Set.of("small:omar", "small:zed", "big:amy"), Set.copyOf(events.stream()
                .map(e -> e.channel() + ":" + e.login()).toList()));
    }

    @Test
    void theFakeAnswersAPassWithoutTheOauthPrefixAsTwitchDoes() throws Exception {
        server = new FakeIrcServer(20, Duration.ofSeconds(10), java.util.Optional.of("tok"));
        java.net.URI uri = java.net.URI.create(server.uri());
        try (java.net.Socket s = new java.net.Socket(uri.getHost(), uri.getPort());
             java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                     s.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
            s.setSoTimeout(5000);
            s.getOutputStream().write("PASS tok\r\nNICK collector\r\n".getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(":tmi.twitch.tv NOTICE * :Improperly formatted auth", in.readLine());
            assertEquals(null, in.readLine(), "then the connection is closed");
        }
    }

    @Test
    void aNoticeThatIsNotAJoinRefusalChangesNothing() throws Exception {
        server = new FakeIrcServer(100, Duration.ofSeconds(1));
        start(IrcIdentity.anonymous(new SplittableRandom(2)), 100, 100, 100, Duration.ofSeconds(1));
        client.join("alpha", 1);
        server.awaitJoined(WAIT, "alpha");
        // Same channel, a msg-id that is no refusal, and a text that sounds like one: classified by the tag.
        server.broadcast("alpha", "@msg-id=msg_ratelimit :tmi.twitch.tv NOTICE #alpha :This channel has been "
                + "suspended.");
        int pongs = server.pongsReceived();
        server.pingAll();
        await("PONG", WAIT, () -> server.pongsReceived() > pongs);
        assertTrue(client.coverage().refused().isEmpty());
        assertTrue(client.coverage().joined().contains("alpha"));
        client.checkHealthy(); // and not taken for a login failure
    }
}
