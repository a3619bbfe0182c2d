package io.vieweratlas.twitch.irc;

import io.vieweratlas.twitch.Sleeper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Twitch's JOIN limit for one account: at most {@code limit} joins in any sliding window of
 * {@code window}. Exceeding it makes Twitch drop the connection, so every JOIN of every
 * connection of the account, including rejoins after a reconnect, takes a permit here first.
 * Fair: waiting threads are served in arrival order. Thread-safe.
 */
public final class JoinRateLimiter {

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final ArrayDeque<Instant> granted = new ArrayDeque<>();

    /**
     * @param limit   joins allowed per window, at least 1
     * @param window  the sliding window, positive
     * @param clock   time source
     * @param sleeper waits for the window to slide
     */
    public JoinRateLimiter(int limit, Duration window, Clock clock, Sleeper sleeper) {
        if (limit < 1) {
            throw new IllegalArgumentException("join limit must be >= 1, was " + limit);
        }
        Objects.requireNonNull(window, "window");
        if (!window.isPositive()) {
            throw new IllegalArgumentException("join window must be positive, was " + window);
        }
        this.limit = limit;
        this.window = window;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** Blocks until one more JOIN is allowed, and claims it. */
    public void acquire() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (true) {
                Instant now = clock.instant();
                Instant horizon = now.minus(window);
                while (!granted.isEmpty() && !granted.peekFirst().isAfter(horizon)) {
                    granted.pollFirst();
                }
                if (granted.size() < limit) {
                    granted.addLast(now);
                    return;
                }
                // Holding the (fair) lock while waiting keeps the order; the wait is exactly until the oldest expires.
                Duration wait = Duration.between(horizon, granted.peekFirst());
                sleeper.sleep(wait.isPositive() ? wait : Duration.ofMillis(1));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Joins allowed per window. */
    public int limit() {
        return limit;
    }

    /** The sliding window. */
    public Duration window() {
        return window;
    }
}
