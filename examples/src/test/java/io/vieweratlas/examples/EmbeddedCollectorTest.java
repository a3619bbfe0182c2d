package io.vieweratlas.examples;

import io.vieweratlas.core.ViewerAtlas;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.twitch.auth.TwitchCredentials;
import io.vieweratlas.twitch.collector.CollectionReport;
import io.vieweratlas.twitch.irc.FakeIrcServer;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.vieweratlas.twitch.irc.FakeIrcServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Example 4 against the twitch module's fakes: a loopback Helix (MockWebServer) and IRC server. */
class EmbeddedCollectorTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Map<String, Long> LIVE = Map.of("alpha", 500L, "beta", 300L);

    private MockWebServer helix;
    private FakeIrcServer irc;

    @BeforeEach
    void start() throws IOException {
        helix = new MockWebServer();
        helix.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getRequestUrl().encodedPath();
                if (path.equals("/oauth2/validate")) {
                    return json("{\"client_id\":\"cid\",\"login\":\"host\",\"user_id\":\"1\",\"expires_in\":9999}");
                }
                if (path.equals("/helix/streams")) {
                    List<String> logins = request.getRequestUrl().queryParameterValues("user_login");
                    List<String> items = new ArrayList<>();
                    new TreeMap<>(LIVE).forEach((login, viewers) -> {
                        if (logins.isEmpty() || logins.contains(login)) {
                            items.add("{\"id\":\"s" + login + "\",\"user_id\":\"id-" + login + "\",\"user_login\":\""
                                    + login + "\",\"game_name\":\"Chess\",\"type\":\"live\",\"title\":\"T\""
                                    + ",\"viewer_count\":" + viewers
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
    }

    @AfterEach
    void stop() throws IOException {
        irc.close();
        helix.shutdown();
    }

    private static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }

    @Test
    void collectsIntoTheHostsOwnSinkAndTheSinkIsAnalysable() throws Exception {
        Output out = new Output();
        PrintingSink sink = new PrintingSink(out.stream);
        EmbeddedCollector.Endpoints endpoints = new EmbeddedCollector.Endpoints(helix.url("/helix").toString(),
                helix.url("/oauth2").toString(), irc.uri());
        CollectionReport report;
        try (EmbeddedCollector collector = EmbeddedCollector.start(endpoints, TwitchCredentials.userToken("cid", "tok"),
                List.of("alpha", "beta", "offline"), Duration.ofMinutes(10), sink, out.stream)) {
            irc.awaitJoined(WAIT, "alpha", "beta");
            for (String viewer : List.of("ann", "bob", "cat", "dan", "eve")) {
                irc.say("alpha", viewer, "id-" + viewer, "hi");
                irc.say("beta", viewer, "id-" + viewer, "hello");
            }
            irc.say("alpha", "fay", "id-fay", "only here");
            await("all messages", WAIT, () -> collector.eventsSeen() == 11);
            report = collector.stop();
        }
        assertEquals(CollectionReport.StopReason.STOPPED, report.stopReason());
        assertEquals(2, report.written());

        Map<String, PresenceSnapshot> stored = sink.snapshots();
        assertEquals(2, stored.size());
        String text = out.text();
        assertTrue(text.contains("snapshot alpha: 6 chatters [ann, bob, cat, dan, eve, fay] (Chess, 500 viewers)"), text);
        assertTrue(text.contains("snapshot beta: 5 chatters [ann, bob, cat, dan, eve] (Chess, 300 viewers)"), text);
        assertTrue(text.contains("channels watched (partial)"), text);

        // The host's sink is a PresenceSource too: analyse what was collected.
        AnalysisResult r = ViewerAtlas.analysis().source(sink).threshold(5).run();
        assertEquals(1, r.edges().size());
        assertEquals(5, r.edges().get(0).shared());
    }
}
