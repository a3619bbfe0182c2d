package io.vieweratlas.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExportDotTest {

    @Test
    void writesAGraphvizFileThroughThePort(@TempDir Path dir) throws Exception {
        Output out = new Output();
        List<Path> files = ExportDot.run(dir.resolve("out"), out.stream);
        assertEquals(List.of(dir.resolve("out/graph.dot")), files);
        String dot = Files.readString(files.get(0));
        assertTrue(dot.startsWith("graph vieweratlas {\n"), dot);
        assertTrue(dot.endsWith("}\n"), dot);
        assertTrue(dot.contains("  \"chessqueen\" [fillcolor=\"#"), dot);
        assertTrue(dot.lines().anyMatch(l -> l.matches("  \"[a-z]+\" -- \"[a-z]+\" \\[weight=[0-9.]+, penwidth=[0-9.]+];")),
                dot);
        assertEquals(12, dot.lines().filter(l -> l.contains("fillcolor")).count());
        assertTrue(out.text().startsWith("wrote " + files.get(0) + " ("), out.text());
        // Deterministic: a second run writes the same bytes.
        List<Path> again = ExportDot.run(dir.resolve("again"), new Output().stream);
        assertEquals(dot, Files.readString(again.get(0)));
    }
}
