package io.vieweratlas.twitch.helix;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.vieweratlas.core.model.LiveStream;
import io.vieweratlas.core.port.StreamDirectory;
import io.vieweratlas.twitch.Sleeper;
import io.vieweratlas.twitch.TwitchApiException;
import io.vieweratlas.twitch.TwitchAuthException;
import io.vieweratlas.twitch.auth.TokenInfo;
import io.vieweratlas.twitch.auth.TokenManager;
import io.vieweratlas.twitch.auth.TwitchCredentials;
import io.vieweratlas.twitch.http.CallExecutor;
import io.vieweratlas.twitch.http.HttpClients;
import io.vieweratlas.twitch.http.RateLimitPacer;
import io.vieweratlas.twitch.http.RequestLogInterceptor;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Retrofit;
import retrofit2.converter.jackson.JacksonConverterFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * Twitch Helix as a {@link StreamDirectory}: top live streams (pages of 100 by cursor, optional
 * language and category filters), the live streams among given logins, and users.
 *
 * <p>Every request carries {@code Client-Id} and a bearer token from the {@link TokenManager}
 * (validated at start and hourly), is paced by the rate-limit headers, waits for the reset on
 * 429, retries server errors and timeouts with jittered backoff, and fails with a
 * {@link TwitchAuthException} on 401/403 or a {@link TwitchApiException} on other rejections.
 * Thread-safe; {@link #close()} releases the HTTP resources.
 */
public final class HelixClient implements StreamDirectory, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HelixClient.class);
    private static final int PAGE_SIZE = 100;

    private final HelixSettings settings;
    private final OkHttpClient http;
    private final HelixApi api;
    private final TokenManager tokens;
    private final CallExecutor executor;

    private HelixClient(HelixSettings settings, OkHttpClient http, HelixApi api, TokenManager tokens,
                        CallExecutor executor) {
        this.settings = settings;
        this.http = http;
        this.api = api;
        this.tokens = tokens;
        this.executor = executor;
    }

    /** A client with the real clock, real sleeping and random jitter. */
    public static HelixClient create(HelixSettings settings, TwitchCredentials credentials) {
        return create(settings, credentials, Clock.systemUTC(), Sleeper.SYSTEM, RandomGenerator.getDefault());
    }

    /**
     * A client with injected time, so tests need not really wait.
     *
     * @param settings    endpoints, timeouts, retry bounds
     * @param credentials client id plus user token or client secret
     * @param clock       time source for rate-limit resets and token age
     * @param sleeper     waits for backoff and rate-limit resets
     * @param random      jitter source
     */
    public static HelixClient create(HelixSettings settings, TwitchCredentials credentials, Clock clock,
                                     Sleeper sleeper, RandomGenerator random) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(credentials, "credentials");
        OkHttpClient http = HttpClients.builder(false) // retries are ours; a stale pooled connection is not a failure
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .callTimeout(settings.readTimeout().plus(settings.connectTimeout()))
                .addInterceptor(new RequestLogInterceptor())
                .build();
        ObjectMapper mapper = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        JacksonConverterFactory converter = JacksonConverterFactory.create(mapper);
        String clientId = credentials.clientId();
        OkHttpClient helixHttp = http.newBuilder() // shares the connection pool and dispatcher
                .addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header("Client-Id", clientId).build()))
                .build();
        Retrofit helix = new Retrofit.Builder().baseUrl(settings.helixUrl().toString()).client(helixHttp)
                .addConverterFactory(converter).build();
        Retrofit oauth = new Retrofit.Builder().baseUrl(settings.authUrl().toString()).client(http)
                .addConverterFactory(converter).build();
        CallExecutor helixExec = new CallExecutor("Helix", settings.retry(), new RateLimitPacer(clock), sleeper, random);
        CallExecutor oauthExec = new CallExecutor("Twitch OAuth", settings.retry(), new RateLimitPacer(clock), sleeper,
                random);
        TokenManager tokens = new TokenManager(credentials, oauth, oauthExec, clock, settings.revalidateEvery(),
                settings.renewMargin());
        return new HelixClient(settings, http, helix.create(HelixApi.class), tokens, helixExec);
    }

    /**
     * Validates the credentials now (call at start so a bad token stops the run before any work).
     *
     * @throws TwitchAuthException when the token is refused
     */
    public TokenInfo validate() {
        return tokens.validateNow();
    }

    /** The most-watched live streams with the default filter of the settings. */
    @Override
    public List<LiveStream> topStreams(int limit) {
        return topStreams(limit, settings.filter());
    }

    /**
     * The most-watched live streams matching {@code filter}, at most {@code limit}, most viewers
     * first. Pages of 100 are fetched by cursor until {@code limit} or the end of the list;
     * streams that appear twice while the list shifts between pages are kept once.
     */
    public List<LiveStream> topStreams(int limit, StreamFilter filter) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        Objects.requireNonNull(filter, "filter");
        Map<String, LiveStream> byId = new LinkedHashMap<>();
        String cursor = null;
        do {
            String after = cursor;
            int first = Math.min(PAGE_SIZE, limit - byId.size());
            HelixApi.Page<HelixApi.StreamDto> page = executor.execute("GET /streams",
                    () -> api.streams(bearer(), first, after, "live", filter.languages(), filter.gameIds(), List.of()),
                    tokens::onUnauthorized);
            int before = byId.size();
            for (HelixApi.StreamDto dto : page.data()) {
                toLiveStream(dto).ifPresent(s -> {
                    if (byId.size() < limit) {
                        byId.putIfAbsent(s.channelId(), s);
                    }
                });
            }
            cursor = page.cursor();
            if (byId.size() == before) {
                break; // an empty or all-duplicate page: the list is exhausted
            }
        } while (cursor != null && byId.size() < limit);
        List<LiveStream> result = new ArrayList<>(byId.values());
        result.sort(Comparator.comparingLong(LiveStream::viewerCount).reversed());
        return List.copyOf(result);
    }

    /** The live streams among {@code logins} (queried 100 logins per request), most viewers first. */
    @Override
    public List<LiveStream> liveStreams(Collection<String> logins) {
        List<String> wanted = normalizeLogins(logins);
        List<LiveStream> result = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i += PAGE_SIZE) {
            List<String> batch = wanted.subList(i, Math.min(wanted.size(), i + PAGE_SIZE));
            String cursor = null;
            do {
                String after = cursor;
                HelixApi.Page<HelixApi.StreamDto> page = executor.execute("GET /streams",
                        () -> api.streams(bearer(), PAGE_SIZE, after, "live", List.of(), List.of(), batch),
                        tokens::onUnauthorized);
                page.data().forEach(dto -> toLiveStream(dto).ifPresent(result::add));
                cursor = page.data().isEmpty() ? null : page.cursor();
            } while (cursor != null);
        }
        result.sort(Comparator.comparingLong(LiveStream::viewerCount).reversed().thenComparing(LiveStream::login));
        return List.copyOf(result);
    }

    /** The users with the given logins (100 per request); unknown logins are absent. Sorted by login. */
    public List<HelixUser> users(Collection<String> logins) {
        List<String> wanted = normalizeLogins(logins);
        List<HelixUser> result = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i += PAGE_SIZE) {
            List<String> batch = wanted.subList(i, Math.min(wanted.size(), i + PAGE_SIZE));
            HelixApi.Page<HelixApi.UserDto> page = executor.execute("GET /users", () -> api.users(bearer(), batch),
                    tokens::onUnauthorized);
            for (HelixApi.UserDto u : page.data()) {
                if (u.id() == null || u.login() == null) {
                    LOG.warn("Helix GET /users returned an entry without id or login; skipped");
                    continue;
                }
                result.add(new HelixUser(u.id(), u.login().toLowerCase(Locale.ROOT),
                        Objects.requireNonNullElse(u.displayName(), u.login()),
                        Objects.requireNonNullElse(u.broadcasterType(), "")));
            }
        }
        result.sort(Comparator.comparing(HelixUser::login));
        return List.copyOf(result);
    }

    /**
     * The archived broadcasts (past-broadcast VODs) of one channel created at or after
     * {@code notBefore}, newest first. Helix lists videos newest first, so paging (100 per page, by
     * cursor) stops at the first older video or at the end of the list. Entries without id, user
     * or a readable creation time or duration are skipped with a warning.
     */
    public List<HelixVideo> archiveVideos(String userId, Instant notBefore) {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("userId must not be blank");
        }
        Objects.requireNonNull(notBefore, "notBefore");
        Map<String, HelixVideo> byId = new LinkedHashMap<>();
        String cursor = null;
        boolean older = false;
        do {
            String after = cursor;
            HelixApi.Page<HelixApi.VideoDto> page = executor.execute("GET /videos",
                    () -> api.videos(bearer(), userId, "archive", PAGE_SIZE, after), tokens::onUnauthorized);
            for (HelixApi.VideoDto dto : page.data()) {
                Optional<HelixVideo> video = toVideo(dto);
                if (video.isEmpty()) {
                    continue;
                }
                if (video.get().createdAt().isBefore(notBefore)) {
                    older = true;
                    break;
                }
                byId.putIfAbsent(video.get().id(), video.get());
            }
            cursor = page.data().isEmpty() ? null : page.cursor();
        } while (!older && cursor != null);
        List<HelixVideo> result = new ArrayList<>(byId.values());
        result.sort(Comparator.comparing(HelixVideo::createdAt).reversed().thenComparing(HelixVideo::id));
        return List.copyOf(result);
    }

    /**
     * The videos with the given ids (100 per request), any type; ids Helix does not know are
     * absent. Sorted by id.
     */
    public List<HelixVideo> videos(Collection<String> ids) {
        TreeSet<String> wanted = new TreeSet<>();
        for (String id : Objects.requireNonNull(ids, "ids")) {
            if (id == null || !id.matches("\\d+")) {
                throw new IllegalArgumentException("video id must be digits, was '" + id + "'");
            }
            wanted.add(id);
        }
        List<String> all = new ArrayList<>(wanted);
        List<HelixVideo> result = new ArrayList<>();
        for (int i = 0; i < all.size(); i += PAGE_SIZE) {
            List<String> batch = all.subList(i, Math.min(all.size(), i + PAGE_SIZE));
            HelixApi.Page<HelixApi.VideoDto> page = executor.execute("GET /videos",
                    () -> api.videosById(bearer(), batch), tokens::onUnauthorized);
            for (HelixApi.VideoDto dto : page.data()) {
                toVideo(dto).ifPresent(result::add);
            }
        }
        result.sort(Comparator.comparing(HelixVideo::id));
        return List.copyOf(result);
    }

    private static Optional<HelixVideo> toVideo(HelixApi.VideoDto dto) {
        if (dto.id() == null || dto.userId() == null || dto.userLogin() == null || dto.createdAt() == null) {
            LOG.warn("Helix GET /videos returned an entry without id, user_id, user_login or created_at; skipped");
            return Optional.empty();
        }
        try {
            return Optional.of(new HelixVideo(dto.id(), dto.userId(), dto.userLogin().toLowerCase(Locale.ROOT),
                    Objects.requireNonNullElse(dto.title(), ""), Instant.parse(dto.createdAt()),
                    Math.max(0, Objects.requireNonNullElse(dto.viewCount(), 0L)),
                    HelixDuration.parse(Objects.requireNonNullElse(dto.duration(), ""))));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            LOG.warn("Helix video {} of {} is unreadable ({}); skipped", dto.id(), dto.userLogin(), e.getMessage());
            return Optional.empty();
        }
    }

    private String bearer() {
        return "Bearer " + tokens.bearerToken();
    }

    private static List<String> normalizeLogins(Collection<String> logins) {
        TreeSet<String> set = new TreeSet<>();
        for (String login : Objects.requireNonNull(logins, "logins")) {
            if (login == null || login.isBlank()) {
                throw new IllegalArgumentException("channel login must not be blank: " + logins);
            }
            set.add(login.strip().toLowerCase(Locale.ROOT));
        }
        return new ArrayList<>(set);
    }

    private static Optional<LiveStream> toLiveStream(HelixApi.StreamDto dto) {
        if (dto.userId() == null || dto.userLogin() == null || dto.startedAt() == null) {
            LOG.warn("Helix GET /streams returned an entry without user_id, user_login or started_at; skipped");
            return Optional.empty();
        }
        Instant started;
        try {
            started = Instant.parse(dto.startedAt());
        } catch (DateTimeParseException e) {
            LOG.warn("Helix stream of {} has an unreadable started_at '{}'; skipped", dto.userLogin(), dto.startedAt());
            return Optional.empty();
        }
        return Optional.of(new LiveStream(dto.userId(), dto.userLogin().toLowerCase(Locale.ROOT),
                Objects.requireNonNullElse(dto.gameName(), ""), Objects.requireNonNullElse(dto.language(), ""),
                Objects.requireNonNullElse(dto.title(), ""), Math.max(0, Objects.requireNonNullElse(dto.viewerCount(), 0L)),
                started));
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Override
    public String toString() {
        return "HelixClient[" + settings.helixUrl() + ", " + tokens + "]";
    }

}
