package io.vieweratlas.twitch.helix;

import io.vieweratlas.twitch.FakeTime;
import io.vieweratlas.twitch.auth.TwitchCredentials;
import io.vieweratlas.twitch.http.RetryPolicy;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HelixVideosTest {
    private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");
    private MockWebServer server;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private HelixClient client() {
        HelixSettings settings = HelixSettings.builder().helixUrl(server.url("/helix").toString())
                .authUrl(server.url("/oauth2").toString()).readTimeout(Duration.ofSeconds(1))
                .retry(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(50))).build();
        FakeTime time = new FakeTime(T0);
        return HelixClient.create(settings, TwitchCredentials.userToken("cid", "oauth:tok"), time, time,
                new SplittableRandom(1));
    }

    private static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }

    private static String video(String id, String createdAt, long views, String duration) {
        return "{\"id\":\"" + id + "\",\"user_id\":\"42\",\"user_login\":\"Alice\",\"title\":\"t\",\"created_at\":\""
                + createdAt + "\",\"view_count\":" + views + ",\"duration\":\"" + duration + "\",\"type\":\"archive\"}";
    }

    @Test
    void pagesByCursorUntilAnOlderVideo() throws Exception {
        server.enqueue(json("{\"client_id\":\"cid\",\"login\":\"me\",\"user_id\":\"9\",\"scopes\":[],\"expires_in\":5000}"));
        server.enqueue(json("{\"data\":[" + video("3", "2026-11-24T08:00:00Z", 10, "3h8m33s") + ","
                + video("2", "2026-11-23T20:00:00Z", 5, "45m") + "],\"pagination\":{\"cursor\":\"c1\"}}"));
        server.enqueue(json("{\"data\":[" + video("2", "2026-11-23T20:00:00Z", 5, "45m") + ","
                + video("bad", "not a time", 5, "1s") + ","
                + video("1", "2026-11-20T10:00:00Z", 99, "1h") + "],\"pagination\":{\"cursor\":\"c2\"}}"));
        try (HelixClient c = client()) {
            List<HelixVideo> videos = c.archiveVideos("42", Instant.parse("2026-11-22T00:00:00Z"));
            assertEquals(List.of("3", "2"), videos.stream().map(HelixVideo::id).toList(),
                    "newest first, repeats kept once, paging stopped at the first older video");
            assertEquals(Duration.ofSeconds(3 * 3600 + 8 * 60 + 33), videos.get(0).duration());
            assertEquals("alice", videos.get(0).userLogin());
        }
        server.takeRequest(5, TimeUnit.SECONDS);
        RecordedRequest p1 = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("/helix/videos", p1.getRequestUrl().encodedPath());
        assertEquals("42", p1.getRequestUrl().queryParameter("user_id"));
        assertEquals("archive", p1.getRequestUrl().queryParameter("type"));
        assertEquals("100", p1.getRequestUrl().queryParameter("first"));
        assertEquals("c1", server.takeRequest(5, TimeUnit.SECONDS).getRequestUrl().queryParameter("after"));
        assertEquals(3, server.getRequestCount(), "no third page after the older video");
    }

    @Test
    void parsesHelixDurations() {
        assertEquals(Duration.ofSeconds(11313), HelixDuration.parse("3h8m33s"));
        assertEquals(Duration.ofMinutes(45), HelixDuration.parse("45m"));
        assertEquals(Duration.ofSeconds(17), HelixDuration.parse("17s"));
        assertEquals(Duration.ofHours(12).plusSeconds(1), HelixDuration.parse("12h1s"));
        for (String bad : new String[]{"", "3h8m33", "1:02:03", "m", "5s3m"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HelixDuration.parse(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }
}
