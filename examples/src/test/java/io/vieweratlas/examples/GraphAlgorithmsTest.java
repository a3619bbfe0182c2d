package io.vieweratlas.examples;

import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.GraphEdge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphAlgorithmsTest {

    private static final Path LAKE = Path.of("sample-data");

    @Test
    void printsComponentsClusteringBridgesAndAPathOfTheSampleLakesGraph() {
        Output out = new Output();
        AnalysisResult result = GraphAlgorithms.run(LAKE, out.stream);
        List<String> lines = out.text().lines().toList();

        assertEquals(result.nodes().size() + " channels, " + result.edges().size() + " edges, ",
                lines.get(0).substring(0, lines.get(0).indexOf("edges, ") + "edges, ".length()));
        assertTrue(lines.get(0).matches("\\d+ channels, \\d+ edges, [1-9]\\d* connected components"), lines.get(0));
        assertTrue(lines.get(1).matches("clustering coefficient: global 0\\.\\d{4}, average local 0\\.\\d{4}"),
                lines.get(1));

        assertEquals("", lines.get(2));
        assertTrue(lines.get(3).startsWith("bridge channel "), lines.get(3));
        Set<String> channels = result.nodesById().keySet();
        for (String row : lines.subList(4, 9)) {
            String login = row.substring(0, row.indexOf(' '));
            assertTrue(channels.contains(login), row);
            assertTrue(row.matches(".* 0\\.\\d{4}$"), row); // normalised betweenness
        }

        assertEquals("", lines.get(9));
        Matcher header = Pattern.compile("shortest path from (\\S+) to (\\S+) \\((\\d+) hops, distance \\d+\\.\\d{3}\\):")
                .matcher(lines.get(10));
        assertTrue(header.matches(), lines.get(10));
        List<String> path = List.of(lines.get(11).trim().split(" -> "));
        assertEquals(header.group(1), path.get(0));
        assertEquals(header.group(2), path.get(path.size() - 1));
        assertEquals(Integer.parseInt(header.group(3)), path.size() - 1);
        Set<String> pairs = new HashSet<>();
        for (GraphEdge e : result.edges()) {
            pairs.add(e.source() + " " + e.target());
            pairs.add(e.target() + " " + e.source());
        }
        for (int i = 1; i < path.size(); i++) {
            assertTrue(pairs.contains(path.get(i - 1) + " " + path.get(i)), "not an edge: " + path.subList(i - 1, i + 1));
        }
        assertEquals(12, lines.size(), out.text());
    }

    @Test
    void mainTakesTheLakeFromItsArgumentAndSaysWhenThereIsNoGraph(@TempDir Path emptyLake) {
        java.io.PrintStream saved = System.out;
        Output out = new Output();
        System.setOut(out.stream);
        try {
            GraphAlgorithms.main(new String[] {emptyLake.toString()});
        } finally {
            System.setOut(saved);
        }
        assertEquals("0 channels, no edges: nothing to measure\n", out.text().replace(System.lineSeparator(), "\n"));
    }
}
