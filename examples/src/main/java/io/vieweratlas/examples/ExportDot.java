package io.vieweratlas.examples;

import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.port.GraphExporter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Example 3, using a custom exporter through the {@link GraphExporter} port: analyses the bundled
 * CSV (as {@link EmbedCsv} does) and writes every exporter's file into a directory.
 */
public final class ExportDot {

    private ExportDot() {
    }

    /**
     * Runs the example.
     *
     * @param args the output directory (default {@code out})
     * @throws IOException when a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        run(Path.of(args.length > 0 ? args[0] : "out"), System.out);
    }

    /**
     * Analyses the bundled CSV and writes {@code graph.dot} into {@code dir}.
     *
     * @param dir where files go (created when missing)
     * @param out progress messages
     * @return the files written
     * @throws IOException when a file cannot be written
     */
    public static List<Path> run(Path dir, PrintStream out) throws IOException {
        AnalysisResult result;
        try (InputStream csv = ExportDot.class.getResourceAsStream("/viewers.csv")) {
            result = EmbedCsv.run(csv, "viewers.csv", new PrintStream(OutputStream.nullOutputStream(), false,
                    StandardCharsets.UTF_8));
        }
        List<GraphExporter> exporters = List.of(new DotExporter()); // add Exporters from vieweratlas-export here
        Files.createDirectories(dir);
        List<Path> written = new java.util.ArrayList<>();
        for (GraphExporter exporter : exporters) {
            Path file = dir.resolve(exporter.fileName());
            try (OutputStream os = Files.newOutputStream(file)) {
                exporter.write(result, os);
            }
            out.println("wrote " + file + " (" + Files.size(file) + " bytes)");
            written.add(file);
        }
        return written;
    }
}
