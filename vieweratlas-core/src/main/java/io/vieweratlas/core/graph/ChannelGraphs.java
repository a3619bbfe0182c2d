package io.vieweratlas.core.graph;

import io.vieweratlas.core.model.AnalysisResult;
import org.jgrapht.Graph;

import java.util.Objects;

/**
 * Entry point: the channel graph of an analysis result as a JGraphT {@link Graph}.
 *
 * <pre>{@code
 * AnalysisResult result = ViewerAtlas.analysis().source(lake).run();
 * Graph<String, ChannelEdge> g = ChannelGraphs.view(result);
 * double cc = new ClusteringCoefficient<>(g).getGlobalClusteringCoefficient();
 * }</pre>
 */
public final class ChannelGraphs {

    private ChannelGraphs() {
    }

    /**
     * The channel graph of {@code result} as a read-only JGraphT graph over the result's own lists.
     *
     * <p>Vertices are the logins of {@link AnalysisResult#nodes()} (in that order); edges are the
     * entries of {@link AnalysisResult#edges()} (in that order) as {@link ChannelEdge}s, undirected,
     * with the analysis weight as {@link Graph#getEdgeWeight edge weight}. The graph is simple (no
     * loops, one edge per pair) and its {@link Graph#getType() type} says so. Neither list is copied:
     * the view keeps a login-to-position map and, per channel, its neighbours' positions (sorted, so
     * that finding the edge between two channels is a binary search) with the positions of the edges
     * to them, built once here: memory linear in the size of the graph (16 bytes per edge), time
     * {@code O(m log d)} for {@code m} edges of degree up to {@code d}. Every method that would change the graph
     * throws {@link UnsupportedOperationException}; to change it, copy it first ({@code Graphs.addGraph}
     * copies vertices and edges but not weights):
     * <pre>{@code
     * Graph<String, ChannelEdge> copy = new DefaultUndirectedWeightedGraph<>(ChannelEdge.class);
     * Graphs.addGraph(copy, view);
     * copy.edgeSet().forEach(e -> copy.setEdgeWeight(e, e.weight()));
     * }</pre>
     *
     * <p>Weights are similarities (higher means closer). Algorithms that read weights as costs
     * (shortest paths, betweenness, minimum spanning trees) need a distance instead, for example
     * {@code new AsWeightedGraph<>(view, e -> 1 / e.weight(), true, false)}.
     *
     * @param result an analysis result
     * @return the result's channel graph, read-only, safe to share between threads
     * @throws NullPointerException     when {@code result} is null
     * @throws IllegalArgumentException naming the node or edge position when the result's lists do not
     *                                  form a simple graph (a login twice, an edge to a channel that is not
     *                                  a node, a loop, two edges for one pair); results of the analysis
     *                                  never do
     */
    public static Graph<String, ChannelEdge> view(AnalysisResult result) {
        return new ChannelGraphView(Objects.requireNonNull(result, "result"));
    }
}
