package io.vieweratlas.core.analysis.pipeline;

import io.vieweratlas.core.analysis.AnalysisParameters;
import io.vieweratlas.core.analysis.community.CommunityDetector;
import io.vieweratlas.core.analysis.graph.OverlapGraph;
import io.vieweratlas.core.analysis.label.CommunityLabeler;
import io.vieweratlas.core.model.AnalysisStatistics;
import io.vieweratlas.core.model.ChannelMeta;
import io.vieweratlas.core.model.Community;
import io.vieweratlas.core.model.GraphEdge;
import io.vieweratlas.core.model.GraphNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;

/**
 * Turns a partition of a channel graph into the published records: nodes, edges, labelled
 * communities with their summaries, and the detection statistics. Shared by the analysis of a
 * lake ({@link AudienceAnalysis}) and of an external edge list, so both label and summarise
 * communities the same way. Internal: part of the pipeline, not of the embedding API.
 *
 * @param nodes       one node per channel, in channel index order
 * @param edges       one edge per graph edge, in graph order
 * @param communities the communities, by id
 * @param detection   the detection statistics
 * @param labelRules  how many communities each labelling rule produced
 */
public record PartitionAssembly(List<GraphNode> nodes, List<GraphEdge> edges, List<Community> communities,
                                AnalysisStatistics.Detection detection, SortedMap<String, Integer> labelRules) {

    /** Channels listed as examples of a community, largest audience first. */
    static final int TOP_CHANNELS = 10;

    public PartitionAssembly {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        communities = List.copyOf(communities);
        Objects.requireNonNull(detection, "detection");
        labelRules = Collections.unmodifiableSortedMap(new TreeMap<>(labelRules));
    }

    /**
     * Assembles the records of {@code partition} over {@code graph}.
     *
     * @param channels  channel logins by index
     * @param audience  audience size by channel index
     * @param metas     metadata by channel index
     * @param graph     the channel graph the partition was found on
     * @param partition the communities (-1 = unassigned)
     * @param params    the parameters of the run
     */
    public static PartitionAssembly of(List<String> channels, IntUnaryOperator audience, List<ChannelMeta> metas,
                                       OverlapGraph graph, CommunityDetector.Partition partition,
                                       AnalysisParameters params) {
        return of(channels, audience, metas, graph, edges(channels, graph), partition, 0, 0, params);
    }

    /**
     * The edge records of {@code graph}, in graph order: they do not depend on the partition, so
     * they can be made while communities are detected.
     *
     * @param channels channel logins by index
     */
    public static List<GraphEdge> edges(List<String> channels, OverlapGraph graph) {
        int m = graph.edgeCount();
        int[] source = graph.source();
        int[] target = graph.target();
        double[] weight = graph.weight();
        int[] shared = graph.shared();
        GraphEdge[] edges = new GraphEdge[m];
        for (int e = 0; e < m; e++) {
            edges[e] = new GraphEdge(channels.get(source[e]), channels.get(target[e]), weight[e], shared[e]);
        }
        return List.of(edges);
    }

    /**
     * As {@link #of(List, IntUnaryOperator, List, OverlapGraph, CommunityDetector.Partition,
     * AnalysisParameters)} with the edge records already made by {@link #edges(List, OverlapGraph)}.
     *
     * @param attached   channels of {@code partition} attached after detection ({@link UnassignedAttachment})
     * @param reassigned moves of channels to another community after detection ({@link AudienceReassignment})
     */
    static PartitionAssembly of(List<String> channels, IntUnaryOperator audience, List<ChannelMeta> metas,
                                OverlapGraph graph, List<GraphEdge> edges, CommunityDetector.Partition partition,
                                int attached, int reassigned, AnalysisParameters params) {
        int n = channels.size();
        int k = partition.communities();
        int[] comm = partition.community();
        List<List<Integer>> members = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            if (comm[i] >= 0) {
                members.get(comm[i]).add(i);
            }
        }
        double[] internal = new double[k];
        double[] external = new double[k];
        for (int e = 0; e < graph.edgeCount(); e++) {
            int a = comm[graph.source()[e]];
            int b = comm[graph.target()[e]];
            double w = graph.weight()[e];
            if (a >= 0 && a == b) {
                internal[a] += w;
            } else {
                if (a >= 0) {
                    external[a] += w;
                }
                if (b >= 0) {
                    external[b] += w;
                }
            }
        }
        List<Community> communities = new ArrayList<>();
        String[] labelOf = new String[k];
        TreeMap<String, Integer> byRule = new TreeMap<>();
        for (int c = 0; c < k; c++) {
            List<Integer> idx = members.get(c);
            List<ChannelMeta> communityMetas = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int i : idx) {
                communityMetas.add(metas.get(i));
                names.add(channels.get(i));
            }
            CommunityLabeler.Label label = CommunityLabeler.label(c, communityMetas);
            labelOf[c] = label.text();
            byRule.merge(label.rule(), 1, Integer::sum);
            List<Integer> top = new ArrayList<>(idx);
            top.sort((a, b) -> audience.applyAsInt(a) != audience.applyAsInt(b)
                    ? Integer.compare(audience.applyAsInt(b), audience.applyAsInt(a))
                    : channels.get(a).compareTo(channels.get(b)));
            List<String> topNames = top.subList(0, Math.min(TOP_CHANNELS, top.size())).stream()
                    .map(channels::get).toList();
            communities.add(new Community(c, idx.size(), label.text(), names, topNames,
                    shares(CommunityLabeler.counts(communityMetas, true), idx.size()),
                    shares(CommunityLabeler.counts(communityMetas, false), idx.size()), internal[c], external[c]));
        }
        List<GraphNode> nodes = new ArrayList<>(n);
        int unassigned = 0;
        for (int i = 0; i < n; i++) {
            ChannelMeta m = metas.get(i);
            int c = comm[i];
            if (c < 0) {
                unassigned++;
            }
            nodes.add(new GraphNode(channels.get(i), audience.applyAsInt(i), m.viewerCount(), m.game(),
                    m.language(), m.title(), c, c >= 0 ? labelOf[c] : AudienceAnalysis.UNASSIGNED_LABEL));
        }
        AnalysisStatistics.Detection detection = new AnalysisStatistics.Detection(params.algorithm().wireName(),
                params.resolution(), params.seed(), partition.modularity(), k, partition.communitiesBeforeMinSize(),
                unassigned, partition.disconnected(), k > 0 ? communities.get(0).size() : 0, attached,
                partition.splits(), reassigned);
        return new PartitionAssembly(nodes, edges, communities, detection, byRule);
    }

    private static SortedMap<String, Double> shares(SortedMap<String, Integer> counts, int size) {
        TreeMap<String, Double> m = new TreeMap<>();
        counts.forEach((key, v) -> m.put(key, (double) v / size));
        return m;
    }
}
