package io.vieweratlas.twitch.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vieweratlas.twitch.Sleeper;
import io.vieweratlas.twitch.TwitchApiException;
import io.vieweratlas.twitch.TwitchAuthException;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Call;
import retrofit2.Response;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Runs Retrofit calls with Twitch's failure semantics: paces by the rate-limit headers, waits
 * until the reset on 429, retries server errors and I/O failures (timeouts) with jittered
 * exponential backoff, and turns 400/401/403/404 into clear exceptions at once. Retries are
 * bounded by the {@link RetryPolicy}. A keep-alive connection the server closed while it sat in
 * the pool never reaches here as a failure: clients built by {@link HttpClients#builder(boolean)}
 * send such an idempotent request again at once ({@link StaleConnectionRetry}).
 */
public final class CallExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(CallExecutor.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MIN_RATE_LIMIT_WAIT = Duration.ofMillis(100);

    private final String service;
    private final RetryPolicy policy;
    private final RateLimitPacer pacer;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    /**
     * @param service what is called, for messages (e.g. {@code Helix})
     * @param policy  the retry bounds
     * @param pacer   the rate-limit state for the token in use
     * @param sleeper waits for backoff and rate-limit resets
     * @param random  jitter source
     */
    public CallExecutor(String service, RetryPolicy policy, RateLimitPacer pacer, Sleeper sleeper,
                        RandomGenerator random) {
        this.service = Objects.requireNonNull(service, "service");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Executes a call, retrying as described above.
     *
     * @param endpoint       method and path for messages, e.g. {@code GET /streams}
     * @param call           makes a fresh call for each attempt (so a renewed token is used)
     * @param onUnauthorized called on a 401; returns true when fresh credentials are available and
     *                       the call should be tried once more
     * @return the body of the successful response
     * @throws TwitchAuthException on 401 (unless retried) and 403
     * @throws TwitchApiException  on other client errors, or when retries are exhausted
     */
    public <T> T execute(String endpoint, Supplier<Call<T>> call, BooleanSupplier onUnauthorized) {
        int retries = 0;
        boolean reauthorized = false;
        while (true) {
            pause(pacer.delayBeforeRequest(), endpoint);
            Response<T> response;
            try {
                response = call.get().execute();
            } catch (IOException e) {
                retries = retryOrFail(endpoint, retries, 0, "I/O error: " + e.getMessage(), e);
                continue;
            }
            pacer.observe(response.headers());
            int code = response.code();
            if (response.isSuccessful()) {
                T body = response.body();
                if (body == null) {
                    throw new TwitchApiException(service + " " + endpoint + " returned " + code + " without a body",
                            code, null);
                }
                return body;
            }
            String detail = errorDetail(response.errorBody());
            if (code == 429) {
                if (retries >= policy.maxRetries()) {
                    throw new TwitchApiException(service + " " + endpoint + " still rate limited (429) after "
                            + (retries + 1) + " attempts", code, null);
                }
                retries++;
                Duration wait = pacer.untilReset(MIN_RATE_LIMIT_WAIT);
                LOG.warn("{} {} rate limited (429); waiting {} ms until the bucket resets", service, endpoint,
                        wait.toMillis());
                pause(wait, endpoint);
            } else if (code >= 500) {
                retries = retryOrFail(endpoint, retries, code, "server error " + code + detail, null);
            } else if (code == 401) {
                if (!reauthorized && onUnauthorized.getAsBoolean()) {
                    reauthorized = true;
                    continue;
                }
                throw new TwitchAuthException(service + " " + endpoint + " refused the credentials (401"
                        + detail + "): the token is invalid or expired; set a fresh TWITCH_OAUTH_TOKEN"
                        + " (or TWITCH_CLIENT_SECRET for an app token) and check TWITCH_CLIENT_ID", code);
            } else if (code == 403) {
                throw new TwitchAuthException(service + " " + endpoint + " is forbidden for these credentials (403"
                        + detail + "): the token lacks a scope or belongs to another client id", code);
            } else {
                throw new TwitchApiException(service + " " + endpoint + " was rejected (" + code + detail + ")",
                        code, null);
            }
        }
    }

    private int retryOrFail(String endpoint, int retries, int status, String reason, Throwable cause) {
        if (retries >= policy.maxRetries()) {
            throw new TwitchApiException(service + " " + endpoint + " failed after " + (retries + 1)
                    + " attempts: " + reason, status, cause);
        }
        int next = retries + 1;
        Duration wait;
        synchronized (random) { // one executor serves concurrent callers; generators are not thread-safe
            wait = policy.backoff(next, random);
        }
        LOG.warn("{} {} failed ({}); retry {} of {} in {} ms", service, endpoint, reason, next,
                policy.maxRetries(), wait.toMillis());
        pause(wait, endpoint);
        return next;
    }

    private void pause(Duration wait, String endpoint) {
        if (!wait.isPositive()) {
            return;
        }
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TwitchApiException(service + " " + endpoint + " interrupted while waiting", 0, e);
        }
    }

    /** The {@code message} of a Twitch error body, as {@code ": message"}, or empty. */
    private static String errorDetail(ResponseBody body) {
        if (body == null) {
            return "";
        }
        try (body) {
            String text = body.string();
            JsonNode node = JSON.readTree(text);
            if (node != null && node.hasNonNull("message")) {
                return ": " + truncate(node.get("message").asText());
            }
            return text.isBlank() ? "" : ": " + truncate(text);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String truncate(String s) {
        String oneLine = s.replaceAll("[\\r\\n]+", " ").strip();
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
    }
}
