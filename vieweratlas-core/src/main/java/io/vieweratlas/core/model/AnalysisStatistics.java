package io.vieweratlas.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Statistics of one analysis, grouped as in the original's results file.
 *
 * @param graph      the overlap graph
 * @param detection  community detection
 * @param tagging    labelling
 * @param aggregator aggregation of snapshots
 * @param filters    what each audience filter removed, in the order applied
 */
public record AnalysisStatistics(Graph graph, Detection detection, Tagging tagging, Aggregation aggregator,
                                 List<FilterStep> filters) {

    public AnalysisStatistics {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(detection, "detection");
        Objects.requireNonNull(tagging, "tagging");
        Objects.requireNonNull(aggregator, "aggregator");
        filters = List.copyOf(filters);
    }

    /**
     * Overlap graph statistics.
     *
     * @param nodes          channels in the graph
     * @param edges          edges kept
     * @param density        {@code 2E / (N (N - 1))}
     * @param components     connected components (isolated channels count as one each)
     * @param isolated       channels without edges
     * @param degree         distribution of node degrees
     * @param weight         distribution of edge weights
     * @param shared         distribution of shared-viewer counts per edge
     * @param pairCounting   how shared viewers were counted (see {@code OverlapGraphBuilder})
     * @param pairIncrements shared-viewer increments counted (sum over viewers of their channel pairs)
     */
    public record Graph(int nodes, long edges, double density, int components, int isolated, Distribution degree,
                        Distribution weight, Distribution shared, String pairCounting, long pairIncrements) {
    }

    /**
     * Summary of a distribution of numbers.
     *
     * @param min    minimum (0 when empty)
     * @param median median
     * @param mean   mean
     * @param max    maximum
     */
    public record Distribution(double min, double median, double mean, double max) {
        /** The distribution of no numbers. */
        public static final Distribution EMPTY = new Distribution(0, 0, 0, 0);
    }

    /**
     * Community detection statistics.
     *
     * @param algorithm               {@code leiden} or {@code louvain}
     * @param resolution              modularity resolution
     * @param seed                    random seed
     * @param modularity              modularity of the detected partition (formula in {@code Modularity})
     * @param communities             communities of at least the minimum size
     * @param communitiesBeforeMinSize communities found before small ones were unassigned
     * @param unassignedChannels      channels in communities below the minimum size
     * @param disconnectedCommunities communities whose channels are not connected inside the community
     * @param largestCommunity        channels in the largest community
     * @param attachedChannels        channels detection left unassigned that were attached to the community
     *                                they share the most viewers with ({@code attach_unassigned}); they are
     *                                counted in {@code communities}' sizes, not in {@code unassignedChannels}
     * @param splitCommunities        communities modularity found that the split check divided
     *                                ({@code split_communities}); {@code modularity} is that of the
     *                                partition after the splits
     * @param reassignedChannels      moves of channels to the community most of their viewers watch
     *                                ({@code reassign_channels}); like attachments they do not change
     *                                {@code modularity}
     */
    public record Detection(String algorithm, double resolution, long seed, double modularity, int communities,
                            int communitiesBeforeMinSize, int unassignedChannels, int disconnectedCommunities,
                            int largestCommunity, int attachedChannels, int splitCommunities,
                            int reassignedChannels) {
    }

    /**
     * Labelling statistics: how many communities each rule labelled.
     *
     * @param byRule count per rule name ({@code game}, {@code game_language}, {@code language_variety},
     *               {@code mix}, {@code variety}), sorted
     */
    public record Tagging(SortedMap<String, Integer> byRule) {
        public Tagging {
            byRule = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(byRule));
        }
    }

    /**
     * Aggregation statistics.
     *
     * @param snapshots   snapshots used (in the window, without duplicates)
     * @param channels    channels with at least one snapshot in the window
     * @param viewers     distinct viewers before filtering
     * @param memberships viewer-channel memberships before filtering
     * @param since       window start, if bounded
     * @param until       window end (exclusive), if bounded
     * @param newestData  time of the newest snapshot in the data, if any
     * @param snapshotSources snapshots read per source ({@code live}, {@code vod}, {@code import}),
     *                        sorted; empty when the input does not tell (an edge list)
     * @param topChannels up to {@link #TOP_CHANNELS} channels with the most distinct viewers before
     *                    filtering, most first (ties by login)
     */
    public record Aggregation(long snapshots, int channels, long viewers, long memberships, Optional<Instant> since,
                              Optional<Instant> until, Optional<Instant> newestData,
                              SortedMap<String, Long> snapshotSources, List<ChannelViewers> topChannels) {

        /** How many channels {@link #topChannels} lists at most (the original's ten). */
        public static final int TOP_CHANNELS = 10;

        public Aggregation {
            snapshotSources = java.util.Collections.unmodifiableSortedMap(
                    new java.util.TreeMap<>(Objects.requireNonNull(snapshotSources, "snapshotSources")));
            topChannels = List.copyOf(topChannels);
        }

        /** Aggregation statistics without counts per source or top channels. */
        public Aggregation(long snapshots, int channels, long viewers, long memberships, Optional<Instant> since,
                           Optional<Instant> until, Optional<Instant> newestData) {
            this(snapshots, channels, viewers, memberships, since, until, newestData, new java.util.TreeMap<>(),
                    List.of());
        }
    }

    /**
     * A channel and its distinct viewers.
     *
     * @param channel the channel login
     * @param viewers distinct viewers
     */
    public record ChannelViewers(String channel, long viewers) {
        public ChannelViewers {
            Objects.requireNonNull(channel, "channel");
        }
    }
}
