package io.vieweratlas.core.analysis;

import io.vieweratlas.core.analysis.aggregate.Aggregator;
import io.vieweratlas.core.analysis.aggregate.Audiences;
import io.vieweratlas.core.analysis.aggregate.PresenceIngest;
import io.vieweratlas.core.analysis.aggregate.PresenceTable;
import io.vieweratlas.core.analysis.community.CommunityDetector;
import io.vieweratlas.core.analysis.filter.AudienceFilter;
import io.vieweratlas.core.analysis.graph.GraphStatisticsCalculator;
import io.vieweratlas.core.analysis.graph.OverlapGraph;
import io.vieweratlas.core.analysis.graph.OverlapGraphBuilder;
import io.vieweratlas.core.analysis.label.CommunityLabeler;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.AnalysisStatistics;
import io.vieweratlas.core.model.ChannelMeta;
import io.vieweratlas.core.model.Community;
import io.vieweratlas.core.model.DataQualityReport;
import io.vieweratlas.core.model.GraphEdge;
import io.vieweratlas.core.model.GraphNode;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.LoadReport;
import io.vieweratlas.core.port.PresenceSource;

import java.time.Instant;
import java.util.ArrayList;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The analysis pipeline: aggregate → filter → overlap graph → communities → labels → statistics.
 * A pure function of its input, window and parameters (including the seed): the same input gives
 * an equal {@link AnalysisResult}. Two ways in: any {@link PresenceSource} ({@link #run(PresenceSource,
 * AnalysisWindow, AnalysisParameters)}), or a {@link PresenceTable} loaded by a fast loader.
 */
public final class AudienceAnalysis {

    /** Label of channels in no community. */
    public static final String UNASSIGNED_LABEL = "Unassigned";
    private static final int TOP_CHANNELS = 10;

    private AudienceAnalysis() {
    }

    /** Reads {@code source} and analyses it. */
    public static AnalysisRun run(PresenceSource source, AnalysisWindow window, AnalysisParameters params) {
        long t0 = System.nanoTime();
        TimeRange readRange = window instanceof AnalysisWindow.Range r ? r.range() : TimeRange.ALL;
        PresenceIngest.Loaded loaded = PresenceIngest.read(source, readRange, params.presence());
        double loadMillis = (System.nanoTime() - t0) / 1e6;
        AnalysisRun run = run(loaded.table(), loaded.report(), window, params);
        LinkedHashMap<String, Double> stages = new LinkedHashMap<>();
        stages.put("load", loadMillis);
        stages.putAll(run.stageMillis());
        return new AnalysisRun(run.result(), stages);
    }

    /**
     * Analyses a loaded table.
     *
     * @param load what the loader read and skipped (goes into the data-quality report)
     */
    public static AnalysisRun run(PresenceTable table, LoadReport load, AnalysisWindow window,
                                  AnalysisParameters params) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(load, "load");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(params, "params");
        LinkedHashMap<String, Double> stages = new LinkedHashMap<>();
        long t = System.nanoTime();

        TimeRange range = Aggregator.resolve(window, table);
        Aggregator.Aggregation agg = Aggregator.aggregate(table, range);
        Audiences raw = agg.audiences();
        t = lap(stages, "aggregate", t);

        AudienceFilter.Filtered filtered = AudienceFilter.apply(raw, params);
        Audiences aud = filtered.audiences();
        t = lap(stages, "filter", t);

        OverlapGraph graph = OverlapGraphBuilder.build(aud, params);
        t = lap(stages, "graph", t);

        CommunityDetector.Partition partition = CommunityDetector.detect(graph.nodes(), graph.source(),
                graph.target(), graph.weight(), params.algorithm(), params.resolution(), params.seed(),
                params.minCommunitySize());
        t = lap(stages, "communities", t);

        AnalysisResult result = assemble(table, load, agg, raw, filtered, graph, partition, params);
        lap(stages, "labels_and_statistics", t);
        return new AnalysisRun(result, stages);
    }

    private static long lap(Map<String, Double> stages, String name, long since) {
        long now = System.nanoTime();
        stages.put(name, (now - since) / 1e6);
        return now;
    }

    private static AnalysisResult assemble(PresenceTable table, LoadReport load, Aggregator.Aggregation agg,
                                           Audiences raw, AudienceFilter.Filtered filtered, OverlapGraph graph,
                                           CommunityDetector.Partition partition, AnalysisParameters params) {
        Audiences aud = filtered.audiences();
        int n = aud.channelCount();
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
            List<ChannelMeta> metas = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int i : idx) {
                metas.add(aud.meta().get(i));
                names.add(aud.channels().get(i));
            }
            CommunityLabeler.Label label = CommunityLabeler.label(c, metas);
            labelOf[c] = label.text();
            byRule.merge(label.rule(), 1, Integer::sum);
            List<Integer> top = new ArrayList<>(idx);
            top.sort((a, b) -> aud.audienceSize(a) != aud.audienceSize(b)
                    ? Integer.compare(aud.audienceSize(b), aud.audienceSize(a))
                    : aud.channels().get(a).compareTo(aud.channels().get(b)));
            List<String> topNames = top.subList(0, Math.min(TOP_CHANNELS, top.size())).stream()
                    .map(aud.channels()::get).toList();
            communities.add(new Community(c, idx.size(), label.text(), names, topNames,
                    shares(CommunityLabeler.counts(metas, true), idx.size()),
                    shares(CommunityLabeler.counts(metas, false), idx.size()), internal[c], external[c]));
        }
        List<GraphNode> nodes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ChannelMeta m = aud.meta().get(i);
            int c = comm[i];
            nodes.add(new GraphNode(aud.channels().get(i), aud.audienceSize(i), m.viewerCount(), m.game(),
                    m.language(), m.title(), c, c >= 0 ? labelOf[c] : UNASSIGNED_LABEL));
        }
        List<GraphEdge> edges = new ArrayList<>(graph.edgeCount());
        for (int e = 0; e < graph.edgeCount(); e++) {
            edges.add(new GraphEdge(aud.channels().get(graph.source()[e]), aud.channels().get(graph.target()[e]),
                    graph.weight()[e], graph.shared()[e]));
        }
        int unassigned = 0;
        for (int c : comm) {
            if (c < 0) {
                unassigned++;
            }
        }
        AnalysisStatistics.Detection detection = new AnalysisStatistics.Detection(params.algorithm().wireName(),
                params.resolution(), params.seed(), partition.modularity(), k, partition.communitiesBeforeMinSize(),
                unassigned, partition.disconnected(), k > 0 ? communities.get(0).size() : 0);
        Optional<Instant> newest = table.newest();
        AnalysisStatistics.Aggregation aggStats = new AnalysisStatistics.Aggregation(agg.snapshotsInWindow(),
                raw.channelCount(), filtered.viewersBefore(), raw.memberships(), agg.range().since(),
                agg.range().until(), newest);
        AnalysisStatistics stats = new AnalysisStatistics(GraphStatisticsCalculator.of(graph),
                detection, new AnalysisStatistics.Tagging(byRule), aggStats, filtered.steps());
        DataQualityReport quality = new DataQualityReport(load.loaded(), load.skipped(), agg.duplicateSnapshots(),
                agg.missingMetadata());
        return new AnalysisResult(newest.orElse(Instant.EPOCH), params.asConfig(), nodes, edges, communities, stats,
                quality);
    }

    private static SortedMap<String, Double> shares(SortedMap<String, Integer> counts, int size) {
        TreeMap<String, Double> m = new TreeMap<>();
        counts.forEach((key, v) -> m.put(key, (double) v / size));
        return m;
    }

}
