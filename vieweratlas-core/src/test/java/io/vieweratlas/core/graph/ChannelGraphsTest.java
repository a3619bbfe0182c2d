package io.vieweratlas.core.graph;

import io.vieweratlas.core.PresenceSources;
import io.vieweratlas.core.ViewerAtlas;
import io.vieweratlas.core.analysis.Weighting;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.GraphEdge;
import io.vieweratlas.core.model.GraphNode;
import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
import org.jgrapht.GraphType;
import org.jgrapht.Graphs;
import org.jgrapht.alg.connectivity.ConnectivityInspector;
import org.jgrapht.alg.scoring.BetweennessCentrality;
import org.jgrapht.alg.scoring.ClusteringCoefficient;
import org.jgrapht.alg.scoring.PageRank;
import org.jgrapht.alg.shortestpath.DijkstraShortestPath;
import org.jgrapht.alg.spanning.KruskalMinimumSpanningTree;
import org.jgrapht.graph.AsWeightedGraph;
import org.jgrapht.graph.DefaultUndirectedWeightedGraph;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The view against a {@link DefaultUndirectedWeightedGraph} built independently from the same result: every
 * query and a set of JGraphT algorithms must agree.
 */
class ChannelGraphsTest {

    private static AnalysisResult result;
    private static Graph<String, ChannelEdge> view;
    private static Graph<String, DefaultWeightedEdge> copy;

    /**
     * Three groups of channels, each drawing random samples from its own viewer pool (so shared counts and
     * Jaccard weights vary), a few viewers wandering between groups 0 and 1 (a bridge), a pair of channels
     * sharing viewers with no one else (a second component), and a channel whose viewers are its own (an
     * isolated vertex).
     */
    @BeforeAll
    static void analyse() {
        Random random = new Random(7);
        PresenceSources.RowsBuilder rows = PresenceSources.rows();
        int[] groupSizes = {7, 5, 4};
        for (int g = 0; g < groupSizes.length; g++) {
            for (int c = 0; c < groupSizes[g]; c++) {
                for (int v = 0; v < 60; v++) {
                    if (random.nextInt(100) < 40) {
                        rows.add("g" + g + "chan" + c, "g" + g + "viewer" + v);
                    }
                }
            }
        }
        for (int w = 0; w < 8; w++) {
            rows.add("g0chan0", "wanderer" + w);
            rows.add("g1chan0", "wanderer" + w);
            rows.add("g1chan1", "wanderer" + w);
        }
        for (int v = 0; v < 12; v++) {
            rows.add("pairleft", "pairviewer" + v);
            rows.add("pairright", "pairviewer" + v);
        }
        for (int v = 0; v < 20; v++) {
            rows.add("loner", "lonerviewer" + v);
        }
        result = ViewerAtlas.analysis().source(rows.build())
                .weighting(Weighting.JACCARD).leiden(1.0, 42).threshold(5).run();
        view = ChannelGraphs.view(result);

        copy = new DefaultUndirectedWeightedGraph<>(DefaultWeightedEdge.class);
        result.nodes().forEach(n -> copy.addVertex(n.id()));
        for (GraphEdge e : result.edges()) {
            copy.setEdgeWeight(copy.addEdge(e.source(), e.target()), e.weight());
        }
    }

    /** Guards the comparisons below against a degenerate graph that would make them pass trivially. */
    @Test
    void theAnalysisGaveTheGraphTheDataPlanted() {
        assertEquals(7 + 5 + 4 + 2 + 1, result.nodes().size());
        List<Set<String>> components = new ConnectivityInspector<>(copy).connectedSets();
        assertEquals(Set.of(Set.of("pairleft", "pairright"), Set.of("loner")),
                components.stream().filter(c -> c.size() <= 2).collect(Collectors.toSet()));
        assertEquals(4, components.size(), components.toString()); // the three groups are one through the bridge
        assertTrue(copy.containsEdge("g0chan0", "g1chan0"));
        assertTrue(result.edges().size() > 30, "edges " + result.edges().size());
        Set<Double> weights = result.edges().stream().map(GraphEdge::weight).collect(Collectors.toSet());
        assertTrue(weights.size() > 15, "distinct weights " + weights);
    }

    @Test
    void verticesEdgesDegreesWeightsAndNeighboursAreThoseOfTheCopy() {
        assertEquals(copy.vertexSet(), view.vertexSet());
        assertEquals(copy.edgeSet().size(), view.edgeSet().size());
        assertEquals(triples(copy), triples(view));
        for (String v : copy.vertexSet()) {
            assertTrue(view.containsVertex(v));
            assertEquals(copy.degreeOf(v), view.degreeOf(v), v);
            assertEquals(copy.degreeOf(v), view.inDegreeOf(v), v);
            assertEquals(copy.degreeOf(v), view.outDegreeOf(v), v);
            assertEquals(copy.degreeOf(v), view.edgesOf(v).size(), v);
            assertEquals(Graphs.neighborSetOf(copy, v), Graphs.neighborSetOf(view, v), v);
            assertEquals(view.edgesOf(v), view.incomingEdgesOf(v));
            assertEquals(view.edgesOf(v), view.outgoingEdgesOf(v));
            for (ChannelEdge e : view.edgesOf(v)) {
                assertTrue(view.edgesOf(v).contains(e));
                assertEquals(v, Graphs.getOppositeVertex(view, e, Graphs.getOppositeVertex(view, e, v)));
            }
            for (String u : copy.vertexSet()) {
                DefaultWeightedEdge expected = copy.getEdge(u, v);
                ChannelEdge actual = view.getEdge(u, v);
                assertEquals(expected == null, actual == null, u + " -- " + v);
                assertEquals(copy.containsEdge(u, v), view.containsEdge(u, v), u + " -- " + v);
                if (expected != null) {
                    assertEquals(copy.getEdgeWeight(expected), view.getEdgeWeight(actual));
                    assertEquals(actual, view.getEdge(v, u));
                    assertEquals(Set.of(actual), view.getAllEdges(u, v));
                    assertEquals(Set.of(u, v), Set.of(view.getEdgeSource(actual), view.getEdgeTarget(actual)));
                } else {
                    assertEquals(Set.of(), view.getAllEdges(u, v));
                }
            }
        }
    }

    @Test
    void jgraphtAlgorithmsGiveWhatTheyGiveOnTheCopy() {
        assertEquals(new HashSet<>(new ConnectivityInspector<>(copy).connectedSets()),
                new HashSet<>(new ConnectivityInspector<>(view).connectedSets()));

        ClusteringCoefficient<String, DefaultWeightedEdge> ccCopy = new ClusteringCoefficient<>(copy);
        ClusteringCoefficient<String, ChannelEdge> ccView = new ClusteringCoefficient<>(view);
        assertEquals(ccCopy.getGlobalClusteringCoefficient(), ccView.getGlobalClusteringCoefficient(), 1e-12);
        assertEquals(ccCopy.getAverageClusteringCoefficient(), ccView.getAverageClusteringCoefficient(), 1e-12);
        assertScoresEqual(ccCopy.getScores(), ccView.getScores());

        assertScoresEqual(new BetweennessCentrality<>(copy).getScores(), new BetweennessCentrality<>(view).getScores());
        assertScoresEqual(new PageRank<>(copy).getScores(), new PageRank<>(view).getScores());
        assertEquals(new KruskalMinimumSpanningTree<>(copy).getSpanningTree().getWeight(),
                new KruskalMinimumSpanningTree<>(view).getSpanningTree().getWeight(), 1e-12);
    }

    @Test
    void shortestPathsOverDistancesAgreeWithTheCopy() {
        // Weights are similarities; a path's cost is the sum of 1 / weight along it.
        Graph<String, ChannelEdge> viewDistances = new AsWeightedGraph<>(view, e -> 1 / e.weight(), true, false);
        Graph<String, DefaultWeightedEdge> copyDistances =
                new AsWeightedGraph<>(copy, e -> 1 / copy.getEdgeWeight(e), true, false);
        GraphPath<String, ChannelEdge> path = DijkstraShortestPath.findPathBetween(viewDistances, "g0chan3", "g1chan4");
        assertNotNull(path);
        assertEquals(DijkstraShortestPath.findPathBetween(copyDistances, "g0chan3", "g1chan4").getWeight(),
                path.getWeight(), 1e-12);
        assertTrue(path.getVertexList().containsAll(List.of("g0chan0", "g1chan0")) || path.getVertexList()
                .containsAll(List.of("g0chan0", "g1chan1")), "crosses the bridge: " + path.getVertexList());
        List<String> vertices = path.getVertexList();
        for (int i = 1; i < vertices.size(); i++) {
            assertEquals(path.getEdgeList().get(i - 1), view.getEdge(vertices.get(i - 1), vertices.get(i)));
        }
        for (String from : List.of("g0chan1", "g2chan0", "pairleft")) {
            var fromView = new DijkstraShortestPath<>(viewDistances).getPaths(from);
            var fromCopy = new DijkstraShortestPath<>(copyDistances).getPaths(from);
            for (String to : copy.vertexSet()) {
                assertEquals(fromCopy.getWeight(to), fromView.getWeight(to), 1e-12, from + " to " + to);
            }
        }
        assertNull(DijkstraShortestPath.findPathBetween(view, "loner", "g0chan0"));
    }

    @Test
    void aCopyMadeWithGraphsAddGraphHasTheViewsEdgesAndWeights() {
        Graph<String, ChannelEdge> edited = new DefaultUndirectedWeightedGraph<>(ChannelEdge.class);
        Graphs.addGraph(edited, view); // vertices and edges; weights are the copier's job
        edited.edgeSet().forEach(e -> edited.setEdgeWeight(e, e.weight()));
        assertEquals(view.vertexSet(), edited.vertexSet());
        assertEquals(view.edgeSet(), edited.edgeSet());
        for (ChannelEdge e : view.edgeSet()) {
            assertEquals(view.getEdgeWeight(e), edited.getEdgeWeight(e));
        }
        edited.removeVertex("loner"); // the copy is an ordinary mutable graph
        assertTrue(view.containsVertex("loner"));
    }

    @Test
    void theViewReadsTheResultsListsInOrderAndWrapsItsOwnEdgeRecords() {
        assertEquals(result.nodes().stream().map(GraphNode::id).toList(), new ArrayList<>(view.vertexSet()));
        int i = 0;
        for (ChannelEdge e : view.edgeSet()) {
            assertEquals(i, e.index());
            assertSame(result.edges().get(i), e.edge());
            assertEquals(e.edge().source(), e.source());
            assertEquals(e.edge().target(), e.target());
            assertEquals(e.edge().weight(), e.weight());
            assertEquals(e.edge().shared(), e.shared());
            i++;
        }
        // Edges are created on demand: equal, not identical, across calls.
        ChannelEdge first = view.edgeSet().iterator().next();
        assertEquals(first, view.getEdge(first.source(), first.target()));
        assertEquals(first.hashCode(), view.getEdge(first.source(), first.target()).hashCode());
        // A second view of an equal result has equal edges.
        assertTrue(ChannelGraphs.view(result).containsEdge(first));
    }

    @Test
    void theTypeIsSimpleUndirectedWeightedAndUnmodifiable() {
        GraphType type = view.getType();
        assertTrue(type.isUndirected());
        assertFalse(type.isDirected());
        assertTrue(type.isWeighted());
        assertFalse(type.isModifiable());
        assertTrue(type.isSimple());
        assertFalse(type.isAllowingSelfLoops());
        assertFalse(type.isAllowingMultipleEdges());
        assertNull(view.getVertexSupplier());
        assertNull(view.getEdgeSupplier());
    }

    @Test
    void everyMutatorIsRefusedWithTheSameMessage() {
        ChannelEdge e = view.edgeSet().iterator().next();
        List<Executable> mutators = List.of(
                () -> view.addVertex(),
                () -> view.addVertex("newchannel"),
                () -> view.addVertex("loner"),
                () -> view.addEdge("loner", "pairleft"),
                () -> view.addEdge("loner", "pairleft", e),
                () -> view.removeVertex("loner"),
                () -> view.removeVertex("nobody"),
                () -> view.removeEdge(e),
                () -> view.removeEdge(e.source(), e.target()),
                () -> view.removeAllEdges(List.of(e)),
                () -> view.removeAllEdges(List.of()),
                () -> view.removeAllEdges(e.source(), e.target()),
                () -> view.removeAllVertices(List.of("loner")),
                () -> view.setEdgeWeight(e, 2.0),
                () -> view.setEdgeWeight(e.source(), e.target(), 2.0),
                () -> view.vertexSet().add("newchannel"),
                () -> view.vertexSet().remove("loner"),
                () -> view.vertexSet().clear(),
                () -> view.edgeSet().remove(e),
                () -> view.edgeSet().removeIf(x -> true),
                () -> view.edgeSet().retainAll(List.of()),
                () -> view.vertexSet().addAll(List.of("x")),
                () -> view.vertexSet().removeAll(List.of("loner")),
                () -> {
                    Iterator<ChannelEdge> it = view.edgesOf(e.source()).iterator();
                    it.next();
                    it.remove();
                },
                () -> view.edgesOf(e.source()).clear(),
                () -> {
                    Iterator<String> it = view.vertexSet().iterator();
                    it.next();
                    it.remove();
                },
                () -> Graphs.addEdgeWithVertices(view, "x", "y"));
        for (Executable m : mutators) {
            UnsupportedOperationException thrown = assertThrows(UnsupportedOperationException.class, m);
            assertEquals("the channel graph of an analysis result is a read-only view: copy it into a mutable"
                    + " JGraphT graph to change it (see ChannelGraphs.view)", thrown.getMessage());
        }
        assertEquals(copy.vertexSet(), view.vertexSet());
        assertEquals(triples(copy), triples(view));
    }

    @Test
    void lookupsOfWhatIsNotInTheGraph() {
        assertNull(view.getEdge("loner", "pairleft"));
        assertNull(view.getEdge("g0chan0", "g0chan0")); // no loops, though the scan meets the vertex itself
        assertNull(view.getEdge("nobody", "loner"));
        assertNull(view.getEdge(null, "loner"));
        assertNull(view.getAllEdges("nobody", "loner"));
        assertEquals(Set.of(), view.getAllEdges("loner", "pairleft"));
        assertFalse(view.containsVertex(null));
        assertFalse(view.containsVertex("nobody"));
        assertFalse(view.vertexSet().contains(42));
        assertFalse(view.containsEdge(null));
        assertFalse(view.edgeSet().contains("g0chan0"));

        ChannelEdge real = view.edgeSet().iterator().next();
        GraphEdge other = new GraphEdge(real.source(), real.target(), real.weight() + 1, real.shared());
        ChannelEdge foreign = new ChannelEdge(real.index(), other);
        ChannelEdge beyond = new ChannelEdge(view.edgeSet().size(), real.edge());
        for (ChannelEdge e : List.of(foreign, beyond)) {
            assertFalse(view.containsEdge(e));
            assertFalse(view.edgeSet().contains(e));
            assertFalse(view.edgesOf(real.source()).contains(e));
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> view.getEdgeWeight(e));
            assertTrue(thrown.getMessage().startsWith("no such edge in graph: "), thrown.getMessage());
            assertThrows(IllegalArgumentException.class, () -> view.getEdgeSource(e));
            assertThrows(IllegalArgumentException.class, () -> view.getEdgeTarget(e));
        }
        assertFalse(view.edgesOf("loner").contains(real)); // in the graph, but not at this vertex
        assertThrows(NullPointerException.class, () -> view.getEdgeWeight(null));

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> view.degreeOf("nobody"));
        assertEquals("no such vertex in graph: nobody", unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> view.edgesOf("nobody"));
        assertThrows(NullPointerException.class, () -> view.degreeOf(null));
        assertEquals(0, view.degreeOf("loner"));
        assertEquals(Set.of(), view.edgesOf("loner"));

        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> new ChannelEdge(-1, real.edge()));
        assertEquals("edge index must be >= 0, was -1", negative.getMessage());
        assertThrows(NullPointerException.class, () -> new ChannelEdge(0, null));
        assertThrows(NullPointerException.class, () -> ChannelGraphs.view(null));
    }

    @Test
    void aHandBuiltResultWithEdgesInAnyOrderAndDirectionIsTheSameGraph() {
        List<GraphEdge> shuffled = new ArrayList<>();
        for (GraphEdge e : result.edges()) {
            shuffled.add(shuffled.size() % 2 == 0 ? e : new GraphEdge(e.target(), e.source(), e.weight(), e.shared()));
        }
        java.util.Collections.shuffle(shuffled, new Random(3));
        Graph<String, ChannelEdge> g = ChannelGraphs.view(withEdges(shuffled));
        assertEquals(triples(copy), triples(g));
        for (String u : copy.vertexSet()) {
            assertEquals(Graphs.neighborSetOf(copy, u), Graphs.neighborSetOf(g, u), u);
            for (String v : copy.vertexSet()) {
                assertEquals(copy.containsEdge(u, v), g.containsEdge(u, v), u + " -- " + v);
            }
        }
        assertScoresEqual(new ClusteringCoefficient<>(copy).getScores(), new ClusteringCoefficient<>(g).getScores());
    }

    @Test
    void aResultWithoutEdgesIsAGraphOfIsolatedChannels() {
        AnalysisResult none = withEdges(List.of());
        Graph<String, ChannelEdge> g = ChannelGraphs.view(none);
        assertEquals(view.vertexSet(), g.vertexSet());
        assertEquals(Set.of(), g.edgeSet());
        assertEquals(g.vertexSet().size(), new ConnectivityInspector<>(g).connectedSets().size());
    }

    @Test
    void aHandBuiltResultThatIsNotASimpleGraphIsRejectedNamingThePosition() {
        GraphEdge ab = new GraphEdge("g0chan0", "g0chan1", 0.5, 6);
        assertRejected("edge 1 of the result (g0chan0 -- nobody) names channel 'nobody', which is not among the result's"
                + " nodes", withEdges(List.of(ab, new GraphEdge("g0chan0", "nobody", 0.5, 6))));
        assertRejected("edge 0 of the result joins channel 'loner' to itself: the channel graph has no loops",
                withEdges(List.of(new GraphEdge("loner", "loner", 1, 20))));
        assertRejected("edges 0 and 2 of the result both join g0chan1 and g0chan0: the channel graph has one edge per"
                + " pair", withEdges(List.of(ab, new GraphEdge("loner", "pairleft", 0.1, 5),
                        new GraphEdge("g0chan1", "g0chan0", 0.7, 8))));
        List<GraphNode> nodes = new ArrayList<>(result.nodes());
        nodes.add(nodes.get(3));
        AnalysisResult twice = new AnalysisResult(result.timestamp(), result.config(), nodes, List.of(),
                List.of(), result.statistics(), result.dataQuality());
        assertRejected("nodes 3 and " + (nodes.size() - 1) + " of the result are both channel '" + nodes.get(3).id()
                + "': a graph has each vertex once", twice);
    }

    private static void assertRejected(String message, AnalysisResult bad) {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> ChannelGraphs.view(bad));
        assertEquals(message, thrown.getMessage());
    }

    private static AnalysisResult withEdges(List<GraphEdge> edges) {
        return new AnalysisResult(result.timestamp(), result.config(), result.nodes(), edges, List.of(),
                result.statistics(), result.dataQuality());
    }

    /** Each edge as "low -- high weight", so edges of different graph classes compare. */
    private static <E> Set<String> triples(Graph<String, E> g) {
        Set<String> out = new TreeSet<>();
        for (E e : g.edgeSet()) {
            String s = g.getEdgeSource(e);
            String t = g.getEdgeTarget(e);
            String lo = s.compareTo(t) <= 0 ? s : t;
            String hi = s.compareTo(t) <= 0 ? t : s;
            out.add(lo + " -- " + hi + " " + g.getEdgeWeight(e));
        }
        return out;
    }

    private static void assertScoresEqual(Map<String, Double> expected, Map<String, Double> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((v, score) -> assertEquals(score, actual.get(v), 1e-9, v));
        assertTrue(expected.values().stream().anyMatch(s -> s > 0), "all scores zero: " + expected);
    }
}
