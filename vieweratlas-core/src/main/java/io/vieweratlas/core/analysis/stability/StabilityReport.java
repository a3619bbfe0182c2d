package io.vieweratlas.core.analysis.stability;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How stable the communities of one analysis are across seeds.
 *
 * @param seeds                the seeds community detection ran with (the first is the analysis' own)
 * @param meanAdjustedRand     mean adjusted Rand index over all pairs of runs (1 with a single run)
 * @param minAdjustedRand      smallest adjusted Rand index of any pair
 * @param meanNmi              mean normalised mutual information over all pairs
 * @param minNmi               smallest NMI of any pair
 * @param confidenceLevel      channels whose confidence is below this are flagged
 * @param confidence           per assigned channel (by login, sorted): over all runs, the mean share of the
 *                             other members of its community (in the analysis) that land in the same community
 *                             as it; channels in no community have none
 * @param communityConfidence  per community id: the mean confidence of its channels
 * @param lowConfidence        channels below {@code confidenceLevel}, sorted
 */
public record StabilityReport(List<Long> seeds, double meanAdjustedRand, double minAdjustedRand, double meanNmi,
                              double minNmi, double confidenceLevel, SortedMap<String, Double> confidence,
                              SortedMap<Integer, Double> communityConfidence, List<String> lowConfidence) {

    public StabilityReport {
        seeds = List.copyOf(seeds);
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("a stability report needs at least one run");
        }
        confidence = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(confidence, "confidence")));
        communityConfidence = Collections.unmodifiableSortedMap(new TreeMap<>(
                Objects.requireNonNull(communityConfidence, "communityConfidence")));
        lowConfidence = List.copyOf(lowConfidence);
    }

    /** Number of runs. */
    public int runs() {
        return seeds.size();
    }

    /** Whether {@code channel} was flagged as below the confidence level. */
    public boolean flagged(String channel) {
        Double c = confidence.get(channel);
        return c != null && c < confidenceLevel;
    }
}
