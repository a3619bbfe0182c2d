package io.vieweratlas.twitch.presence;

import io.vieweratlas.twitch.irc.PresenceEvent;
import io.vieweratlas.twitch.irc.PresenceListener;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Collects presence events into the current window. Many connection threads record at once
 * (shared read lock, a concurrent map of channels, a compact {@link LoginSet} per channel with the
 * evidence as a bit mask per viewer); {@link #close}
 * swaps in a fresh window under the write lock and hands back the closed one, so an event lands
 * in exactly one window and nothing is lost at a window boundary, a reconnect or shutdown.
 */
public final class PresenceAccumulator implements PresenceListener {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private Instant windowStart;
    private ConcurrentHashMap<String, LoginSet> current = new ConcurrentHashMap<>();
    private final AtomicLong eventsInWindow = new AtomicLong();
    private final AtomicLong eventsTotal = new AtomicLong();

    /** @param windowStart when the first window opens */
    public PresenceAccumulator(Instant windowStart) {
        this.windowStart = Objects.requireNonNull(windowStart, "windowStart");
    }

    @Override
    public void onPresence(PresenceEvent event) {
        int bit = 1 << event.evidence().ordinal();
        lock.readLock().lock();
        try {
            LoginSet viewers = current.computeIfAbsent(event.channel(), k -> new LoginSet());
            synchronized (viewers) { // per channel: connections contend only when they share a channel
                viewers.add(event.login(), bit);
            }
            eventsInWindow.incrementAndGet();
        } finally {
            lock.readLock().unlock();
        }
        eventsTotal.incrementAndGet();
    }

    /**
     * Closes the current window at {@code end}, opens the next one there, and returns the closed
     * one in its compact form, to be drained into snapshots channel by channel.
     *
     * @throws IllegalArgumentException when {@code end} is before the window start
     */
    public ClosedWindow close(Instant end) {
        Objects.requireNonNull(end, "end");
        lock.writeLock().lock();
        try {
            if (end.isBefore(windowStart)) {
                throw new IllegalArgumentException("flush at " + end + " is before the window start " + windowStart);
            }
            // No writer can reach the closed maps once the write lock is released.
            ClosedWindow closed = new ClosedWindow(windowStart, end, current);
            current = new ConcurrentHashMap<>();
            windowStart = end;
            eventsInWindow.set(0);
            return closed;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Closes the current window at {@code end} like {@link #close(Instant)} and returns it as
     * sorted maps (convenient for small windows; large ones are better drained from {@link #close}).
     */
    public PresenceWindow flush(Instant end) {
        return close(end).materialize();
    }

    /** When the current window opened. */
    public Instant windowStart() {
        lock.readLock().lock();
        try {
            return windowStart;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Events recorded in the current window. */
    public long eventsInWindow() {
        return eventsInWindow.get();
    }

    /** Events recorded since creation. */
    public long eventsTotal() {
        return eventsTotal.get();
    }
}
