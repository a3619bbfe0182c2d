package io.vieweratlas.core.analysis.timeline;

import io.vieweratlas.core.analysis.AnalysisParameters;
import io.vieweratlas.core.analysis.AnalysisRun;
import io.vieweratlas.core.analysis.AnalysisWindow;
import io.vieweratlas.core.analysis.aggregate.PresenceTable;
import io.vieweratlas.core.analysis.pipeline.AudienceAnalysis;
import io.vieweratlas.core.model.LoadReport;
import io.vieweratlas.core.model.TimeRange;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Rolling analysis windows anchored to the data, not to the wall clock.
 *
 * <p>Plan: the last window ends just after the newest snapshot (or at {@code to}); each earlier
 * window ends {@code step} before the next. Windows are {@code [end - length, end)}; a window is
 * kept while its start is not before the first snapshot (or {@code from}), so that every window
 * covers a full {@code length} of data; the newest window is always kept. Re-running on the same
 * data gives the same windows.
 *
 * <p>Reuse: the lake is read and interned once into one {@link PresenceTable}; each window is
 * aggregated from that columnar table by time range, so only aggregation, graph and detection
 * are repeated per window.
 */
public final class RollingWindows {

    private RollingWindows() {
    }

    /**
     * The windows for data whose snapshots lie in {@code [oldest, newest]}, oldest window first.
     *
     * @param from optional lower bound for window starts (data before it is not used)
     * @param to   optional end of the last window (exclusive); defaults to just after {@code newest}
     */
    public static List<TimeRange> plan(Instant oldest, Instant newest, Duration length, Duration step,
                                       Optional<Instant> from, Optional<Instant> to) {
        Objects.requireNonNull(oldest, "oldest");
        Objects.requireNonNull(newest, "newest");
        requirePositive("window", length);
        requirePositive("step", step);
        if (newest.isBefore(oldest)) {
            throw new IllegalArgumentException("newest snapshot " + newest + " lies before the oldest " + oldest);
        }
        // timestamps have second precision: the newest snapshot is inside [.., newest + 1 s)
        Instant last = to.orElse(newest.plusSeconds(1));
        Instant floor = from.orElse(oldest);
        if (!last.isAfter(floor)) {
            throw new IllegalArgumentException("window range is empty: from " + floor + " to " + last);
        }
        List<TimeRange> out = new ArrayList<>();
        out.add(TimeRange.between(last.minus(length), last));
        for (Instant end = last.minus(step); !end.minus(length).isBefore(floor); end = end.minus(step)) {
            out.add(TimeRange.between(end.minus(length), end));
        }
        Collections.reverse(out);
        return out;
    }

    /** {@link #plan} for the snapshots of {@code table}; empty when it has none. */
    public static List<TimeRange> plan(PresenceTable table, Duration length, Duration step, Optional<Instant> from,
                                       Optional<Instant> to) {
        if (table.rows() == 0) {
            return List.of();
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < table.rows(); i++) {
            min = Math.min(min, table.epochSecond(i));
            max = Math.max(max, table.epochSecond(i));
        }
        return plan(Instant.ofEpochSecond(min), Instant.ofEpochSecond(max), length, step, from, to);
    }

    /**
     * One analysed window.
     *
     * @param range the window
     * @param run   its analysis
     */
    public record WindowRun(TimeRange range, AnalysisRun run) {
        public WindowRun {
            Objects.requireNonNull(range, "range");
            Objects.requireNonNull(run, "run");
        }

        /** The window's partition for tracking. */
        public WindowPartition partition() {
            return WindowPartition.of(range.since().orElseThrow(), range.until().orElseThrow(), run.result());
        }
    }

    /**
     * Analyses each of {@code windows} (bounded ranges) from the one loaded {@code table}, handing
     * each result to {@code each} as it is done (so callers can write it and let it go).
     *
     * @return the partitions of all windows, in order, for {@link CommunityTracker}
     */
    public static List<WindowPartition> analyse(PresenceTable table, LoadReport load, List<TimeRange> windows,
                                                AnalysisParameters params, Consumer<WindowRun> each) {
        Objects.requireNonNull(each, "each");
        List<WindowPartition> out = new ArrayList<>(windows.size());
        for (TimeRange w : windows) {
            if (w.since().isEmpty() || w.until().isEmpty()) {
                throw new IllegalArgumentException("rolling windows must be bounded, was " + w);
            }
            WindowRun run = new WindowRun(w, AudienceAnalysis.run(table, load, AnalysisWindow.range(w), params));
            out.add(run.partition());
            each.accept(run);
        }
        return out;
    }

    private static void requirePositive(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + d);
        }
    }
}
