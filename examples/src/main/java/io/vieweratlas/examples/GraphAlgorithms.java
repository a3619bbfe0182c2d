package io.vieweratlas.examples;

import io.vieweratlas.core.ViewerAtlas;
import io.vieweratlas.core.analysis.Weighting;
import io.vieweratlas.core.graph.ChannelEdge;
import io.vieweratlas.core.graph.ChannelGraphs;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.Community;
import io.vieweratlas.core.model.GraphNode;
import io.vieweratlas.lake.Lakes;
import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
import org.jgrapht.alg.connectivity.ConnectivityInspector;
import org.jgrapht.alg.scoring.BetweennessCentrality;
import org.jgrapht.alg.scoring.ClusteringCoefficient;
import org.jgrapht.alg.shortestpath.DijkstraShortestPath;
import org.jgrapht.graph.AsWeightedGraph;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Example 5, JGraphT on the channel graph: analyses a lake, takes the result's channel graph as a
 * JGraphT {@link Graph} ({@link ChannelGraphs#view}, no copy) and runs JGraphT's algorithms on it:
 * connected components, clustering coefficients, the channels with the highest betweenness (the
 * bridges between audiences) and the shortest path between the leading channels of the largest and the
 * smallest community.
 */
public final class GraphAlgorithms {

    private static final int BRIDGES = 5;

    private GraphAlgorithms() {
    }

    /**
     * Runs the example.
     *
     * @param args the lake directory (default {@code examples/sample-data})
     */
    public static void main(String[] args) {
        run(Path.of(args.length > 0 ? args[0] : "examples/sample-data"), System.out);
    }

    /**
     * Analyses the lake at {@code lakeDir} and prints what the JGraphT algorithms find in its graph.
     *
     * @param lakeDir the lake's root directory
     * @param out     where the report goes
     * @return the analysis result whose graph was examined
     */
    public static AnalysisResult run(Path lakeDir, PrintStream out) {
        AnalysisResult result = ViewerAtlas.analysis()
                .source(Lakes.openDirectory(lakeDir))
                .weighting(Weighting.JACCARD)
                .leiden(1.0, 42)
                .run();
        Graph<String, ChannelEdge> graph = ChannelGraphs.view(result);
        if (graph.edgeSet().isEmpty()) {
            out.printf(Locale.ROOT, "%d channels, no edges: nothing to measure%n", graph.vertexSet().size());
            return result;
        }

        ClusteringCoefficient<String, ChannelEdge> clustering = new ClusteringCoefficient<>(graph);
        out.printf(Locale.ROOT, "%d channels, %d edges, %d connected components%n", graph.vertexSet().size(),
                graph.edgeSet().size(), new ConnectivityInspector<>(graph).connectedSets().size());
        out.printf(Locale.ROOT, "clustering coefficient: global %.4f, average local %.4f%n",
                clustering.getGlobalClusteringCoefficient(), clustering.getAverageClusteringCoefficient());

        // Weights are similarities (Jaccard): shortest-path algorithms need costs, so a shared audience of
        // weight w becomes a distance of 1 / w. AsWeightedGraph is a view too; it caches the distances.
        Graph<String, ChannelEdge> distances = new AsWeightedGraph<>(graph, e -> 1 / e.weight(), true, false);

        Map<String, Double> betweenness = new BetweennessCentrality<>(distances, true).getScores();
        Map<String, GraphNode> nodes = result.nodesById();
        out.println();
        out.printf(Locale.ROOT, "%-24s %-32s %11s%n", "bridge channel", "community", "betweenness");
        betweenness.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(BRIDGES)
                .forEach(e -> out.printf(Locale.ROOT, "%-24s %-32s %11.4f%n", e.getKey(),
                        nodes.get(e.getKey()).label(), e.getValue()));

        List<Community> communities = result.communities().stream()
                .sorted(Comparator.comparingInt(Community::size).reversed().thenComparingInt(Community::id))
                .toList();
        if (communities.size() >= 2) {
            String from = communities.get(0).topChannels().get(0);
            String to = communities.get(communities.size() - 1).topChannels().get(0);
            GraphPath<String, ChannelEdge> path = DijkstraShortestPath.findPathBetween(distances, from, to);
            out.println();
            if (path == null) {
                out.printf(Locale.ROOT, "no path from %s to %s%n", from, to);
            } else {
                out.printf(Locale.ROOT, "shortest path from %s to %s (%d hops, distance %.3f):%n", from, to,
                        path.getLength(), path.getWeight());
                out.println("  " + String.join(" -> ", path.getVertexList()));
            }
        }
        return result;
    }
}
