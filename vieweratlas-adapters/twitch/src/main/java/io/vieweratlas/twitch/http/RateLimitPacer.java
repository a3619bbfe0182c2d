package io.vieweratlas.twitch.http;

import okhttp3.Headers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Paces requests by Twitch's token bucket as reported in {@code Ratelimit-Remaining} and
 * {@code Ratelimit-Reset} (epoch seconds): when the bucket is empty, the next request waits until
 * the reset. Thread-safe; one pacer per token (the bucket is per client id and token).
 */
public final class RateLimitPacer {

    private final Clock clock;
    private long remaining = Long.MAX_VALUE;
    private Instant reset = Instant.EPOCH;

    /** @param clock the time source */
    public RateLimitPacer(Clock clock) {
        this.clock = clock;
    }

    /** Records the rate-limit headers of a response (absent headers change nothing). */
    public synchronized void observe(Headers headers) {
        Optional<Long> rem = parseLong(headers.get("Ratelimit-Remaining"));
        Optional<Long> res = parseLong(headers.get("Ratelimit-Reset"));
        rem.ifPresent(r -> remaining = r);
        res.ifPresent(r -> reset = Instant.ofEpochSecond(r));
    }

    /**
     * How long to wait before the next request: until the reset when the bucket is empty,
     * otherwise zero. Claims one token so concurrent callers do not all see the last one.
     */
    public synchronized Duration delayBeforeRequest() {
        Instant now = clock.instant();
        if (remaining <= 0 && now.isBefore(reset)) {
            return Duration.between(now, reset);
        }
        if (remaining <= 0) {
            remaining = Long.MAX_VALUE; // the bucket has refilled; the next response says by how much
        } else if (remaining != Long.MAX_VALUE) {
            remaining--;
        }
        return Duration.ZERO;
    }

    /** How long until the reported reset, at least {@code minimum} (used after a 429). */
    public synchronized Duration untilReset(Duration minimum) {
        Duration d = Duration.between(clock.instant(), reset);
        remaining = 0;
        return d.compareTo(minimum) < 0 ? minimum : d;
    }

    private static Optional<Long> parseLong(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
