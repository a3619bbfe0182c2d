package io.vieweratlas.lake.edges;

import io.vieweratlas.core.analysis.AnalysisParameters;
import io.vieweratlas.core.analysis.AnalysisWindow;
import io.vieweratlas.core.analysis.AudienceAnalysis;
import io.vieweratlas.core.analysis.CommunityAlgorithm;
import io.vieweratlas.core.analysis.Weighting;
import io.vieweratlas.core.analysis.edges.EdgeAnalysis;
import io.vieweratlas.core.analysis.edges.EdgeList;
import io.vieweratlas.core.analysis.edges.EdgeListCsv;
import io.vieweratlas.core.analysis.edges.EdgeListException;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.GraphEdge;
import io.vieweratlas.core.model.GraphNode;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.port.LoadReport;
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
        return AudienceAnalysis.run(source, AnalysisWindow.ALL, params).result();
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

    private static EdgeListException bad(String text) {
        return assertThrows(EdgeListException.class, () -> EdgeListCsv.read(new StringReader(text), "edges.csv"));
    }

    @Test
    void malformedLinesNameFileAndLine() {
        EdgeListException e = bad(HEADER + "\na,b,3,10,12\na,c,x,10,12\n");
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith("edges.csv:3: shared is not a whole number: 'x'"), e.getMessage());
        assertEquals(2, bad(HEADER + "\na,b,3,10\n").line());
        assertEquals(2, bad(HEADER + "\na,a,3,10,10\n").line());
        assertEquals(2, bad(HEADER + "\na,b,30,10,40\n").line());
        assertEquals(2, bad(HEADER + "\n\"a,b,3,10,12\n").line());
        assertEquals(2, bad(HEADER + "\na,b,-3,10,12\n").line());
        assertEquals(2, bad(HEADER + "\n,b,3,10,12\n").line());
        EdgeListException twice = bad(HEADER + "\na,b,3,10,12\nc,d,1,5,5\nb,a,3,12,10\n");
        assertEquals(4, twice.line());
        assertTrue(twice.getMessage().contains("already given on line 2"), twice.getMessage());
        EdgeListException audience = bad(HEADER + "\na,b,3,10,12\na,c,3,11,12\n");
        assertEquals(3, audience.line());
        assertTrue(audience.getMessage().contains("on line 2"), audience.getMessage());
    }

    @Test
    void missingColumnsAreNamed() {
        EdgeListException e = bad("source,target,shared\na,b,3\n");
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("source_audience, target_audience"), e.getMessage());
        assertEquals(1, bad("").line());
    }

    @Test
    void columnsInAnyOrderExtraColumnsAndCaseAreAccepted() throws IOException {
        EdgeList e = EdgeListCsv.read(new StringReader(
                "\uFEFFShared,Target_Audience,source,extra,target,SOURCE_AUDIENCE\r\n3,12,B,x,a,10\r\n"), "e.csv");
        assertEquals(List.of("a", "b"), e.channels());
        assertEquals(3, e.shared()[0]);
        assertEquals(12, e.audience()[0]);
        assertEquals(10, e.audience()[1]);
    }
}
