package io.vieweratlas.core.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What a presence source read: how many inputs loaded and which were skipped, and why.
 *
 * @param loaded  inputs read successfully
 * @param skipped inputs set aside, sorted by location
 */
public record LoadReport(long loaded, List<SkippedInput> skipped) {

    /** Nothing read, nothing skipped. */
    public static final LoadReport EMPTY = new LoadReport(0, List.of());

    public LoadReport {
        if (loaded < 0) {
            throw new IllegalArgumentException("loaded must be >= 0, was " + loaded);
        }
        List<SkippedInput> sorted = new ArrayList<>(Objects.requireNonNull(skipped, "skipped"));
        sorted.sort(Comparator.comparing(SkippedInput::location).thenComparing(SkippedInput::reason));
        skipped = List.copyOf(sorted);
    }

    /** This report and {@code other} together. */
    public LoadReport plus(LoadReport other) {
        List<SkippedInput> all = new ArrayList<>(skipped);
        all.addAll(other.skipped);
        return new LoadReport(loaded + other.loaded, all);
    }

    /**
     * An input that could not be used.
     *
     * @param location where it is (object key, file, file:line)
     * @param reason   what was wrong with it
     */
    public record SkippedInput(String location, String reason) {
        public SkippedInput {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
