package io.vieweratlas.core.model;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The outcome of one analysis, channel-level only (no viewer logins): the graph with per-channel
 * attributes and community, the communities with summaries, statistics, the parameters used and a
 * data-quality report. Exporters ({@link io.vieweratlas.core.port.GraphExporter}) write it.
 *
 * @param timestamp   time of the newest snapshot analysed (not the wall clock, so that re-running on the
 *                    same data gives the same result); the epoch when there was no data
 * @param config      the parameters under their configuration keys, sorted
 * @param nodes       every channel that passed the filters, sorted by login
 * @param edges       edges kept, sorted by (source, target)
 * @param communities communities of at least the minimum size, by id
 * @param statistics  statistics
 * @param dataQuality what was wrong with the input
 */
public record AnalysisResult(Instant timestamp, SortedMap<String, Object> config, List<GraphNode> nodes,
                             List<GraphEdge> edges, List<Community> communities, AnalysisStatistics statistics,
                             DataQualityReport dataQuality) {

    public AnalysisResult {
        Objects.requireNonNull(timestamp, "timestamp");
        config = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(config, "config")));
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        communities = List.copyOf(communities);
        Objects.requireNonNull(statistics, "statistics");
        Objects.requireNonNull(dataQuality, "dataQuality");
    }

    /** Channel login to community id for assigned channels, sorted by login (the original's {@code partition}). */
    public SortedMap<String, Integer> partition() {
        TreeMap<String, Integer> m = new TreeMap<>();
        for (GraphNode n : nodes) {
            if (n.assigned()) {
                m.put(n.id(), n.community());
            }
        }
        return Collections.unmodifiableSortedMap(m);
    }

    /** Community id to label (the original's {@code labels}). */
    public SortedMap<Integer, String> labels() {
        TreeMap<Integer, String> m = new TreeMap<>();
        for (Community c : communities) {
            m.put(c.id(), c.label());
        }
        return Collections.unmodifiableSortedMap(m);
    }

    /** Convenience: the node of each channel. */
    public Map<String, GraphNode> nodesById() {
        TreeMap<String, GraphNode> m = new TreeMap<>();
        nodes.forEach(n -> m.put(n.id(), n));
        return Collections.unmodifiableSortedMap(m);
    }
}
