package io.vieweratlas.twitch.irc;

import io.vieweratlas.twitch.Sleeper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Twitch's JOIN limit for one account: at most {@code limit} joins in any sliding window of
 * {@code window}. Exceeding it makes Twitch drop the connection, so every JOIN of every
 * connection of the account, including rejoins after a reconnect, takes a {@link Permit} here
 * first and stamps it when the JOIN was actually written ({@link Permit#sent()}): a JOIN whose
 * sending was delayed then still counts from when it left, not from when it was granted.
 * Thread-safe.
 */
public final class JoinRateLimiter {

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final List<Permit> permits = new ArrayList<>();

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

    /** One granted JOIN. */
    public final class Permit {
        private Instant at;
        private boolean sent;

        private Permit(Instant at) {
            this.at = at;
        }

        /** Records that the JOIN was written now; its window counts from here. */
        public void sent() {
            lock.lock();
            try {
                Instant now = clock.instant();
                if (now.isAfter(at)) {
                    at = now;
                }
                sent = true;
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Blocks until one more JOIN is allowed, and claims it. A claimed permit that is never marked
     * {@link Permit#sent() sent} counts as in flight until one window after it was granted.
     */
    public Permit acquire() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (true) {
                Instant now = clock.instant();
                Instant horizon = now.minus(window);
                // A sent JOIN leaves the window after `window`; an unsent one after two (it may still go out).
                permits.removeIf(p -> p.sent ? !p.at.isAfter(horizon) : !p.at.isAfter(horizon.minus(window)));
                if (permits.size() < limit) {
                    Permit p = new Permit(now);
                    permits.add(p);
                    return p;
                }
                Instant oldest = Instant.MAX;
                for (Permit p : permits) {
                    Instant leaves = p.sent ? p.at.plus(window) : p.at.plus(window).plus(window);
                    if (leaves.isBefore(oldest)) {
                        oldest = leaves;
                    }
                }
                Duration wait = Duration.between(now, oldest);
                // Wait without the lock (sent() needs it), in short steps so newly sent stamps are seen.
                Duration cap = window.dividedBy(20).isPositive() ? window.dividedBy(20) : Duration.ofMillis(1);
                lock.unlock();
                try {
                    sleeper.sleep(wait.isPositive() ? (wait.compareTo(cap) < 0 ? wait : cap) : Duration.ofMillis(1));
                } finally {
                    lock.lockInterruptibly();
                }
            }
        } finally {
            if (lock.isHeldByCurrentThread()) {
                lock.unlock();
            }
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
