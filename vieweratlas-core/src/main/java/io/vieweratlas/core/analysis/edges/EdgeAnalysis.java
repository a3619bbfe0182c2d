package io.vieweratlas.core.analysis.edges;

import io.vieweratlas.core.analysis.AnalysisParameters;
import io.vieweratlas.core.analysis.AnalysisRun;
import io.vieweratlas.core.analysis.community.CommunityDetector;
import io.vieweratlas.core.analysis.graph.ExternalEdges;
import io.vieweratlas.core.analysis.graph.GraphStatisticsCalculator;
import io.vieweratlas.core.analysis.graph.OverlapGraph;
import io.vieweratlas.core.analysis.label.CommunityLabeler;
import io.vieweratlas.core.analysis.pipeline.AudienceAnalysis;
import io.vieweratlas.core.analysis.pipeline.PartitionAssembly;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.AnalysisStatistics;
import io.vieweratlas.core.model.ChannelMeta;
import io.vieweratlas.core.model.Community;
import io.vieweratlas.core.model.DataQualityReport;
import io.vieweratlas.core.model.GraphEdge;
import io.vieweratlas.core.model.GraphNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The analysis from an {@link EdgeList} onwards: threshold and weighting → communities → labels →
 * statistics, with the same stages and parameters as {@link AudienceAnalysis} after its graph
 * stage. Loading, aggregation, the audience filters and pair counting happened where the edge
 * list was made (e.g. {@code overlap_edges.sql}, which applies the bot and heavy-account filters).
 *
 * <p>An edge list has no channel metadata: channels without an entry in {@code meta} have no game
 * or language, so their communities get the labeller's fallback labels. Channels appear only if
 * they have an edge, so the aggregation statistics count channels and memberships of the edge list
 * (memberships = the sum of their audiences), no snapshots, and {@code viewers} when it was given
 * (0 otherwise). The result's timestamp is the epoch: an edge list carries no time.
 */
public final class EdgeAnalysis {


    private EdgeAnalysis() {
    }

    /**
     * Analyses {@code edges}.
     *
     * @param meta    metadata per channel login (may be empty); entries for other channels are ignored
     * @param viewers distinct viewers the edge list was counted over; needed only for significance weighting
     * @throws IllegalArgumentException when the weighting is significance and {@code viewers} is empty
     */
    public static AnalysisRun run(EdgeList edges, Map<String, ChannelMeta> meta, OptionalInt viewers,
                                  AnalysisParameters params) {
        Objects.requireNonNull(edges, "edges");
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(viewers, "viewers");
        Objects.requireNonNull(params, "params");
        LinkedHashMap<String, Double> stages = new LinkedHashMap<>();
        long t = System.nanoTime();
        int n = edges.channels().size();
        int[] audience = edges.audience();
        OverlapGraph graph = ExternalEdges.graph(n, audience, edges.source(), edges.target(), edges.shared(),
                params, viewers);
        t = lap(stages, "graph", t);
        CommunityDetector.Partition partition = CommunityDetector.detect(n, graph.source(), graph.target(),
                graph.weight(), params.algorithm(), params.resolution(), params.seed(), params.minCommunitySize(),
                params.splitCommunities());
        t = lap(stages, "communities", t);
        AnalysisResult result = assemble(edges, meta, viewers, graph, partition, params);
        lap(stages, "labels_and_statistics", t);
        return new AnalysisRun(result, stages);
    }

    private static long lap(Map<String, Double> stages, String name, long since) {
        long now = System.nanoTime();
        stages.put(name, (now - since) / 1e6);
        return now;
    }

    private static AnalysisResult assemble(EdgeList edges, Map<String, ChannelMeta> meta, OptionalInt viewers,
                                           OverlapGraph graph, CommunityDetector.Partition partition,
                                           AnalysisParameters params) {
        List<String> channels = edges.channels();
        int[] audience = edges.audience();
        int n = channels.size();
        List<ChannelMeta> metas = new ArrayList<>(n);
        List<String> missing = new ArrayList<>();
        for (String c : channels) {
            ChannelMeta m = meta.get(c);
            if (m == null) {
                if (!meta.isEmpty()) {
                    missing.add(c);
                }
                m = new ChannelMeta(c, 0, "", "", "");
            }
            metas.add(m);
        }
        PartitionAssembly parts = PartitionAssembly.of(channels, i -> audience[i], metas, graph, partition, params);
        long memberships = 0;
        for (int size : audience) {
            memberships += size;
        }
        List<AnalysisStatistics.ChannelViewers> top = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            top.add(new AnalysisStatistics.ChannelViewers(channels.get(i), audience[i]));
        }
        top.sort(java.util.Comparator.comparingLong(AnalysisStatistics.ChannelViewers::viewers).reversed()
                .thenComparing(AnalysisStatistics.ChannelViewers::channel));
        AnalysisStatistics.Aggregation agg = new AnalysisStatistics.Aggregation(0, n, viewers.orElse(0),
                memberships, Optional.empty(), Optional.empty(), Optional.empty(), new TreeMap<>(),
                top.subList(0, Math.min(AnalysisStatistics.Aggregation.TOP_CHANNELS, n)));
        AnalysisStatistics stats = new AnalysisStatistics(GraphStatisticsCalculator.of(graph), parts.detection(),
                new AnalysisStatistics.Tagging(parts.labelRules()), agg, List.of());
        DataQualityReport quality = new DataQualityReport(1, List.of(), List.of(), missing);
        return new AnalysisResult(Instant.EPOCH, params.asConfig(), parts.nodes(), parts.edges(), parts.communities(),
                stats, quality);
    }
}
