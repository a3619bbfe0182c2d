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
    static byte[] resultsJson(AnalysisResult result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        try {
            new ResultsJson().write(result, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Writes the results document into {@code lake} as {@code document} when a lake is given, and
     * {@code analysis_results.json}, the CSV files and {@code extra} exporters (graph files,
     * pictures) into {@code dir} (created if needed), all at once: the document is serialised once
     * for both places, and the lake write runs alongside the export files; each file is written to
     * a temporary name and moved into place. {@code graph_edges.csv} is taken from {@code early}
     * when it was written there for these edges.
     *
     * @return the export files written
     */
    static List<Path> write(AnalysisResult result, Optional<ProcessedStore> lake, ProcessedDocument document,
                            Path dir, List<GraphExporter> extra, Optional<EarlyEdgeFile> early) throws IOException {
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
                lake.ifPresent(store -> store.put(document, json));
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
