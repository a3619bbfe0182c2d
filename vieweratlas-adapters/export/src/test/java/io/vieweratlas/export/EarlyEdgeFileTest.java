package io.vieweratlas.export;

import io.vieweratlas.core.model.GraphEdge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EarlyEdgeFileTest {

    private static final List<GraphEdge> EDGES = List.of(new GraphEdge("alpha", "beta", 12, 12),
            new GraphEdge("alpha", "gam,ma", 0.25, 3));

    @Test
    void fileIsTakenOnlyForTheSameEdgesAndRemovedWhenUnused(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("exports");
        EarlyEdgeFile early = new EarlyEdgeFile(out);
        early.accept(EDGES);
        assertTrue(early.take(new ArrayList<>(EDGES)).isEmpty(), "an equal but other list is not taken");
        Path file = early.take(EDGES).orElseThrow();
        assertEquals("source,target,weight,shared\nalpha,beta,12,12\nalpha,\"gam,ma\",0.25,3\n", Files.readString(file));
        assertTrue(early.take(EDGES).isEmpty(), "taken once");

        EarlyEdgeFile unused = new EarlyEdgeFile(out);
        unused.accept(EDGES);
        try (var files = Files.list(out)) {
            assertEquals(1, files.count());
        }
        Files.delete(file);
        unused.discard();
        try (var files = Files.list(out)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void aFailedEarlyWriteLeavesTheWorkToTheExporters(@TempDir Path dir) throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        EarlyEdgeFile early = new EarlyEdgeFile(notADirectory);
        early.accept(EDGES);
        assertTrue(early.take(EDGES).isEmpty());
        assertFalse(Files.isDirectory(notADirectory));
    }
}
