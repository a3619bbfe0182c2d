package io.vieweratlas.twitch.vod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vieweratlas.twitch.Sleeper;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Chat replays from the Twitch web client's GraphQL endpoint: the persisted query
 * {@code VideoCommentsByOffsetOrCursor}, first by content offset 0, then by the cursor of the last
 * comment of each page until {@code pageInfo.hasNextPage} is false.
 *
 * <p>The endpoint is unofficial and behaves accordingly. Every failure ends as a
 * {@link ChatReplayException} saying its kind: integrity checks (HTTP 200 with an {@code errors}
 * array) are retried after a backoff, falling back from cursor to offset paging at the latest
 * offset seen (cursors may be what tripped the check); 429 waits for {@code Retry-After} (or the
 * backoff), 5xx and I/O errors back off; more than {@code maxRetries} consecutive such failures
 * end the fetch as {@link ChatReplayException.Kind#TRANSIENT}. Any other GraphQL error (a rotated
 * persisted query), a reply of unexpected shape ({@code comments: null} without errors included)
 * and 4xx end it at once as {@link ChatReplayException.Kind#ENDPOINT} (401/403 as
 * {@link ChatReplayException.Kind#AUTH}), since asking again cannot help; {@code video: null}
 * ends it as {@link ChatReplayException.Kind#UNAVAILABLE}.
 *
 * <p>Pages go to the {@link ReplaySink} as they arrive; only the ids seen are kept (as hashes),
 * so memory does not grow with the comments' text. Comments are de-duplicated by id
 * (overlapping pages, offset fallback); comments of deleted users ({@code commenter: null}) are
 * skipped and counted. {@code requestDelay} is kept between requests. Thread-safe;
 * {@link #close()} releases HTTP resources.
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
    public ReplaySummary stream(String vodId, ReplaySink sink) {
        Objects.requireNonNull(sink, "sink");
        if (vodId == null || !vodId.matches("\\d+")) {
            throw new IllegalArgumentException("VOD id must be digits, was '" + vodId + "'");
        }
        IdSet seen = new IdSet();
        long kept = 0;
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
                    throw new ChatReplayException("chat replay of VOD " + vodId + " failed after " + consecutiveFailures
                            + " consecutive attempts: " + f.reason(), ChatReplayException.Kind.TRANSIENT,
                            f.errorClass(), f.status(), null);
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
            Page p = (Page) outcome;
            List<ChatComment> fresh = new ArrayList<>();
            String lastCursor = null;
            for (JsonNode edge : p.edges()) {
                JsonNode node = edge.path("node");
                lastCursor = textOrNull(edge.get("cursor"));
                String id = textOrNull(node.get("id"));
                if (id == null || id.isBlank()) {
                    continue;
                }
                JsonNode commenter = node.get("commenter");
                String login = commenter == null || commenter.isNull() ? null : textOrNull(commenter.get("login"));
                if (login == null || login.isBlank()) {
                    if (seen.add(id)) {
                        deleted++; // remembered so that a repeat is not counted again
                    }
                    continue;
                }
                double off = Math.max(0, node.path("contentOffsetSeconds").asDouble(0));
                maxOffset = Math.max(maxOffset, off);
                if (!seen.add(id)) {
                    duplicates++;
                    continue;
                }
                login = login.toLowerCase(Locale.ROOT);
                String display = Objects.requireNonNullElse(textOrNull(commenter.get("displayName")), login);
                fresh.add(new ChatComment(id, off, Objects.requireNonNullElse(textOrNull(commenter.get("id")), ""),
                        login, display, body(node.path("message"))));
            }
            kept += fresh.size();
            sink.page(fresh);
            if (!p.hasNextPage()) {
                break;
            }
            stalled = fresh.isEmpty() ? stalled + 1 : 0;
            if (stalled >= MAX_STALLED_PAGES) {
                throw new ChatReplayException("chat replay of VOD " + vodId + " makes no progress: " + stalled
                        + " pages in a row without a new comment at offset " + (long) maxOffset,
                        ChatReplayException.Kind.TRANSIENT, "no_progress", 200, null);
            }
            if (lastCursor != null) {
                cursor = lastCursor;
            } else {
                // No cursor to follow: page by offset; step past the offset when it yielded nothing new.
                int next = (int) Math.floor(maxOffset);
                offset = next > offset || !fresh.isEmpty() ? Math.max(next, offset) : offset + 1;
                cursor = null;
            }
        }
        LOG.info("Chat replay of VOD {}: {} comments, {} of deleted users skipped, {} duplicates, {} requests",
                vodId, kept, deleted, duplicates, requests);
        return new ReplaySummary(vodId, kept, deleted, duplicates, requests, retries);
    }

    private sealed interface Outcome permits Page, Failure {
    }

    private record Page(Iterable<JsonNode> edges, boolean hasNextPage) implements Outcome {
    }

    /** A retryable failure of one request. */
    private record Failure(String reason, String errorClass, int status, boolean integrity,
                           Optional<Duration> retryAfter) implements Outcome {
    }

    /**
     * GraphQL error messages that pass when asked again: the integrity check (answered as HTTP 200
     * with {@code {"errors":[{"message":"failed integrity check","path":[...]}]}}, see
     * https://github.com/lay295/TwitchDownloader/issues/704 and
     * https://github.com/ihabunek/twitch-dl/issues/124) and the gateway's own time-outs. Every
     * other GraphQL error, above all {@code PersistedQueryNotFound} after the web client's query
     * hash was rotated (https://github.com/Brisppy/twitch-archiver/issues/61,
     * https://github.com/RakambdaOrg/ChannelPointsMiner/issues/428), answers the same to every
     * retry, so it ends the fetch at once.
     */
    private static boolean retryableGqlError(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("integrity") || m.contains("service timeout") || m.contains("service unavailable")
                || m.contains("service error");
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
                return new Failure("rate limited (429)", "http_429", code, false, retryAfter(response));
            }
            if (code >= 500) {
                return new Failure("server error " + code, "http_" + code, code, false, Optional.empty());
            }
            if (code == 401 || code == 403) {
                throw new ChatReplayException("chat replay endpoint refused the client id (" + code + ")",
                        ChatReplayException.Kind.AUTH, "http_" + code, code, null);
            }
            if (code != 200) {
                throw new ChatReplayException("chat replay of VOD " + vodId + " was rejected (" + code + ")",
                        ChatReplayException.Kind.ENDPOINT, "http_" + code, code, null);
            }
            ResponseBody rb = response.body();
            JsonNode root = JSON.readTree(rb == null ? "" : rb.string());
            JsonNode first = root != null && root.isArray() ? root.path(0) : root;
            if (first == null || first.isMissingNode() || !first.isObject()) {
                return new Failure("unreadable response body", "unreadable_body", code, false, Optional.empty());
            }
            JsonNode errors = first.get("errors");
            if (errors != null && errors.isArray() && !errors.isEmpty()) {
                String message = errors.path(0).path("message").asText("?");
                if (retryableGqlError(message)) {
                    return new Failure("errors in a 200 response (" + message + ")", "gql:" + message, code, true,
                            Optional.empty());
                }
                throw new ChatReplayException("chat replay of VOD " + vodId + " answered with a GraphQL error ("
                        + message + ")", ChatReplayException.Kind.ENDPOINT, "gql:" + message, code, null);
            }
            JsonNode data = first.get("data");
            if (data == null || !data.isObject()) {
                throw schemaMismatch(vodId, "no 'data' object and no errors");
            }
            JsonNode video = data.get("video");
            if (video == null || video.isNull()) {
                // A deleted or unpublished VOD answers {"data":{"video":null}} without errors.
                throw new ChatReplayException("VOD " + vodId + " does not exist or is not visible",
                        ChatReplayException.Kind.UNAVAILABLE, "video_unavailable", 404, null);
            }
            JsonNode comments = video.get("comments");
            if (comments == null || comments.isNull() || !comments.path("edges").isArray()) {
                // Not an empty replay: an empty one has "edges": []. A reply without the connection
                // is a changed schema (or a refusal without errors) and must not be stored as success.
                throw schemaMismatch(vodId, "'comments' is " + (comments == null ? "missing" : comments.isNull()
                        ? "null" : "without an 'edges' array") + " and there are no errors");
            }
            return new Page(comments.get("edges"), comments.path("pageInfo").path("hasNextPage").asBoolean(false));
        } catch (IOException e) {
            String cls = e instanceof java.net.SocketTimeoutException ? "timeout" : "io";
            return new Failure("I/O error: " + e.getMessage(), cls, 0, false, Optional.empty());
        }
    }

    private static ChatReplayException schemaMismatch(String vodId, String what) {
        return new ChatReplayException("chat replay of VOD " + vodId + " has an unexpected shape: " + what,
                ChatReplayException.Kind.ENDPOINT, "schema_mismatch", 200, null);
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
            throw new ChatReplayException("chat replay of VOD " + vodId + " interrupted",
                    ChatReplayException.Kind.TRANSIENT, "interrupted", 0, e);
        }
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
