package io.vieweratlas.lake.edges;

import io.vieweratlas.core.ViewerAtlas;
import io.vieweratlas.core.analysis.AnalysisParameters;
import io.vieweratlas.core.analysis.CommunityAlgorithm;
import io.vieweratlas.core.analysis.Weighting;
import io.vieweratlas.core.analysis.edges.EdgeAnalysis;
import io.vieweratlas.core.analysis.edges.EdgeList;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.GraphEdge;
import io.vieweratlas.core.model.GraphNode;
import io.vieweratlas.core.model.LoadReport;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.port.PresenceSource;
import io.vieweratlas.synth.SyntheticLake;
import io.vieweratlas.synth.SyntheticLakeSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Analysis from an edge list read from CSV agrees with the full analysis of the same lake. */
class EdgeAnalysisTest {

    private static final String HEADER = "source,target,shared,source_audience,target_audience";
    private static List<PresenceSnapshot> snapshots;

    @BeforeAll
    static void lake() {
        SyntheticLake lake = SyntheticLake.plan(SyntheticLakeSpec.builder().channels(150).communities(6)
                .viewers(15_000).snapshotsPerChannel(3).bots(true).seed(3).build());
        snapshots = new ArrayList<>();
        lake.forEachSnapshot(snapshots::add);
    }

    private static AnalysisResult full(AnalysisParameters params) {
        PresenceSource source = (range, consumer) -> {
            snapshots.forEach(consumer);
            return new LoadReport(snapshots.size(), List.of());
        };
        return ViewerAtlas.analysis().source(source).parameters(params).run();
    }

    /** The full analysis's graph as Athena would write it: quoted fields, edges in no particular order. */
    private static String csvOf(AnalysisResult r) {
        Map<String, Integer> audience = new TreeMap<>();
        for (GraphNode n : r.nodes()) {
            audience.put(n.id(), n.viewers());
        }
        StringBuilder sb = new StringBuilder("\"source\",\"target\",\"shared\",\"source_audience\",\"target_audience\"\n");
        List<GraphEdge> edges = new ArrayList<>(r.edges());
        java.util.Collections.reverse(edges);
        for (GraphEdge e : edges) {
            sb.append(String.format(Locale.ROOT, "\"%s\",\"%s\",\"%d\",\"%d\",\"%d\"%n", e.source(), e.target(),
                    e.shared(), audience.get(e.source()), audience.get(e.target())));
        }
        return sb.toString();
    }

    private static Set<Set<String>> partition(AnalysisResult r) {
        Map<Integer, Set<String>> by = new TreeMap<>();
        for (GraphNode n : r.nodes()) {
            if (n.community() >= 0) {
                by.computeIfAbsent(n.community(), k -> new TreeSet<>()).add(n.id());
            }
        }
        return new HashSet<>(by.values());
    }

    private static void assertSamePartition(AnalysisParameters params, OptionalInt viewers) throws IOException {
        AnalysisResult whole = full(params);
        EdgeList edges = EdgeListCsv.read(new StringReader(csvOf(whole)), "edges.csv");
        AnalysisResult fromEdges = EdgeAnalysis.run(edges, Map.of(), viewers, params).result();
        assertTrue(whole.communities().size() >= 2, "the lake should have communities");
        assertEquals(partition(whole), partition(fromEdges));
        assertEquals(whole.edges().size(), fromEdges.edges().size());
        assertEquals(whole.statistics().detection().modularity(), fromEdges.statistics().detection().modularity(),
                1e-9);
    }

    @Test
    void edgeListOfTheLakesOwnGraphGivesTheSamePartition() throws IOException {
        assertSamePartition(AnalysisParameters.builder().seed(11).build(), OptionalInt.empty());
    }

    @Test
    void samePartitionWithLouvainJaccardAndAnotherResolution() throws IOException {
        assertSamePartition(AnalysisParameters.builder().seed(5).algorithm(CommunityAlgorithm.LOUVAIN)
                .weighting(Weighting.JACCARD).resolution(1.5).build(), OptionalInt.empty());
    }

    @Test
    void significanceWithTheViewerCountGivesTheSamePartition() throws IOException {
        AnalysisParameters params = AnalysisParameters.builder().seed(2).weighting(Weighting.SIGNIFICANCE)
                .overlapThreshold(1).build();
        // the population the full analysis uses: distinct viewers after the filters
        AnalysisResult whole = full(params);
        AnalysisResult shared = full(params.toBuilder().weighting(Weighting.SHARED).build());
        EdgeList edges = EdgeListCsv.read(new StringReader(csvOf(shared)), "edges.csv");
        long viewers = whole.statistics().aggregator().viewers()
                - whole.statistics().filters().stream().mapToLong(f -> f.removedAccounts()).sum();
        AnalysisResult fromEdges = EdgeAnalysis.run(edges, Map.of(), OptionalInt.of((int) viewers), params).result();
        assertEquals(partition(whole), partition(fromEdges));
        assertEquals(whole.edges().size(), fromEdges.edges().size());
    }

    @Test
    void significanceWithoutViewerCountIsRefused() throws IOException {
        EdgeList edges = EdgeListCsv.read(new StringReader(HEADER + "\na,b,3,10,12\n"), "e.csv");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EdgeAnalysis.run(edges,
                Map.of(), OptionalInt.empty(), AnalysisParameters.builder().weighting(Weighting.SIGNIFICANCE).build()));
        assertTrue(e.getMessage().contains("significance"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EdgeAnalysis.run(edges, Map.of(), OptionalInt.of(11),
                AnalysisParameters.builder().weighting(Weighting.SIGNIFICANCE).build()));
    }

    @Test
    void noMetadataGivesFallbackLabels() throws IOException {
        EdgeList edges = EdgeListCsv.read(new StringReader(HEADER
                + "\na,b,9,10,10\na,c,9,10,10\nb,c,9,10,10\nx,y,9,10,10\nx,z,9,10,10\ny,z,9,10,10\n"), "e.csv");
        AnalysisResult r = EdgeAnalysis.run(edges, Map.of(), OptionalInt.empty(),
                AnalysisParameters.builder().overlapThreshold(1).build()).result();
        assertEquals(2, r.communities().size());
        r.communities().forEach(c -> assertTrue(c.label().startsWith("Variety Community"), c.label()));
    }

    @Test
    void headerOnlyGivesAnEmptyResult() throws IOException {
        EdgeList edges = EdgeListCsv.read(new StringReader(HEADER + "\n"), "e.csv");
        AnalysisResult r = EdgeAnalysis.run(edges, Map.of(), OptionalInt.empty(), AnalysisParameters.defaults())
                .result();
        assertEquals(0, r.nodes().size());
        assertEquals(0, r.communities().size());
    }
}
