package io.vieweratlas.twitch.helix;

import io.vieweratlas.core.model.LiveStream;
import io.vieweratlas.twitch.FakeTime;
import io.vieweratlas.twitch.TwitchApiException;
import io.vieweratlas.twitch.TwitchAuthException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HelixClientTest {
    private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");

    private MockWebServer server;
    private FakeTime time;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        time = new FakeTime(T0);
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private HelixClient client(TwitchCredentials credentials) {
        HelixSettings settings = HelixSettings.builder()
                .helixUrl(server.url("/helix").toString())
                .authUrl(server.url("/oauth2").toString())
                .readTimeout(Duration.ofSeconds(1))
                .retry(new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(5)))
                .build();
        return HelixClient.create(settings, credentials, time, time, new SplittableRandom(7));
    }

    private HelixClient userClient() {
        return client(TwitchCredentials.userToken("cid", "oauth:usertoken"));
    }

    private static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }

    private static MockResponse validateOk() {
        return json("{\"client_id\":\"cid\",\"login\":\"me\",\"user_id\":\"9\",\"scopes\":[],\"expires_in\":5000}");
    }

    private static String stream(int i, long viewers) {
        return "{\"id\":\"s" + i + "\",\"user_id\":\"" + i + "\",\"user_login\":\"Chan" + i + "\",\"user_name\":\"Chan"
                + i + "\",\"game_id\":\"1\",\"game_name\":\"Chess\",\"type\":\"live\",\"title\":\"t" + i
                + "\",\"viewer_count\":" + viewers + ",\"started_at\":\"2026-11-24T10:00:00Z\",\"language\":\"en\"}";
    }

    private static MockResponse page(int from, int count, String cursor) {
        List<String> items = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            items.add(stream(i, 100_000 - i));
        }
        String pagination = cursor == null ? "{}" : "{\"cursor\":\"" + cursor + "\"}";
        return json("{\"data\":[" + String.join(",", items) + "],\"pagination\":" + pagination + "}");
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no request arrived");
        }
        return r;
    }

    @Test
    void topStreamsPagesByCursorValidatingFirst() throws Exception {
        server.enqueue(validateOk());
        server.enqueue(page(0, 100, "c1"));
        server.enqueue(page(100, 100, "c2"));
        server.enqueue(page(200, 50, "c3"));
        try (HelixClient client = userClient()) {
            List<LiveStream> top = client.topStreams(250, new StreamFilter(List.of("en", "de"), List.of("33214")));
            assertEquals(250, top.size());
            assertEquals("chan0", top.get(0).login(), "logins are lower-cased, most viewers first");
            assertEquals(100_000, top.get(0).viewerCount());
            assertEquals("Chess", top.get(0).gameName());
        }
        RecordedRequest validate = take();
        assertEquals("/oauth2/validate", validate.getRequestUrl().encodedPath());
        assertEquals("OAuth usertoken", validate.getHeader("Authorization"));
        RecordedRequest p1 = take();
        assertEquals("/helix/streams", p1.getRequestUrl().encodedPath());
        assertEquals("Bearer usertoken", p1.getHeader("Authorization"));
        assertEquals("cid", p1.getHeader("Client-Id"));
        assertEquals("100", p1.getRequestUrl().queryParameter("first"));
        assertEquals(List.of("en", "de"), p1.getRequestUrl().queryParameterValues("language"));
        assertEquals("33214", p1.getRequestUrl().queryParameter("game_id"));
        assertEquals(null, p1.getRequestUrl().queryParameter("after"));
        assertEquals("c1", take().getRequestUrl().queryParameter("after"));
        RecordedRequest p3 = take();
        assertEquals("c2", p3.getRequestUrl().queryParameter("after"));
        assertEquals("50", p3.getRequestUrl().queryParameter("first"), "the last page asks only for what is missing");
        assertEquals(4, server.getRequestCount());
    }

    @Test
    void stopsAtTheEndOfTheListAndDropsDuplicatesFromShiftingPages() throws Exception {
        server.enqueue(validateOk());
        server.enqueue(page(0, 100, "c1"));
        server.enqueue(page(95, 10, null)); // 5 repeats while the list shifted, no further cursor
        try (HelixClient client = userClient()) {
            List<LiveStream> top = client.topStreams(1000);
            assertEquals(105, top.size());
            assertEquals(105, top.stream().map(LiveStream::channelId).distinct().count());
        }
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void on429WaitsUntilTheReset() throws Exception {
        long reset = T0.getEpochSecond() + 7;
        server.enqueue(validateOk());
        server.enqueue(new MockResponse().setResponseCode(429).setHeader("Ratelimit-Remaining", "0")
                .setHeader("Ratelimit-Reset", String.valueOf(reset))
                .setBody("{\"error\":\"Too Many Requests\",\"status\":429,\"message\":\"slow down\"}"));
        server.enqueue(page(0, 3, null).setHeader("Ratelimit-Remaining", "799"));
        try (HelixClient client = userClient()) {
            assertEquals(3, client.topStreams(3).size());
        }
        assertEquals(List.of(Duration.ofSeconds(7)), time.sleeps());
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void anEmptyBucketPacesTheNextRequestUntilTheReset() throws Exception {
        long reset = T0.getEpochSecond() + 3;
        server.enqueue(validateOk());
        server.enqueue(page(0, 1, null).setHeader("Ratelimit-Remaining", "0")
                .setHeader("Ratelimit-Reset", String.valueOf(reset)));
        server.enqueue(page(1, 1, null).setHeader("Ratelimit-Remaining", "799"));
        try (HelixClient client = userClient()) {
            client.topStreams(1);
            assertTrue(time.sleeps().isEmpty());
            client.topStreams(1);
        }
        assertEquals(List.of(Duration.ofSeconds(3)), time.sleeps());
    }

    @Test
    void serverErrorsAreRetriedWithBoundedJitteredBackoff() throws Exception {
        server.enqueue(validateOk());
        server.enqueue(new MockResponse().setResponseCode(503));
        server.enqueue(new MockResponse().setResponseCode(500));
        server.enqueue(page(0, 2, null));
        try (HelixClient client = userClient()) {
            assertEquals(2, client.topStreams(2).size());
        }
        List<Duration> sleeps = time.sleeps();
        assertEquals(2, sleeps.size());
        assertTrue(sleeps.get(0).compareTo(Duration.ofMillis(100)) >= 0
                && sleeps.get(0).compareTo(Duration.ofMillis(200)) <= 0, "first backoff in [base/2, base]: " + sleeps);
        assertTrue(sleeps.get(1).compareTo(Duration.ofMillis(200)) >= 0
                && sleeps.get(1).compareTo(Duration.ofMillis(400)) <= 0, "second backoff doubles: " + sleeps);
    }

    @Test
    void serverErrorsGiveUpAfterTheRetryBound() {
        server.enqueue(validateOk());
        for (int i = 0; i < 4; i++) {
            server.enqueue(new MockResponse().setResponseCode(502));
        }
        try (HelixClient client = userClient()) {
            TwitchApiException e = assertThrows(TwitchApiException.class, () -> client.topStreams(5));
            assertEquals(502, e.status());
            assertTrue(e.getMessage().contains("GET /streams failed after 4 attempts"), e.getMessage());
        }
        assertEquals(5, server.getRequestCount());
    }

    @Test
    void timeoutsAreRetried() throws Exception {
        server.enqueue(validateOk());
        server.enqueue(page(0, 1, null).setHeadersDelay(2, TimeUnit.SECONDS)); // read timeout is 1 s
        server.enqueue(page(0, 1, null));
        try (HelixClient client = userClient()) {
            assertEquals(1, client.topStreams(1).size());
        }
        assertEquals(1, time.sleeps().size());
    }

    @Test
    void aRefusedTokenFailsClearlyWithoutLeakingIt() {
        server.enqueue(new MockResponse().setResponseCode(401)
                .setBody("{\"status\":401,\"message\":\"invalid access token\"}"));
        try (HelixClient client = userClient()) {
            TwitchAuthException e = assertThrows(TwitchAuthException.class, client::validate);
            assertEquals(401, e.status());
            assertTrue(e.getMessage().contains("invalid access token"), e.getMessage());
            assertTrue(e.getMessage().contains("TWITCH_OAUTH_TOKEN"), e.getMessage());
            assertFalse(e.getMessage().contains("usertoken"), e.getMessage());
        }
        assertEquals(1, server.getRequestCount(), "401 is not retried");
    }

    @Test
    void a401FromHelixWithAUserTokenIsAnAuthFailure() {
        server.enqueue(validateOk());
        server.enqueue(new MockResponse().setResponseCode(401).setBody("{\"message\":\"Invalid OAuth token\"}"));
        try (HelixClient client = userClient()) {
            assertThrows(TwitchAuthException.class, () -> client.topStreams(1));
        }
    }

    @Test
    void badRequestsAndForbiddenFailWithoutRetry() {
        server.enqueue(validateOk());
        server.enqueue(new MockResponse().setResponseCode(400).setBody("{\"message\":\"Malformed query params\"}"));
        server.enqueue(new MockResponse().setResponseCode(403).setBody("{\"message\":\"Missing scope\"}"));
        try (HelixClient client = userClient()) {
            TwitchApiException bad = assertThrows(TwitchApiException.class, () -> client.topStreams(1));
            assertEquals(400, bad.status());
            assertTrue(bad.getMessage().contains("Malformed query params"), bad.getMessage());
            assertThrows(TwitchAuthException.class, () -> client.users(List.of("a")));
        }
        assertTrue(time.sleeps().isEmpty());
    }

    @Test
    void tokensAreValidatedAgainAfterAnHour() throws Exception {
        server.enqueue(validateOk());
        server.enqueue(page(0, 1, null));
        server.enqueue(page(0, 1, null));
        server.enqueue(validateOk());
        server.enqueue(page(0, 1, null));
        try (HelixClient client = userClient()) {
            client.topStreams(1);
            time.advance(Duration.ofMinutes(59));
            client.topStreams(1);
            time.advance(Duration.ofMinutes(2));
            client.topStreams(1);
        }
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            paths.add(take().getRequestUrl().encodedPath());
        }
        assertEquals(List.of("/oauth2/validate", "/helix/streams", "/helix/streams", "/oauth2/validate",
                "/helix/streams"), paths);
    }

    @Test
    void appTokensAreFetchedByClientCredentialsAndRenewedBeforeExpiry() throws Exception {
        server.enqueue(json("{\"access_token\":\"app1\",\"expires_in\":3600,\"token_type\":\"bearer\"}"));
        server.enqueue(json("{\"client_id\":\"cid\",\"scopes\":[],\"expires_in\":3600}"));
        server.enqueue(page(0, 1, null));
        server.enqueue(json("{\"access_token\":\"app2\",\"expires_in\":3600,\"token_type\":\"bearer\"}"));
        server.enqueue(json("{\"client_id\":\"cid\",\"scopes\":[],\"expires_in\":3600}"));
        server.enqueue(page(0, 1, null));
        try (HelixClient client = client(TwitchCredentials.appCredentials("cid", "topsecret"))) {
            client.topStreams(1);
            time.advance(Duration.ofMinutes(51)); // within the 10-minute renewal margin
            client.topStreams(1);
        }
        RecordedRequest token = take();
        assertEquals("/oauth2/token", token.getRequestUrl().encodedPath());
        assertEquals("POST", token.getMethod());
        String form = token.getBody().readUtf8();
        assertTrue(form.contains("client_secret=topsecret") && form.contains("grant_type=client_credentials"), form);
        assertEquals(null, token.getRequestUrl().queryParameter("client_secret"), "the secret never goes in the URL");
        assertEquals("OAuth app1", take().getHeader("Authorization"));
        assertEquals("Bearer app1", take().getHeader("Authorization"));
        assertEquals("/oauth2/token", take().getRequestUrl().encodedPath());
        assertEquals("OAuth app2", take().getHeader("Authorization"));
        assertEquals("Bearer app2", take().getHeader("Authorization"));
    }

    @Test
    void anAppTokenRefusedByHelixIsReplacedOnce() throws Exception {
        server.enqueue(json("{\"access_token\":\"app1\",\"expires_in\":3600}"));
        server.enqueue(json("{\"client_id\":\"cid\",\"expires_in\":3600}"));
        server.enqueue(new MockResponse().setResponseCode(401));
        server.enqueue(json("{\"access_token\":\"app2\",\"expires_in\":3600}"));
        server.enqueue(json("{\"client_id\":\"cid\",\"expires_in\":3600}"));
        server.enqueue(page(0, 1, null));
        try (HelixClient client = client(TwitchCredentials.appCredentials("cid", "topsecret"))) {
            assertEquals(1, client.topStreams(1).size());
        }
        assertEquals(6, server.getRequestCount());
    }

    @Test
    void aTokenOfAnotherClientIdIsRefused() {
        server.enqueue(json("{\"client_id\":\"other\",\"login\":\"me\",\"expires_in\":100}"));
        try (HelixClient client = userClient()) {
            TwitchAuthException e = assertThrows(TwitchAuthException.class, client::validate);
            assertTrue(e.getMessage().contains("TWITCH_CLIENT_ID"), e.getMessage());
        }
    }

    @Test
    void liveStreamsAndUsersQueryByLoginInBatchesOf100() throws Exception {
        server.enqueue(validateOk());
        server.enqueue(page(0, 2, null));
        server.enqueue(page(2, 1, null));
        server.enqueue(json("{\"data\":[{\"id\":\"7\",\"login\":\"Zed\",\"display_name\":\"Zed\","
                + "\"broadcaster_type\":\"partner\"},{\"id\":\"6\",\"login\":\"amy\",\"display_name\":\"Amy\","
                + "\"broadcaster_type\":\"\"}]}"));
        List<String> logins = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            logins.add("User" + i);
        }
        try (HelixClient client = userClient()) {
            assertEquals(3, client.liveStreams(logins).size());
            List<HelixUser> users = client.users(List.of("zed", "amy"));
            assertEquals(List.of(new HelixUser("6", "amy", "Amy", ""), new HelixUser("7", "zed", "Zed", "partner")),
                    users);
        }
        take();
        RecordedRequest b1 = take();
        assertEquals(100, b1.getRequestUrl().queryParameterValues("user_login").size());
        assertEquals("user0", b1.getRequestUrl().queryParameterValues("user_login").get(0));
        assertEquals(50, take().getRequestUrl().queryParameterValues("user_login").size());
        assertEquals(List.of("amy", "zed"), take().getRequestUrl().queryParameterValues("login"));
    }

    @Test
    void settingsRejectNonHttpUrlsNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HelixSettings.builder().helixUrl("ftp://x").build());
        assertTrue(e.getMessage().contains("twitch.helix_url"), e.getMessage());
    }

    @Test
    void aConnectionTheServerClosedWhileIdleIsNeitherAFailureNorABackoff() {
        // The server closes each keep-alive connection after answering (as on its idle timeout).
        server.enqueue(validateOk().setSocketPolicy(okhttp3.mockwebserver.SocketPolicy.DISCONNECT_AT_END));
        server.enqueue(page(0, 2, null).setSocketPolicy(okhttp3.mockwebserver.SocketPolicy.DISCONNECT_AT_END));
        server.enqueue(page(0, 2, null));
        try (HelixClient client = userClient()) {
            assertEquals(2, client.topStreams(2).size());
            assertEquals(2, client.topStreams(2).size());
        }
        assertEquals(3, server.getRequestCount());
        assertEquals(T0, time.instant(), "no backoff was slept");
    }
}
