package io.vieweratlas.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a presence source read: how many inputs loaded and which were skipped, and why.
 *
 * @param loaded         inputs read successfully
 * @param skipped        inputs set aside, sorted by location
 * @param loadedBySource inputs read per source ({@code live}, {@code vod}, {@code import}), when the
 *                       source tells them apart; empty when it does not (its counts never exceed
 *                       {@code loaded})
 */
public record LoadReport(long loaded, List<SkippedInput> skipped, SortedMap<String, Long> loadedBySource) {

    /** Nothing read, nothing skipped. */
    public static final LoadReport EMPTY = new LoadReport(0, List.of());

    public LoadReport {
        if (loaded < 0) {
            throw new IllegalArgumentException("loaded must be >= 0, was " + loaded);
        }
        List<SkippedInput> sorted = new ArrayList<>(Objects.requireNonNull(skipped, "skipped"));
        sorted.sort(Comparator.comparing(SkippedInput::location).thenComparing(SkippedInput::reason));
        skipped = List.copyOf(sorted);
        long sum = 0;
        for (Map.Entry<String, Long> e : Objects.requireNonNull(loadedBySource, "loadedBySource").entrySet()) {
            if (e.getValue() < 0) {
                throw new IllegalArgumentException("loaded from " + e.getKey() + " must be >= 0, was " + e.getValue());
            }
            sum += e.getValue();
        }
        if (sum > loaded) {
            throw new IllegalArgumentException("loaded by source " + loadedBySource + " exceeds loaded " + loaded);
        }
        loadedBySource = Collections.unmodifiableSortedMap(new TreeMap<>(loadedBySource));
    }

    /** A report without a count per source. */
    public LoadReport(long loaded, List<SkippedInput> skipped) {
        this(loaded, skipped, new TreeMap<>());
    }

    /** A report whose every input came from one source ({@code live}, {@code vod}, {@code import}). */
    public static LoadReport of(String source, long loaded, List<SkippedInput> skipped) {
        TreeMap<String, Long> by = new TreeMap<>();
        if (loaded > 0) {
            by.put(Objects.requireNonNull(source, "source"), loaded);
        }
        return new LoadReport(loaded, skipped, by);
    }

    /** This report and {@code other} together. */
    public LoadReport plus(LoadReport other) {
        List<SkippedInput> all = new ArrayList<>(skipped);
        all.addAll(other.skipped);
        TreeMap<String, Long> by = new TreeMap<>(loadedBySource);
        other.loadedBySource.forEach((k, v) -> by.merge(k, v, Long::sum));
        return new LoadReport(loaded + other.loaded, all, by);
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
