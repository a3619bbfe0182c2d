package io.vieweratlas.twitch.irc;

import io.vieweratlas.twitch.Sleeper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Twitch's JOIN limit for one account: at most {@code limit} joins in any sliding window of
 * {@code window}. Exceeding it makes Twitch drop the connection, so every JOIN of every
 * connection of the account, including rejoins after a reconnect, takes a {@link Permit} here
 * first and stamps it when the JOIN was actually written ({@link Permit#sent()}): a JOIN whose
 * sending was delayed then still counts from when it left, not from when it was granted.
 * Waiting JOINs are granted by priority (the channel's viewer count, largest first; equal
 * priorities in arrival order), so across all connections the biggest channels are joined first
 * and the share of viewers covered climbs fastest. Thread-safe.
 */
public final class JoinRateLimiter {

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final List<Permit> permits = new ArrayList<>();
    private final PriorityQueue<Ticket> waiting = new PriorityQueue<>(
            Comparator.comparingLong(Ticket::priority).reversed().thenComparingLong(Ticket::seq));
    private long nextSeq;

    private record Ticket(long priority, long seq) {
    }

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

    /** {@link #acquire(long)} with priority 0 (after every JOIN with a higher priority). */
    public Permit acquire() throws InterruptedException {
        return acquire(0);
    }

    /**
     * Blocks until one more JOIN is allowed and no waiting JOIN has a higher {@code priority}, and
     * claims it. A claimed permit that is never marked {@link Permit#sent() sent} counts as in
     * flight until one window after it was granted.
     *
     * @param priority the channel's viewer count: higher goes first
     */
    public Permit acquire(long priority) throws InterruptedException {
        lock.lockInterruptibly();
        Ticket ticket = new Ticket(priority, nextSeq++);
        waiting.add(ticket);
        try {
            while (true) {
                Instant now = clock.instant();
                Instant horizon = now.minus(window);
                // A sent JOIN leaves the window after `window`; an unsent one after two (it may still go out).
                permits.removeIf(p -> p.sent ? !p.at.isAfter(horizon) : !p.at.isAfter(horizon.minus(window)));
                boolean free = permits.size() < limit;
                if (free && waiting.peek() == ticket) {
                    waiting.poll();
                    Permit p = new Permit(now);
                    permits.add(p);
                    return p;
                }
                if (free) {
                    // A JOIN with a higher priority is about to take the free slot; look again shortly.
                    lock.unlock();
                    try {
                        sleeper.sleep(Duration.ofMillis(1));
                    } finally {
                        lock.lockInterruptibly();
                    }
                    continue;
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
            if (!lock.isHeldByCurrentThread()) {
                lock.lock(); // interrupted while re-locking: the ticket must still leave the queue
            }
            waiting.remove(ticket);
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
