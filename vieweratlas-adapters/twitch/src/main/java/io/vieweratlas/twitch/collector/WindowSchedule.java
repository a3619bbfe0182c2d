package io.vieweratlas.twitch.collector;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Where windows end: {@code start + window} repeatedly, or, when aligned, on multiples of the
 * window length since the epoch (so hourly windows end on the hour and the first one is partial).
 *
 * @param window  window length
 * @param aligned whether ends are aligned to multiples of the window length
 */
public record WindowSchedule(Duration window, boolean aligned) {

    public WindowSchedule {
        Objects.requireNonNull(window, "window");
        if (!window.isPositive()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
    }

    /** The end of the window that opens at {@code start}. */
    public Instant firstEnd(Instant start) {
        return aligned ? nextAlignedAfter(start) : start.plus(window);
    }

    /**
     * The end of the window after the one that ended at {@code previousEnd}; when the process
     * stalled past it (e.g. a suspended host), the first end after {@code now}.
     */
    public Instant nextEnd(Instant previousEnd, Instant now) {
        Instant next = previousEnd.plus(window);
        if (next.isAfter(now)) {
            return next;
        }
        return aligned ? nextAlignedAfter(now) : now.plus(window);
    }

    private Instant nextAlignedAfter(Instant t) {
        long w = window.toMillis();
        long ms = t.toEpochMilli();
        return Instant.ofEpochMilli(Math.floorDiv(ms, w) * w + w);
    }
}
