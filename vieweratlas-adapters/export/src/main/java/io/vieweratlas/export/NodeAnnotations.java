package io.vieweratlas.export;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Optional per-channel facts that the graph exports carry when an analysis step produced them; today
 * the community confidence of a stability run. With {@link #none()} every export is exactly what it is
 * without annotations (no extra attributes, keys or page script).
 *
 * @param confidence      per channel (by login): its confidence in [0, 1]; empty when no stability run
 * @param confidenceLevel channels whose confidence is below this are flagged {@code low_confidence}
 */
public record NodeAnnotations(SortedMap<String, Double> confidence, double confidenceLevel) {

    private static final NodeAnnotations NONE = new NodeAnnotations(new TreeMap<>(), 0);

    public NodeAnnotations {
        Objects.requireNonNull(confidence, "confidence");
        if (!(confidenceLevel >= 0 && confidenceLevel <= 1)) {
            throw new IllegalArgumentException("confidence level must be in [0, 1], was " + confidenceLevel);
        }
        for (Map.Entry<String, Double> e : confidence.entrySet()) {
            Double c = Objects.requireNonNull(e.getValue(), () -> "confidence of " + e.getKey());
            if (!(c >= 0 && c <= 1)) {
                throw new IllegalArgumentException("confidence of '" + e.getKey() + "' must be in [0, 1], was " + c);
            }
        }
        confidence = Collections.unmodifiableSortedMap(new TreeMap<>(confidence));
    }

    /** No annotations: the exports are written as without a stability run. */
    public static NodeAnnotations none() {
        return NONE;
    }

    /** Confidence of {@code channels} with channels below {@code level} flagged. */
    public static NodeAnnotations confidence(Map<String, Double> channels, double level) {
        return new NodeAnnotations(new TreeMap<>(channels), level);
    }

    /** Whether any channel has a confidence, i.e. whether the exports declare the confidence attributes. */
    public boolean hasConfidence() {
        return !confidence.isEmpty();
    }

    /** The confidence of {@code channel}, empty when it has none (e.g. in no community). */
    public Optional<Double> confidenceOf(String channel) {
        return Optional.ofNullable(confidence.get(channel));
    }

    /** Whether {@code channel} has a confidence below the level. */
    public boolean lowConfidence(String channel) {
        Double c = confidence.get(channel);
        return c != null && c < confidenceLevel;
    }
}
