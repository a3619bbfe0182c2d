package io.vieweratlas.export;

import io.vieweratlas.core.analysis.Parallel;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.port.GraphExporter;
import io.vieweratlas.core.port.out.ProcessedDocument;
import io.vieweratlas.core.port.out.ProcessedStore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Writes an analysis result: the results file into the lake, and the exports into a local directory. */
final class AnalysisOutputs {

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
        return write(result, Optional.empty(), dir, extra, Optional.empty());
    }

    /**
     * Writes the results document into {@code lake} when given and the exports into {@code dir},
     * all at once: the document is serialised once for both places, and the lake write runs
     * alongside the export files; {@code graph_edges.csv} is taken from {@code early} when it was
     * written there for these edges.
     *
     * @return the export files written
     */
    static List<Path> write(AnalysisResult result, Optional<ProcessedStore> lake, Path dir,
                                    List<GraphExporter> extra, Optional<EarlyEdgeFile> early) throws IOException {
        Optional<Path> earlyEdges = early.flatMap(e -> e.take(result.edges()));
        Files.createDirectories(dir);
        // the document once, for the lake and for the directory
        GraphExporter results = new GraphExporter() {
            @Override
            public String fileName() {
                return ResultsJson.FILE_NAME;
            }

            @Override
            public void write(AnalysisResult r, OutputStream out) throws IOException {
                byte[] json = resultsJson(r);
                lake.ifPresent(store -> store.put(ProcessedDocument.Fixed.RESULTS, json));
                out.write(json);
            }
        };
        List<GraphExporter> exporters = new ArrayList<>(CsvExporters.all());
        exporters.add(results);
        exporters.addAll(extra);
        // The exporters are independent files; they run on all cores (the layout they share is
        // computed once by whichever needs it first), each written to a temporary name and moved
        // into place, so the files are the same as with one thread. The largest core files start
        // first (edges, then the results document with the lake write), so the others fill in
        // beside them.
        int edges = exporters.indexOf(CsvExporters.EDGES);
        int doc = exporters.indexOf(results);
        int[] order = new int[exporters.size()];
        order[0] = edges;
        order[1] = doc;
        for (int i = 0, k = 2; i < order.length; i++) {
            if (i != edges && i != doc) {
                order[k++] = i;
            }
        }
        Path[] written = new Path[exporters.size()];
        Exception[] failures = new Exception[exporters.size()];
        Parallel.forEachIndex(Parallel.defaultThreads(), order.length, k -> {
            int i = order[k];
            GraphExporter e = exporters.get(i);
            Path target = dir.resolve(e.fileName());
            Path tmp = dir.resolve("." + e.fileName() + ".tmp");
            try {
                if (e == CsvExporters.EDGES && earlyEdges.isPresent()) {
                    tmp = earlyEdges.get(); // written while communities were detected
                } else {
                    try (OutputStream out = Files.newOutputStream(tmp)) {
                        e.write(result, out);
                    }
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                written[i] = target;
            } catch (IOException | RuntimeException ex) {
                failures[i] = ex;
            }
        });
        for (Exception failure : failures) {
            // the first failing exporter in order, as a sequential run reports it
            if (failure instanceof IOException io) {
                throw io;
            }
            if (failure instanceof RuntimeException re) {
                throw re;
            }
        }
        return List.of(written);
    }
}
