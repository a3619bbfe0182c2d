package io.vieweratlas.runners.analysis;

import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.port.GraphExporter;
import io.vieweratlas.core.port.ObjectStore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** Writes an analysis result: the results file into the lake, and the exports into a local directory. */
public final class AnalysisOutputs {

    /** Lake key of the results file (the original's). */
    public static final String RESULTS_KEY = "processed/analysis_results.json";

    private AnalysisOutputs() {
    }

    /** The results document as bytes. */
    public static byte[] resultsJson(AnalysisResult result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        try {
            new ResultsJson().write(result, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Stores the results document at {@link #RESULTS_KEY}. */
    public static void writeToLake(AnalysisResult result, ObjectStore store) {
        store.put(RESULTS_KEY, resultsJson(result));
    }

    /**
     * Writes {@code analysis_results.json} and the CSV exports into {@code dir} (created if
     * needed); each file is written to a temporary name and moved into place.
     *
     * @return the files written
     */
    public static List<Path> writeExports(AnalysisResult result, Path dir) throws IOException {
        return writeExports(result, dir, List.of());
    }

    /**
     * As {@link #writeExports(AnalysisResult, Path)}, followed by {@code extra} exporters (graph
     * files, pictures) in their order.
     *
     * @return the files written
     */
    public static List<Path> writeExports(AnalysisResult result, Path dir, List<GraphExporter> extra)
            throws IOException {
        Files.createDirectories(dir);
        List<GraphExporter> exporters = new ArrayList<>(CsvExporters.all());
        exporters.add(new ResultsJson());
        exporters.addAll(extra);
        List<Path> written = new ArrayList<>();
        for (GraphExporter e : exporters) {
            Path target = dir.resolve(e.fileName());
            Path tmp = dir.resolve("." + e.fileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                e.write(result, out);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            written.add(target);
        }
        return written;
    }
}
