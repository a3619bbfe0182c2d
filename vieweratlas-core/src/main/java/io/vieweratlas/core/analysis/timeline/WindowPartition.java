package io.vieweratlas.core.analysis.timeline;

import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.Community;

import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The communities of one analysis window, as far as tracking needs them: channel-level only.
 *
 * @param start     first instant of the window
 * @param end       end of the window (exclusive); identifies the window
 * @param partition channel login to community id (assigned channels only)
 * @param labels    community id to label
 */
public record WindowPartition(Instant start, Instant end, SortedMap<String, Integer> partition,
                              SortedMap<Integer, String> labels) {

    public WindowPartition {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("window end " + end + " lies before its start " + start);
        }
        partition = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(partition, "partition")));
        TreeMap<Integer, String> l = new TreeMap<>(Objects.requireNonNull(labels, "labels"));
        for (int c : partition.values()) {
            if (c < 0) {
                throw new IllegalArgumentException("community ids must be >= 0, was " + c);
            }
            l.putIfAbsent(c, "Community " + c);
        }
        labels = Collections.unmodifiableSortedMap(l);
    }

    /** The partition of an analysis of the window {@code [start, end)}. */
    public static WindowPartition of(Instant start, Instant end, AnalysisResult result) {
        TreeMap<Integer, String> labels = new TreeMap<>();
        for (Community c : result.communities()) {
            labels.put(c.id(), c.label());
        }
        return new WindowPartition(start, end, result.partition(), labels);
    }
}
