package io.vieweratlas.core.analysis;

import io.vieweratlas.core.model.TimeRange;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which snapshots an analysis uses: all of them, a fixed range, or the last {@code duration}
 * before the newest snapshot (so that re-running on the same data gives the same window).
 */
public sealed interface AnalysisWindow {

    /** Every snapshot. */
    AnalysisWindow ALL = new Range(TimeRange.ALL);

    /** Snapshots whose timestamp lies in {@code range} ({@code [since, until)}). */
    static AnalysisWindow range(TimeRange range) {
        return new Range(range);
    }

    /** Snapshots taken within {@code duration} up to and including the newest one. */
    static AnalysisWindow last(Duration duration) {
        return new Last(duration);
    }

    /**
     * The concrete range this window covers, given the newest snapshot time in the data
     * (empty when there is no data).
     */
    TimeRange resolve(Optional<Instant> newest);

    /** A fixed range. @param range the range */
    record Range(TimeRange range) implements AnalysisWindow {
        public Range {
            Objects.requireNonNull(range, "range");
        }

        @Override
        public TimeRange resolve(Optional<Instant> newest) {
            return range;
        }
    }

    /** The last {@code duration} of data, anchored to the newest snapshot. @param duration how far back */
    record Last(Duration duration) implements AnalysisWindow {
        public Last {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("window duration must be positive, was " + duration);
            }
        }

        @Override
        public TimeRange resolve(Optional<Instant> newest) {
            if (newest.isEmpty()) {
                return TimeRange.ALL;
            }
            // [newest - duration, newest + 1 s): the newest snapshot itself is inside (timestamps have second precision).
            Instant end = newest.get().plusSeconds(1);
            return TimeRange.between(end.minus(duration), end);
        }
    }
}
