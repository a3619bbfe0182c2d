package io.vieweratlas.runners.config;

/**
 * Settings for analyses over time and their stability (keys in section {@code analysis}).
 *
 * @param stabilityRuns   {@code analysis.stability_runs}: community detection runs (seeds) for stability and
 *                        calibration
 * @param confidenceLevel {@code analysis.confidence_level}: channels whose confidence is below this are flagged
 * @param trackingJaccard {@code analysis.tracking_jaccard}: communities of consecutive windows with at least this
 *                        member Jaccard are linked
 * @param windowDays      {@code analysis.window_days}: an analysis without an explicit window reads only the last
 *                        this many days up to now; 0 reads all history
 */
public record OverTimeConfig(int stabilityRuns, double confidenceLevel, double trackingJaccard, int windowDays) {
}
