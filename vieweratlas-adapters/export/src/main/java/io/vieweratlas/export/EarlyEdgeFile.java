package io.vieweratlas.export;

import io.vieweratlas.core.model.GraphEdge;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code graph_edges.csv} written as soon as the edges exist, under a temporary name in the export
 * directory: handed to the analysis as its edges callback, it runs on the second core while
 * communities are detected, and {@code AnalysisOutputs.write} then only moves the file into
 * place. Best effort: if writing fails, or the result holds other edges, the file is written the
 * usual way. {@link #discard()} removes an unused file.
 */
final class EarlyEdgeFile implements Consumer<List<GraphEdge>> {

    private final Path dir;
    private final Path file;
    private volatile List<GraphEdge> edges;

    /** An early edge file for the export directory {@code dir}. */
    public EarlyEdgeFile(Path dir) {
        this.dir = dir;
        this.file = dir.resolve("." + CsvExporters.EDGES.fileName() + ".early.tmp");
    }

    @Override
    public void accept(List<GraphEdge> made) {
        try {
            Files.createDirectories(dir);
            try (OutputStream out = Files.newOutputStream(file)) {
                CsvExporters.writeEdges(made, out);
            }
            edges = made;
        } catch (IOException | RuntimeException e) {
            discard(); // written again by the exporters, which report a lasting failure
        }
    }

    /** The written file, if it holds exactly {@code wanted} (the same list); it is then the caller's. */
    Optional<Path> take(List<GraphEdge> wanted) {
        if (edges != null && edges == wanted) {
            edges = null;
            return Optional.of(file);
        }
        return Optional.empty();
    }

    /** Deletes the file if it was written and not taken. */
    public void discard() {
        edges = null;
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a stray temporary file in the export directory; the next run overwrites it
        }
    }
}
