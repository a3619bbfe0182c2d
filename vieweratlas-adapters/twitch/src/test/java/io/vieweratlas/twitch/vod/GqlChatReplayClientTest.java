package io.vieweratlas.twitch.vod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vieweratlas.twitch.TwitchApiException;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GqlChatReplayClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private MockWebServer server;
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private GqlChatReplayClient client(int maxRetries) {
        GqlSettings s = new GqlSettings(URI.create(server.url("/gql").toString()), "webclient",
                Duration.ofMillis(250), maxRetries, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(2));
        return new GqlChatReplayClient(s, sleeps::add);
    }

    /** A comment edge; {@code login == null} means a deleted commenter. */
    private static String edge(String id, double offset, String login) {
        String commenter = login == null ? "null"
                : "{\"id\":\"u_" + login + "\",\"login\":\"" + login + "\",\"displayName\":\"" + login.toUpperCase() + "\"}";
        return "{\"cursor\":\"cur_" + id + "\",\"node\":{\"id\":\"" + id + "\",\"commenter\":" + commenter
                + ",\"contentOffsetSeconds\":" + offset + ",\"message\":{\"fragments\":[{\"text\":\"hi \"},{\"text\":\""
                + id + "\"}]}}}";
    }

    private static MockResponse page(boolean hasNext, String... edges) {
        StringJoiner j = new StringJoiner(",");
        for (String e : edges) {
            j.add(e);
        }
        return new MockResponse().setHeader("Content-Type", "application/json")
                .setBody("[{\"data\":{\"video\":{\"id\":\"123\",\"comments\":{\"edges\":[" + j
                        + "],\"pageInfo\":{\"hasNextPage\":" + hasNext + ",\"hasPreviousPage\":false}}}},"
                        + "\"extensions\":{\"operationName\":\"VideoCommentsByOffsetOrCursor\"}}]");
    }

    private static MockResponse integrityError() {
        return new MockResponse().setHeader("Content-Type", "application/json")
                .setBody("[{\"errors\":[{\"message\":\"failed integrity check\",\"path\":[\"video\",\"comments\"]}],"
                        + "\"data\":{\"video\":null}}]");
    }

    private JsonNode variables() throws Exception {
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        JsonNode body = JSON.readTree(r.getBody().readUtf8());
        assertEquals("webclient", r.getHeader("Client-Id"));
        assertEquals("POST", r.getMethod());
        JsonNode op = body.get(0);
        assertEquals("VideoCommentsByOffsetOrCursor", op.get("operationName").asText());
        assertEquals(1, op.at("/extensions/persistedQuery/version").asInt());
        assertEquals(64, op.at("/extensions/persistedQuery/sha256Hash").asText().length());
        assertEquals("123", op.at("/variables/videoID").asText());
        return op.get("variables");
    }

    @Test
    void pagesFromOffsetZeroThenByCursorUntilNoNextPage() throws Exception {
        server.enqueue(page(true, edge("a", 1.5, "Alice"), edge("b", 3, "bob")));
        server.enqueue(page(true, edge("c", 61, "carol")));
        server.enqueue(page(false, edge("d", 125.2, "alice")));
        ChatReplay r;
        try (GqlChatReplayClient c = client(3)) {
            r = c.fetch("123");
        }
        assertEquals(List.of("a", "b", "c", "d"), r.comments().stream().map(ChatComment::id).toList());
        assertEquals("alice", r.comments().get(0).commenterLogin(), "logins lower-cased");
        assertEquals("ALICE", r.comments().get(0).displayName());
        assertEquals("hi a", r.comments().get(0).body());
        assertEquals(3, r.requests());
        assertEquals(0, r.retries());
        JsonNode v1 = variables();
        assertEquals(0, v1.get("contentOffsetSeconds").asInt());
        assertFalse(v1.has("cursor"));
        assertEquals("cur_b", variables().get("cursor").asText());
        assertEquals("cur_c", variables().get("cursor").asText());
        assertEquals(List.of(Duration.ofMillis(250), Duration.ofMillis(250)), sleeps, "the delay between requests");
    }

    @Test
    void integrityErrorIsRetriedByOffsetAndDuplicatesAreKeptOnce() throws Exception {
        server.enqueue(page(true, edge("a", 10, "alice"), edge("b", 70.9, "bob")));
        server.enqueue(integrityError());
        // The offset fallback starts at second 70 and so repeats b.
        server.enqueue(page(true, edge("b", 70.9, "bob"), edge("c", 80, "carol")));
        server.enqueue(page(false, edge("c", 80, "carol"), edge("d", 90, "dave")));
        ChatReplay r;
        try (GqlChatReplayClient c = client(3)) {
            r = c.fetch("123");
        }
        assertEquals(List.of("a", "b", "c", "d"), r.comments().stream().map(ChatComment::id).toList());
        assertEquals(2, r.duplicates());
        assertEquals(1, r.retries());
        assertEquals(4, r.requests());
        variables();
        assertEquals("cur_b", variables().get("cursor").asText());
        JsonNode fallback = variables();
        assertFalse(fallback.has("cursor"), "after an integrity error the client pages by offset");
        assertEquals(70, fallback.get("contentOffsetSeconds").asInt());
        assertEquals("cur_c", variables().get("cursor").asText(), "and then by cursor again");
        assertTrue(sleeps.contains(Duration.ofSeconds(1)), "backoff before the retry: " + sleeps);
    }

    @Test
    void deletedCommentersAreSkippedAndCountedOnce() {
        server.enqueue(page(true, edge("a", 1, null), edge("b", 2, "bob")));
        server.enqueue(page(false, edge("a", 1, null), edge("c", 3, null), edge("d", 4, "dave")));
        ChatReplay r;
        try (GqlChatReplayClient c = client(3)) {
            r = c.fetch("123");
        }
        assertEquals(List.of("bob", "dave"), r.comments().stream().map(ChatComment::commenterLogin).toList());
        assertEquals(2, r.deletedCommenters());
    }

    @Test
    void waitsRetryAfterOn429AndBacksOffOn5xx() {
        server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "7"));
        server.enqueue(new MockResponse().setResponseCode(503));
        server.enqueue(page(false, edge("a", 1, "alice")));
        ChatReplay r;
        try (GqlChatReplayClient c = client(3)) {
            r = c.fetch("123");
        }
        assertEquals(1, r.comments().size());
        assertEquals(2, r.retries());
        assertEquals(3, r.requests());
        assertTrue(sleeps.contains(Duration.ofSeconds(7)), "Retry-After honoured: " + sleeps);
        assertTrue(sleeps.contains(Duration.ofSeconds(2)), "second consecutive failure doubles the backoff: " + sleeps);
    }

    @Test
    void givesUpAfterTooManyConsecutiveFailures() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse().setResponseCode(429));
        }
        try (GqlChatReplayClient c = client(2)) {
            TwitchApiException e = assertThrows(TwitchApiException.class, () -> c.fetch("123"));
            assertTrue(e.getMessage().contains("VOD 123") && e.getMessage().contains("429"), e.getMessage());
        }
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void unknownVodAndBadIdAreClearErrors() {
        server.enqueue(new MockResponse().setBody("[{\"data\":{\"video\":null}}]"));
        try (GqlChatReplayClient c = client(1)) {
            assertTrue(assertThrows(TwitchApiException.class, () -> c.fetch("999")).getMessage().contains("999"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> c.fetch("12a")).getMessage().contains("'12a'"));
        }
    }

    @Test
    void anEndpointRepeatingThePageForeverIsDeclaredStuck() {
        server.setDispatcher(new okhttp3.mockwebserver.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return page(true, edge("a", 1, "alice"));
            }
        });
        try (GqlChatReplayClient c = client(3)) {
            TwitchApiException e = assertThrows(TwitchApiException.class, () -> c.fetch("123"));
            assertTrue(e.getMessage().contains("no progress"), e.getMessage());
        }
        assertEquals(GqlChatReplayClient.MAX_STALLED_PAGES + 1, server.getRequestCount());
    }

    /**
     * A rotated persisted-query hash answers every request like this (HTTP 200, an errors array and
     * no data): https://github.com/Brisppy/twitch-archiver/issues/61.
     */
    private static MockResponse persistedQueryNotFound() {
        return new MockResponse().setHeader("Content-Type", "application/json")
                .setBody("[{\"errors\":[{\"message\":\"PersistedQueryNotFound\"}],\"extensions\":"
                        + "{\"durationMilliseconds\":2,\"operationName\":\"VideoCommentsByOffsetOrCursor\"}}]");
    }

    @Test
    void aRotatedPersistedQueryEndsTheFetchAtOnceAsAnEndpointFailure() {
        server.enqueue(persistedQueryNotFound());
        try (GqlChatReplayClient c = client(6)) {
            ChatReplayException e = assertThrows(ChatReplayException.class, () -> c.fetch("123"));
            assertEquals(ChatReplayException.Kind.ENDPOINT, e.kind());
            assertEquals("gql:PersistedQueryNotFound", e.errorClass());
            assertTrue(e.getMessage().contains("PersistedQueryNotFound"), e.getMessage());
        }
        assertEquals(1, server.getRequestCount(), "no retries that cannot succeed");
        assertEquals(List.of(), sleeps, "and no backoff");
    }

    @Test
    void aDeletedVodIsUnavailableAndAnAuthRefusalIsAuth() {
        server.enqueue(new MockResponse().setBody("[{\"data\":{\"video\":null}}]"));
        server.enqueue(new MockResponse().setResponseCode(401).setBody("{\"error\":\"Unauthorized\"}"));
        try (GqlChatReplayClient c = client(3)) {
            ChatReplayException gone = assertThrows(ChatReplayException.class, () -> c.fetch("123"));
            assertEquals(ChatReplayException.Kind.UNAVAILABLE, gone.kind());
            ChatReplayException auth = assertThrows(ChatReplayException.class, () -> c.fetch("123"));
            assertEquals(ChatReplayException.Kind.AUTH, auth.kind());
            assertEquals("http_401", auth.errorClass());
        }
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void nullCommentsWithoutErrorsAreASchemaMismatchNotAnEmptyReplay() {
        server.enqueue(new MockResponse().setBody("[{\"data\":{\"video\":{\"id\":\"123\",\"comments\":null}}}]"));
        try (GqlChatReplayClient c = client(3)) {
            ChatReplayException e = assertThrows(ChatReplayException.class, () -> c.fetch("123"));
            assertEquals(ChatReplayException.Kind.ENDPOINT, e.kind());
            assertEquals("schema_mismatch", e.errorClass());
        }
        server.enqueue(new MockResponse().setBody("[{\"data\":{\"video\":{\"id\":\"123\",\"comments\":"
                + "{\"edges\":[],\"pageInfo\":{\"hasNextPage\":false}}}}}]"));
        try (GqlChatReplayClient c = client(3)) {
            assertEquals(0, c.fetch("123").comments().size(), "an empty edges array is a real empty replay");
        }
    }

    @Test
    void exhaustedRetriesAreTransientWithTheLastFailuresClass() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse().setResponseCode(503));
        }
        try (GqlChatReplayClient c = client(2)) {
            ChatReplayException e = assertThrows(ChatReplayException.class, () -> c.fetch("123"));
            assertEquals(ChatReplayException.Kind.TRANSIENT, e.kind());
            assertEquals("http_503", e.errorClass());
        }
    }

    @Test
    void pagesReachTheSinkAsTheyArriveAndASinkExceptionStopsTheFetch() {
        server.enqueue(page(true, edge("a", 1, "alice")));
        server.enqueue(page(true, edge("a", 1, "alice"), edge("b", 2, "bob")));
        server.enqueue(page(false, edge("c", 3, "carol")));
        List<List<String>> pages = new ArrayList<>();
        try (GqlChatReplayClient c = client(3)) {
            IllegalStateException stop = assertThrows(IllegalStateException.class, () -> c.stream("123", fresh -> {
                pages.add(fresh.stream().map(ChatComment::id).toList());
                if (pages.size() == 2) {
                    throw new IllegalStateException("stop");
                }
            }));
            assertEquals("stop", stop.getMessage());
        }
        assertEquals(List.of(List.of("a"), List.of("b")), pages, "the repeat of a is not passed on again");
        assertEquals(2, server.getRequestCount());
    }
}
