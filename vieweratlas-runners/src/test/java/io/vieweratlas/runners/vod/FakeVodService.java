package io.vieweratlas.runners.vod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A loopback Twitch for the VOD collector: token validation, Helix {@code /users} and
 * {@code /videos} (by {@code user_id} and by {@code id}), and the GraphQL chat replay.
 *
 * <p>The replay answers as the real endpoint does: pages of
 * {@code [{"data":{"video":{"id":…,"comments":{"edges":[{"cursor":…,"node":{…}}],
 * "pageInfo":{"hasNextPage":…}}}}}]}, first by {@code contentOffsetSeconds}, then by cursor.
 * Modes reproduce the documented failure forms:
 * <ul>
 *   <li>{@link Mode#OUTAGE}: a rotated persisted-query hash; every request is answered HTTP 200
 *       with {@code [{"errors":[{"message":"PersistedQueryNotFound"}],"extensions":{…}}]}
 *       (https://github.com/Brisppy/twitch-archiver/issues/61,
 *       https://github.com/RakambdaOrg/ChannelPointsMiner/issues/428);</li>
 *   <li>{@link Mode#SERVER_ERROR}: HTTP 503 for every request;</li>
 *   <li>a deleted VOD answers {@code [{"data":{"video":null}}]} without errors, as a video id
 *       that does not resolve does in the web client's queries.</li>
 * </ul>
 */
final class FakeVodService implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the replay endpoint behaves. */
    enum Mode { HEALTHY, OUTAGE, SERVER_ERROR }

    /** One archive of channel alice (user 42). */
    record Vod(String id, Instant createdAt, int comments) {
    }

    final MockWebServer server = new MockWebServer();
    final AtomicReference<Mode> mode = new AtomicReference<>(Mode.HEALTHY);
    final Set<String> deleted = ConcurrentHashMap.newKeySet();
    /** VODs whose replay answers 503 whatever the mode (a problem of that VOD alone). */
    final Set<String> failing = ConcurrentHashMap.newKeySet();
    final Map<String, AtomicInteger> replayRequests = new ConcurrentHashMap<>();
    final AtomicInteger gqlRequests = new AtomicInteger();
    private final Map<String, Vod> vods = new TreeMap<>();

    FakeVodService(List<Vod> vods) throws IOException {
        vods.forEach(v -> this.vods.put(v.id(), v));
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }
        });
        server.start();
    }

    /** {@code n} VODs with ids from 801, an hour apart, the newest three hours old. */
    static List<Vod> recent(int n, int commentsEach) {
        Instant newest = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        List<Vod> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Vod(String.valueOf(801 + i), newest.minus(i, ChronoUnit.HOURS), commentsEach));
        }
        return out;
    }

    String url(String path) {
        return server.url(path).toString();
    }

    private MockResponse answer(RecordedRequest request) {
        String path = request.getRequestUrl().encodedPath();
        switch (path) {
            case "/oauth2/validate":
                return json("{\"client_id\":\"cid\",\"login\":\"bot\",\"user_id\":\"1\",\"expires_in\":9999}");
            case "/helix/users":
                return json("{\"data\":[{\"id\":\"42\",\"login\":\"alice\",\"display_name\":\"Alice\"}]}");
            case "/helix/videos": {
                List<String> ids = request.getRequestUrl().queryParameterValues("id");
                List<String> out = new ArrayList<>();
                for (Vod v : vods.values()) {
                    if (ids.isEmpty() || ids.contains(v.id())) {
                        out.add(video(v));
                    }
                }
                return json("{\"data\":[" + String.join(",", out) + "],\"pagination\":{}}");
            }
            case "/gql":
                return gql(request);
            default:
                return new MockResponse().setResponseCode(404);
        }
    }

    private MockResponse gql(RecordedRequest request) {
        gqlRequests.incrementAndGet();
        JsonNode op;
        try {
            op = JSON.readTree(request.getBody().readUtf8()).get(0);
        } catch (IOException e) {
            return new MockResponse().setResponseCode(400);
        }
        String vodId = op.at("/variables/videoID").asText();
        replayRequests.computeIfAbsent(vodId, k -> new AtomicInteger()).incrementAndGet();
        switch (mode.get()) {
            case OUTAGE:
                return json("[{\"errors\":[{\"message\":\"PersistedQueryNotFound\"}],\"extensions\":"
                        + "{\"durationMilliseconds\":2,\"operationName\":\"VideoCommentsByOffsetOrCursor\"}}]");
            case SERVER_ERROR:
                return new MockResponse().setResponseCode(503);
            default:
                break;
        }
        if (failing.contains(vodId)) {
            return new MockResponse().setResponseCode(503);
        }
        Vod vod = vods.get(vodId);
        if (vod == null || deleted.contains(vodId)) {
            return json("[{\"data\":{\"video\":null}}]");
        }
        // Two pages: the first half by offset 0, the rest by the cursor of the first page's last comment.
        int half = vod.comments() / 2;
        boolean second = op.at("/variables/cursor").isTextual();
        int from = second ? half : 0;
        int to = second ? vod.comments() : half;
        StringBuilder edges = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (edges.length() > 0) {
                edges.append(',');
            }
            String id = vodId + "-" + i;
            String login = "viewer" + (i % 7);
            edges.append("{\"cursor\":\"k").append(id).append("\",\"node\":{\"id\":\"").append(id)
                    .append("\",\"commenter\":{\"id\":\"u").append(i % 7).append("\",\"login\":\"").append(login)
                    .append("\",\"displayName\":\"").append(login).append("\"},\"contentOffsetSeconds\":")
                    .append(i * 30).append(",\"message\":{\"fragments\":[{\"text\":\"hello ").append(i)
                    .append("\"}]}}}");
        }
        return json("[{\"data\":{\"video\":{\"id\":\"" + vodId + "\",\"comments\":{\"edges\":[" + edges
                + "],\"pageInfo\":{\"hasNextPage\":" + !second + "}}}}}]");
    }

    private static String video(Vod v) {
        return "{\"id\":\"" + v.id() + "\",\"user_id\":\"42\",\"user_login\":\"alice\",\"title\":\"t\",\"created_at\":\""
                + v.createdAt() + "\",\"view_count\":500,\"duration\":\"2h\",\"type\":\"archive\"}";
    }

    private static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
    }
}
