package io.vieweratlas.twitch.http;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How often and how patiently a request is retried after a server error, a timeout or a 429.
 *
 * @param maxRetries  retries after the first attempt (so {@code maxRetries + 1} attempts), at least 0
 * @param backoffBase the first backoff; each further retry doubles it
 * @param backoffMax  the longest backoff
 */
public record RetryPolicy(int maxRetries, Duration backoffBase, Duration backoffMax) {

    /** Four retries, backoff from 500 ms up to 30 s. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(30));

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
        }
        Objects.requireNonNull(backoffBase, "backoffBase");
        Objects.requireNonNull(backoffMax, "backoffMax");
        if (backoffBase.isNegative() || backoffMax.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= base <= max, was base " + backoffBase
                    + ", max " + backoffMax);
        }
    }

    /**
     * The backoff before retry number {@code retry} (1-based): exponential, capped, with "equal
     * jitter" (between half and all of the exponential delay) so many clients do not retry in step.
     */
    public Duration backoff(int retry, RandomGenerator random) {
        long base = backoffBase.toMillis();
        long exp = retry >= 31 ? Long.MAX_VALUE : base << Math.max(0, retry - 1);
        long capped = Math.min(exp < 0 ? Long.MAX_VALUE : exp, backoffMax.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + (half > 0 ? random.nextLong(half + 1) : 0));
    }
}
