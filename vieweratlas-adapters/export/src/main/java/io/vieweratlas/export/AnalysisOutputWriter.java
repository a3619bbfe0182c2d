package io.vieweratlas.export;

import io.vieweratlas.core.analysis.stability.Calibration;
import io.vieweratlas.core.analysis.stability.StabilityReport;
import io.vieweratlas.core.analysis.timeline.Timeline;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.GraphEdge;
import io.vieweratlas.core.port.GraphExporter;
import io.vieweratlas.core.port.in.AnalysisRequest;
import io.vieweratlas.core.port.in.GraphExports;
import io.vieweratlas.core.port.out.AnalysisOutputPort;
import io.vieweratlas.core.port.out.AnalysisOutputSession;
import io.vieweratlas.core.port.out.ProcessedDocument;
import io.vieweratlas.core.port.out.ProcessedStore;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one place analysis outputs are written: the results document, the CSV files, the over-time
 * files (calibration, rolling windows, timeline and its explorer, stability) and the graph exports, into a local
 * directory and, through a {@link ProcessedStore}, into the lake. Every file is written under a
 * temporary name and moved into place; the same result gives the same bytes.
 */
public final class AnalysisOutputWriter implements AnalysisOutputPort {

    private final ProcessedStore lake;

    /**
     * A writer whose lake documents go to {@code lake} (used when a request asks for lake outputs).
     *
     * @param lake the lake's {@code processed/} area
     */
    public AnalysisOutputWriter(ProcessedStore lake) {
        this.lake = Objects.requireNonNull(lake, "lake");
    }

    /**
     * The graph exporters that {@code exports} switches on, the layout seeded with {@code seed},
     * the exports carrying {@code annotations}.
     *
     * @param exports     which exports
     * @param seed        layout seed
     * @param annotations per-channel flags shown in the exports
     * @return the exporters, in writing order
     */
    public static List<GraphExporter> graphExporters(GraphExports exports, long seed, NodeAnnotations annotations) {
        ExportOptions defaults = ExportOptions.defaults(seed);
        return Exporters.of(new ExportOptions(exports.gexf(), exports.graphml(), exports.json(), exports.png(),
                exports.html(), exports.pngSize(), exports.labelTopN(), defaults.pngMaxEdges(), defaults.layout()),
                annotations);
    }

    @Override
    public AnalysisOutputSession open(AnalysisRequest.Outputs outputs, long layoutSeed) {
        Objects.requireNonNull(outputs, "outputs");
        return new Session(outputs, outputs.lake() ? Optional.of(lake) : Optional.empty(), layoutSeed);
    }

    private static final class Session implements AnalysisOutputSession {
        private final AnalysisRequest.Outputs outputs;
        private final Optional<ProcessedStore> lake;
        private final long seed;
        private final Optional<EarlyEdgeFile> early;
        /** The explorer of the rolling windows, when the explorer is wanted in a directory. */
        private final Optional<SeriesExplorer> series;

        Session(AnalysisRequest.Outputs outputs, Optional<ProcessedStore> lake, long seed) {
            this.outputs = outputs;
            this.lake = lake;
            this.seed = seed;
            this.early = outputs.directory().map(EarlyEdgeFile::new);
            this.series = outputs.directory().isPresent() && outputs.graphExports().html()
                    ? Optional.of(new SeriesExplorer(ExportOptions.defaults(seed).layout())) : Optional.empty();
        }

        @Override
        public void edgesReady(List<GraphEdge> edges) {
            early.ifPresent(e -> e.accept(edges));
        }

        @Override
        public List<String> writeResult(AnalysisResult result, Optional<StabilityReport> stability)
                throws IOException {
            NodeAnnotations annotations = stability
                    .map(s -> NodeAnnotations.confidence(s.confidence(), s.confidenceLevel()))
                    .orElse(NodeAnnotations.none());
            List<Path> files = results(result, ProcessedDocument.Fixed.RESULTS, outputs.directory(),
                    graphExporters(outputs.graphExports(), seed, annotations), early);
            List<String> written = new ArrayList<>(files.size());
            files.forEach(f -> written.add(f.toString()));
            return written;
        }

        @Override
        public void writeWindow(Instant end, AnalysisResult result) throws IOException {
            ProcessedDocument.WindowResults doc = new ProcessedDocument.WindowResults(end);
            results(result, doc, outputs.directory().map(d -> d.resolve("windows").resolve(doc.folderName())),
                    List.of(), Optional.empty());
            if (series.isPresent()) {
                series.get().add(end, result);
            }
        }

        /** The results document into the lake and, with a directory, the export files beside it. */
        private List<Path> results(AnalysisResult result, ProcessedDocument document, Optional<Path> dir,
                                   List<GraphExporter> extra, Optional<EarlyEdgeFile> earlyEdges)
                throws IOException {
            if (dir.isPresent()) {
                return AnalysisOutputs.write(result, lake, document, dir.get(), extra, earlyEdges);
            }
            toLake(document, AnalysisOutputs.resultsJson(result));
            return List.of();
        }

        @Override
        public void writeTimeline(Timeline timeline) throws IOException {
            byte[] json = OverTimeOutputs.timelineJson(timeline);
            byte[] csv = OverTimeOutputs.timelineCsv(timeline);
            toLake(ProcessedDocument.Fixed.TIMELINE, json);
            toLake(ProcessedDocument.Fixed.TIMELINE_CSV, csv);
            toDirectory("timeline.json", json);
            toDirectory("timeline.csv", csv);
            if (series.isPresent() && series.get().size() > 0) {
                toDirectory(SeriesExplorer.FILE_NAME, series.get().html(timeline));
            }
        }

        @Override
        public void writeCalibration(Calibration.Result calibration) throws IOException {
            byte[] csv = OverTimeOutputs.calibrationCsv(calibration);
            toDirectory("calibration.csv", csv);
            if (outputs.directory().isPresent()) {
                toDirectory("calibration.json", OverTimeOutputs.calibrationJson(calibration));
            }
            toLake(ProcessedDocument.Fixed.CALIBRATION, csv);
        }

        @Override
        public void writeStability(AnalysisResult result, StabilityReport report) throws IOException {
            byte[] json = OverTimeOutputs.stabilityJson(report);
            toLake(ProcessedDocument.Fixed.STABILITY, json);
            toDirectory("stability.json", json);
            if (outputs.directory().isPresent()) {
                toDirectory("channel_confidence.csv", OverTimeOutputs.confidenceCsv(result, report));
            }
        }

        private void toLake(ProcessedDocument document, byte[] bytes) {
            lake.ifPresent(store -> store.put(document, bytes));
        }

        private void toDirectory(String fileName, byte[] bytes) throws IOException {
            if (outputs.directory().isPresent()) {
                OverTimeOutputs.write(outputs.directory().get(), fileName, bytes);
            }
        }

        @Override
        public void close() {
            early.ifPresent(EarlyEdgeFile::discard);
        }
    }
}
