package io.vieweratlas.core.analysis.pipeline;

import io.vieweratlas.core.analysis.AnalysisParameters;
import io.vieweratlas.core.analysis.AnalysisRun;
import io.vieweratlas.core.analysis.AnalysisWindow;
import io.vieweratlas.core.analysis.Parallel;
import io.vieweratlas.core.analysis.aggregate.Aggregator;
import io.vieweratlas.core.analysis.aggregate.Audiences;
import io.vieweratlas.core.analysis.aggregate.PresenceTable;
import io.vieweratlas.core.analysis.community.CommunityDetector;
import io.vieweratlas.core.analysis.filter.AudienceFilter;
import io.vieweratlas.core.analysis.graph.GraphStatisticsCalculator;
import io.vieweratlas.core.analysis.graph.OverlapGraph;
import io.vieweratlas.core.analysis.graph.OverlapGraphBuilder;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.AnalysisStatistics;
import io.vieweratlas.core.model.Community;
import io.vieweratlas.core.model.DataQualityReport;
import io.vieweratlas.core.model.GraphEdge;
import io.vieweratlas.core.model.LoadReport;
import io.vieweratlas.core.model.TimeRange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The analysis pipeline: aggregate → filter → overlap graph → communities → labels → statistics.
 * A pure function of its input, window and parameters (including the seed): the same input gives
 * an equal {@link AnalysisResult}. It takes a loaded {@link PresenceTable}; reading a source (and
 * the over-time steps around the pipeline) is the analysis service's job
 * ({@code io.vieweratlas.core.service.AnalysisService}).
 */
public final class AudienceAnalysis {

    /** Label of channels in no community. */
    public static final String UNASSIGNED_LABEL = "Unassigned";

    private AudienceAnalysis() {
    }

    /**
     * Analyses a loaded table.
     *
     * @param load what the loader read and skipped (goes into the data-quality report)
     */
    public static AnalysisRun run(PresenceTable table, LoadReport load, AnalysisWindow window,
                                  AnalysisParameters params) {
        return run(table, load, window, params, edges -> { });
    }

    /**
     * As {@link #run(PresenceTable, LoadReport, AnalysisWindow, AnalysisParameters)}, handing the
     * edge records to {@code edgesReady} as soon as they exist: on another core while communities
     * are detected (or on this thread with one core), so that work needing only the edges (e.g.
     * writing the edge file) overlaps detection. The list is the one the result will hold. An
     * exception thrown by {@code edgesReady} fails the run.
     */
    public static AnalysisRun run(PresenceTable table, LoadReport load, AnalysisWindow window,
                                  AnalysisParameters params, Consumer<List<GraphEdge>> edgesReady) {
        Objects.requireNonNull(edgesReady, "edgesReady");
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

        // Community detection runs on one core; the edge records and the graph statistics need
        // only the graph, so another core makes them meanwhile.
        Object[] done = new Object[3];
        AtomicInteger nextTask = new AtomicInteger();
        Parallel.run(Math.min(2, Parallel.defaultThreads()), () -> {
            for (int task = nextTask.getAndIncrement(); task < 2; task = nextTask.getAndIncrement()) {
                if (task == 0) {
                    done[0] = CommunityDetector.detect(graph.nodes(), graph.source(), graph.target(), graph.weight(),
                            params.algorithm(), params.resolution(), params.seed(), params.minCommunitySize(),
                            params.splitCommunities());
                } else {
                    done[1] = PartitionAssembly.edges(aud.channels(), graph);
                    done[2] = GraphStatisticsCalculator.of(graph);
                    @SuppressWarnings("unchecked")
                    List<GraphEdge> made = (List<GraphEdge>) done[1];
                    edgesReady.accept(made);
                }
            }
        });
        CommunityDetector.Partition partition = (CommunityDetector.Partition) done[0];
        AudiencePlacement.Result placed = AudiencePlacement.apply(aud, partition, params.reassignChannels(),
                params.attachUnassigned(), params.minCommunitySize());
        partition = placed.partition();
        @SuppressWarnings("unchecked")
        List<GraphEdge> edges = (List<GraphEdge>) done[1];
        AnalysisStatistics.Graph graphStats = (AnalysisStatistics.Graph) done[2];
        t = lap(stages, "communities", t);

        AnalysisResult result = assemble(table, load, agg, raw, filtered, graph, edges, graphStats, partition,
                placed, params);
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
                                           List<GraphEdge> edges, AnalysisStatistics.Graph graphStats,
                                           CommunityDetector.Partition partition, AudiencePlacement.Result placed,
                                           AnalysisParameters params) {
        Audiences aud = filtered.audiences();
        PartitionAssembly parts = PartitionAssembly.of(aud.channels(), aud::audienceSize, aud.meta(), graph, edges,
                partition, placed.attached(), placed.reassigned(), params);
        Optional<Instant> newest = table.newest();
        AnalysisStatistics.Aggregation aggStats = new AnalysisStatistics.Aggregation(agg.snapshotsInWindow(),
                raw.channelCount(), filtered.viewersBefore(), raw.memberships(), agg.range().since(),
                agg.range().until(), newest, load.loadedBySource(), topChannels(raw));
        AnalysisStatistics stats = new AnalysisStatistics(graphStats,
                parts.detection(), new AnalysisStatistics.Tagging(parts.labelRules()), aggStats, filtered.steps());
        DataQualityReport quality = new DataQualityReport(load.loaded(), load.skipped(), agg.duplicateSnapshots(),
                agg.missingMetadata());
        return new AnalysisResult(newest.orElse(Instant.EPOCH), params.asConfig(), parts.nodes(), parts.edges(),
                parts.communities(), stats, quality);
    }

    /** The channels with the most distinct viewers, most first, ties by login (the original's top ten). */
    static List<AnalysisStatistics.ChannelViewers> topChannels(Audiences audiences) {
        List<AnalysisStatistics.ChannelViewers> all = new ArrayList<>(audiences.channelCount());
        for (int c = 0; c < audiences.channelCount(); c++) {
            all.add(new AnalysisStatistics.ChannelViewers(audiences.channels().get(c), audiences.audienceSize(c)));
        }
        all.sort(Comparator.comparingLong(AnalysisStatistics.ChannelViewers::viewers).reversed()
                .thenComparing(AnalysisStatistics.ChannelViewers::channel));
        return List.copyOf(all.subList(0, Math.min(AnalysisStatistics.Aggregation.TOP_CHANNELS, all.size())));
    }
}
