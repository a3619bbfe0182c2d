package io.vieweratlas.core.model;

import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one analysis: which community each channel belongs to and each community's label.
 * (Grows with the analysis engine: graph, statistics, data-quality report.)
 *
 * @param partition channel login to community id
 * @param labels    community id to label
 */
public record AnalysisResult(Map<String, Integer> partition, Map<Integer, String> labels) {
    public AnalysisResult {
        partition = Map.copyOf(Objects.requireNonNull(partition, "partition"));
        labels = Map.copyOf(Objects.requireNonNull(labels, "labels"));
    }
}
