package io.vieweratlas.core.config;

import java.util.List;

/**
 * Analysis settings (section {@code analysis}).
 *
 * @param outputDir             where local exports are written
 * @param overlapThreshold      minimum shared viewers for an edge
 * @param minCommunitySize      smaller communities are reported as unassigned
 * @param resolution            modularity resolution
 * @param analysisIntervalCycles continuous mode: analyze every N windows
 * @param minObservations       channels seen in fewer snapshots are dropped
 * @param minChannelViewers     channels with fewer distinct chatters are dropped
 * @param maxChannelsPerViewer  heavier accounts are dropped (0 = automatic)
 * @param bots                  bot accounts removed before building the graph
 * @param weighting             shared, jaccard, overlap or significance
 * @param algorithm             leiden or louvain
 * @param seed                  random seed
 * @param significanceLevel     p-value bound for significance weighting
 * @param presence              strict or inclusive
 * @param exports               which graph exports {@code analyze} writes
 */
public record AnalysisConfig(String outputDir, int overlapThreshold, int minCommunitySize, double resolution,
                             int analysisIntervalCycles, int minObservations, int minChannelViewers,
                             int maxChannelsPerViewer, List<String> bots, String weighting, String algorithm,
                             long seed, double significanceLevel, String presence,
                             ExportConfig exports) {
    public AnalysisConfig {
        java.util.Objects.requireNonNull(exports, "exports");
        bots = List.copyOf(bots);
    }
}
