package io.vieweratlas.runners.config;

import io.vieweratlas.core.analysis.AnalysisParameters;
import io.vieweratlas.core.analysis.CommunityAlgorithm;
import io.vieweratlas.core.analysis.Weighting;
import io.vieweratlas.core.model.PresencePolicy;
import io.vieweratlas.core.port.in.GraphExports;

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
 * @param attachUnassigned      attach channels left unassigned to the community they clearly share the most
 *                              viewers with
 * @param splitCommunities      split communities that hold communities of their own
 * @param reassignChannels      move channels to the community most of their viewers clearly watch
 * @param exports               which graph exports {@code analyze} writes
 * @param overTime              stability and tracking settings
 */
public record AnalysisConfig(String outputDir, int overlapThreshold, int minCommunitySize, double resolution,
                             int analysisIntervalCycles, int minObservations, int minChannelViewers,
                             int maxChannelsPerViewer, List<String> bots, Weighting weighting, CommunityAlgorithm algorithm,
                             long seed, double significanceLevel, PresencePolicy presence, boolean attachUnassigned,
                             boolean splitCommunities, boolean reassignChannels,
                             GraphExports exports, OverTimeConfig overTime) {
    public AnalysisConfig {
        java.util.Objects.requireNonNull(exports, "exports");
        java.util.Objects.requireNonNull(overTime, "overTime");
        bots = List.copyOf(bots);
        java.util.Objects.requireNonNull(weighting, "weighting");
        java.util.Objects.requireNonNull(algorithm, "algorithm");
        java.util.Objects.requireNonNull(presence, "presence");
    }

    /**
     * The analysis parameters these settings give.
     *
     * @return the checked parameters
     * @throws IllegalArgumentException naming a value the analysis does not accept
     */
    public AnalysisParameters parameters() {
        return AnalysisParameters.builder().overlapThreshold(overlapThreshold).minCommunitySize(minCommunitySize)
                .resolution(resolution).minObservations(minObservations).minChannelViewers(minChannelViewers)
                .maxChannelsPerViewer(maxChannelsPerViewer).bots(bots).weighting(weighting).algorithm(algorithm)
                .seed(seed).significanceLevel(significanceLevel).presence(presence)
                .attachUnassigned(attachUnassigned).splitCommunities(splitCommunities)
                .reassignChannels(reassignChannels).build();
    }
}
