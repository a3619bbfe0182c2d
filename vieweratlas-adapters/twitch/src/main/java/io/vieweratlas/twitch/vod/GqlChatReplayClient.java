package io.vieweratlas.twitch.vod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vieweratlas.twitch.Sleeper;
import io.vieweratlas.twitch.TwitchApiException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Chat replays from the Twitch web client's GraphQL endpoint: the persisted query
 * {@code VideoCommentsByOffsetOrCursor}, first by content offset 0, then by the cursor of the last
 * comment of each page until {@code pageInfo.hasNextPage} is false.
 *
 * <p>The endpoint is unofficial and behaves accordingly: it answers integrity checks with HTTP 200
 * and an {@code errors} array, which is retried after a backoff, falling back from cursor to offset
 * paging at the latest offset seen (cursors may be what tripped the check). 429 waits for
 * {@code Retry-After} (or the backoff), 5xx and I/O errors back off; more than
 * {@code maxRetries} consecutive failures end the fetch with a {@link TwitchApiException}.
 * Comments are de-duplicated by id (overlapping pages, offset fallback); comments of deleted
 * users ({@code commenter: null}) are skipped and counted. {@code requestDelay} is kept between
 * requests. Thread-safe; {@link #close()} releases HTTP resources.
 */
public final class GqlChatReplayClient implements ChatReplaySource, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GqlChatReplayClient.class);
    /** The operation the web player's chat replay sends. */
    static final String OPERATION = "VideoCommentsByOffsetOrCursor";
    /** The persisted query's hash as the web client sends it. */
    static final String QUERY_HASH = "b70a3591ff0f4e0313d126c6a1502d79a1c02baebb288227c582044aa76adf6a";
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_PAGES = 1_000_000; // guards against an endpoint that never ends
    /** Pages in a row without a new comment before the fetch is declared stuck. */
    static final int MAX_STALLED_PAGES = 20;

    private final GqlSettings settings;
    private final OkHttpClient http;
    private final Sleeper sleeper;

    /**
     * @param settings endpoint, pacing and retry bounds
     * @param sleeper  waits between requests and before retries (tests pass a recording fake)
     */
    public GqlChatReplayClient(GqlSettings settings, Sleeper sleeper) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.http = io.vieweratlas.twitch.http.HttpClients.builder(true).readTimeout(settings.readTimeout())
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public ChatReplay fetch(String vodId, Runnable afterPage) {
        Objects.requireNonNull(afterPage, "afterPage");
        if (vodId == null || !vodId.matches("\\d+")) {
            throw new IllegalArgumentException("VOD id must be digits, was '" + vodId + "'");
        }
        Map<String, ChatComment> byId = new LinkedHashMap<>();
        long deleted = 0;
        long duplicates = 0;
        long requests = 0;
        long retries = 0;
        int consecutiveFailures = 0;
        double maxOffset = 0;
        String cursor = null;
        int offset = 0;
        int stalled = 0;
        for (int page = 0; page < MAX_PAGES; page++) {
            if (requests > 0) {
                pause(settings.requestDelay(), vodId);
            }
            requests++;
            Outcome outcome = request(vodId, cursor, offset);
            if (outcome instanceof Failure f) {
                consecutiveFailures++;
                retries++;
                if (consecutiveFailures > settings.maxRetries()) {
                    throw new TwitchApiException("chat replay of VOD " + vodId + " failed after " + consecutiveFailures
                            + " consecutive attempts: " + f.reason(), f.status(), null);
                }
                Duration wait = f.retryAfter().orElse(backoff(consecutiveFailures));
                if (f.integrity() && cursor != null) {
                    cursor = null; // cursors may be what the check objects to: continue by offset
                    offset = (int) Math.floor(maxOffset);
                }
                LOG.warn("Chat replay of VOD {}: {}; retry {} of {} in {} ms", vodId, f.reason(), consecutiveFailures,
                        settings.maxRetries(), wait.toMillis());
                pause(wait, vodId);
                continue;
            }
            consecutiveFailures = 0;
            afterPage.run();
            Page p = (Page) outcome;
            int fresh = 0;
            String lastCursor = null;
            for (JsonNode edge : p.edges()) {
                JsonNode node = edge.path("node");
                lastCursor = textOrNull(edge.get("cursor"));
                String id = textOrNull(node.get("id"));
                if (id == null || id.isBlank()) {
                    continue;
                }
                JsonNode commenter = node.get("commenter");
                if (commenter == null || commenter.isNull()) {
                    if (!byId.containsKey(id)) {
                        deleted++;
                        byId.put(id, null); // remember the id so a repeat is not counted again
                    }
                    continue;
                }
                double off = Math.max(0, node.path("contentOffsetSeconds").asDouble(0));
                maxOffset = Math.max(maxOffset, off);
                if (byId.containsKey(id)) {
                    duplicates++;
                    continue;
                }
                String login = textOrNull(commenter.get("login"));
                if (login == null || login.isBlank()) {
                    deleted++;
                    byId.put(id, null);
                    continue;
                }
                login = login.toLowerCase(Locale.ROOT);
                String display = Objects.requireNonNullElse(textOrNull(commenter.get("displayName")), login);
                byId.put(id, new ChatComment(id, off, Objects.requireNonNullElse(textOrNull(commenter.get("id")), ""),
                        login, display, body(node.path("message"))));
                fresh++;
            }
            if (!p.hasNextPage()) {
                break;
            }
            stalled = fresh > 0 ? 0 : stalled + 1;
            if (stalled >= MAX_STALLED_PAGES) {
                throw new TwitchApiException("chat replay of VOD " + vodId + " makes no progress: " + stalled
                        + " pages in a row without a new comment at offset " + (long) maxOffset, 200, null);
            }
            if (lastCursor != null) {
                cursor = lastCursor;
            } else {
                // No cursor to follow: page by offset; step past the offset when it yielded nothing new.
                int next = (int) Math.floor(maxOffset);
                offset = next > offset || fresh > 0 ? Math.max(next, offset) : offset + 1;
                cursor = null;
            }
        }
        var comments = byId.values().stream().filter(Objects::nonNull).toList();
        LOG.info("Chat replay of VOD {}: {} comments, {} of deleted users skipped, {} duplicates, {} requests",
                vodId, comments.size(), deleted, duplicates, requests);
        return new ChatReplay(vodId, comments, deleted, duplicates, requests, retries);
    }

    private sealed interface Outcome permits Page, Failure {
    }

    private record Page(Iterable<JsonNode> edges, boolean hasNextPage) implements Outcome {
    }

    private record Failure(String reason, int status, boolean integrity, Optional<Duration> retryAfter)
            implements Outcome {
    }

    private Outcome request(String vodId, String cursor, int offset) {
        ArrayNode body = JSON.createArrayNode();
        ObjectNode op = body.addObject();
        op.put("operationName", OPERATION);
        ObjectNode vars = op.putObject("variables");
        vars.put("videoID", vodId);
        if (cursor != null) {
            vars.put("cursor", cursor);
        } else {
            vars.put("contentOffsetSeconds", offset);
        }
        ObjectNode pq = op.putObject("extensions").putObject("persistedQuery");
        pq.put("version", 1);
        pq.put("sha256Hash", QUERY_HASH);
        Request request = new Request.Builder().url(settings.gqlUrl().toString())
                .header("Client-Id", settings.clientId())
                .post(RequestBody.create(body.toString(), JSON_TYPE)).build();
        try (Response response = http.newCall(request).execute()) {
            int code = response.code();
            if (code == 429) {
                return new Failure("rate limited (429)", code, false, retryAfter(response));
            }
            if (code >= 500) {
                return new Failure("server error " + code, code, false, Optional.empty());
            }
            if (code != 200) {
                throw new TwitchApiException("chat replay of VOD " + vodId + " was rejected (" + code + ")", code, null);
            }
            ResponseBody rb = response.body();
            JsonNode root = JSON.readTree(rb == null ? "" : rb.string());
            JsonNode first = root != null && root.isArray() ? root.path(0) : root;
            if (first == null || first.isMissingNode() || !first.isObject()) {
                return new Failure("unreadable response body", code, false, Optional.empty());
            }
            JsonNode errors = first.get("errors");
            if (errors != null && errors.isArray() && !errors.isEmpty()) {
                return new Failure("errors in a 200 response (" + errors.path(0).path("message").asText("?") + ")",
                        code, true, Optional.empty());
            }
            JsonNode video = first.path("data").path("video");
            if (video.isNull() || video.isMissingNode()) {
                throw new TwitchApiException("VOD " + vodId + " does not exist or is not visible", 404, null);
            }
            JsonNode comments = video.path("comments");
            return new Page(comments.path("edges"), comments.path("pageInfo").path("hasNextPage").asBoolean(false));
        } catch (IOException e) {
            return new Failure("I/O error: " + e.getMessage(), 0, false, Optional.empty());
        }
    }

    private static Optional<Duration> retryAfter(Response response) {
        String value = response.header("Retry-After");
        if (value == null) {
            return Optional.empty();
        }
        try {
            long s = Long.parseLong(value.strip());
            return s >= 0 ? Optional.of(Duration.ofSeconds(Math.min(s, 3600))) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Duration backoff(int failures) {
        Duration d = settings.backoffBase().multipliedBy(1L << Math.min(20, failures - 1));
        return d.compareTo(settings.backoffMax()) > 0 ? settings.backoffMax() : d;
    }

    private static String body(JsonNode message) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode fragment : message.path("fragments")) {
            sb.append(fragment.path("text").asText(""));
        }
        return sb.toString();
    }

    private static String textOrNull(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private void pause(Duration d, String vodId) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TwitchApiException("chat replay of VOD " + vodId + " interrupted", 0, e);
        }
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
