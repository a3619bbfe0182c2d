package io.vieweratlas.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A half-open interval {@code [since, until)} of instants; either end may be open.
 *
 * @param since inclusive lower bound, or empty for "from the beginning"
 * @param until exclusive upper bound, or empty for "to the end"
 */
public record TimeRange(Optional<Instant> since, Optional<Instant> until) {

    /** Everything. */
    public static final TimeRange ALL = new TimeRange(Optional.empty(), Optional.empty());

    public TimeRange {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        if (since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
            throw new IllegalArgumentException("time range is empty: since " + since.get()
                    + " is not before until " + until.get());
        }
    }

    /** The range {@code [since, until)}. */
    public static TimeRange between(Instant since, Instant until) {
        return new TimeRange(Optional.of(since), Optional.of(until));
    }

    /** Whether {@code t} lies in the range. */
    public boolean contains(Instant t) {
        return since.map(s -> !t.isBefore(s)).orElse(true) && until.map(t::isBefore).orElse(true);
    }
}
