package io.vieweratlas.twitch.presence;

import io.vieweratlas.core.model.Evidence;
import io.vieweratlas.twitch.irc.PresenceEvent;
import io.vieweratlas.twitch.irc.PresenceListener;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Collects presence events into the current window. Many connection threads record at once
 * (shared read lock, concurrent maps, evidence kept as a bit mask per viewer); {@link #flush}
 * swaps in a fresh window under the write lock and hands back the closed one, so an event lands
 * in exactly one window and nothing is lost at a window boundary, a reconnect or shutdown.
 */
public final class PresenceAccumulator implements PresenceListener {
    private static final Evidence[] EVIDENCE = Evidence.values();

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private Instant windowStart;
    private ConcurrentHashMap<String, ConcurrentHashMap<String, Integer>> current = new ConcurrentHashMap<>();
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
            current.computeIfAbsent(event.channel(), k -> new ConcurrentHashMap<>())
                    .merge(event.login(), bit, (a, b) -> a | b);
            eventsInWindow.incrementAndGet();
        } finally {
            lock.readLock().unlock();
        }
        eventsTotal.incrementAndGet();
    }

    /**
     * Closes the current window at {@code end}, opens the next one there, and returns the closed one.
     *
     * @throws IllegalArgumentException when {@code end} is before the window start
     */
    public PresenceWindow flush(Instant end) {
        Objects.requireNonNull(end, "end");
        ConcurrentHashMap<String, ConcurrentHashMap<String, Integer>> closed;
        Instant start;
        lock.writeLock().lock();
        try {
            if (end.isBefore(windowStart)) {
                throw new IllegalArgumentException("flush at " + end + " is before the window start " + windowStart);
            }
            closed = current;
            start = windowStart;
            current = new ConcurrentHashMap<>();
            windowStart = end;
            eventsInWindow.set(0);
        } finally {
            lock.writeLock().unlock();
        }
        // No writer can reach the closed maps any more: convert without holding the lock.
        TreeMap<String, SortedMap<String, Set<Evidence>>> channels = new TreeMap<>();
        closed.forEach((channel, viewers) -> {
            TreeMap<String, Set<Evidence>> v = new TreeMap<>();
            for (Map.Entry<String, Integer> e : viewers.entrySet()) {
                v.put(e.getKey(), decode(e.getValue()));
            }
            channels.put(channel, v);
        });
        return new PresenceWindow(start, end, channels);
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

    private static Set<Evidence> decode(int bits) {
        EnumSet<Evidence> set = EnumSet.noneOf(Evidence.class);
        for (Evidence e : EVIDENCE) {
            if ((bits & (1 << e.ordinal())) != 0) {
                set.add(e);
            }
        }
        return set;
    }
}
