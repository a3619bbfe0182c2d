package io.vieweratlas.runners.analysis;

import com.google.inject.Inject;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.port.in.AnalysisReport;
import io.vieweratlas.core.port.in.AnalysisRequest;
import io.vieweratlas.core.port.in.AnalyzeUseCase;
import io.vieweratlas.runners.config.ViewerAtlasConfig;
import io.vieweratlas.runners.metrics.Metric;
import io.vieweratlas.runners.metrics.MetricsEmitter;
import io.vieweratlas.runners.run.RunRecorder;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One analysis as a recorded run, the same for {@code analyze} and the collector service's
 * periodic analysis: the use case under a run record ({@code runs/analyze/...}), the EMF metrics,
 * and the summary.
 */
public final class AnalysisJob {

    private final AnalyzeUseCase analysis;
    private final RunRecorder recorder;
    private final ViewerAtlasConfig config;

    /**
     * @param analysis the analysis use case
     * @param recorder where the run record goes
     * @param config   the configuration recorded with the run (redacted)
     */
    @Inject
    public AnalysisJob(AnalyzeUseCase analysis, RunRecorder recorder, ViewerAtlasConfig config) {
        this.analysis = Objects.requireNonNull(analysis, "analysis");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Runs {@code request}, records it and prints its summary.
     *
     * @param request the analysis
     * @param inputs  what the run record names as its inputs
     * @param printer where progress and the summary go
     * @return the report
     * @throws Exception as the use case or the run record throws it (the record notes the failure)
     */
    public AnalysisReport run(AnalysisRequest request, Map<String, Object> inputs, AnalysisPrinter printer)
            throws Exception {
        AnalysisReport[] done = new AnalysisReport[1];
        recorder.record("analyze", config, inputs, run -> {
            long t0 = System.nanoTime();
            AnalysisReport report = analysis.analyze(request, printer);
            printer.done();
            done[0] = report;
            if (report.result().isEmpty()) {
                printer.noWindows();
                return 0;
            }
            AnalysisResult r = report.result().get();
            run.count("snapshots_read", report.load().loaded());
            run.count("files_skipped", report.load().skipped().size());
            run.count("channels", r.nodes().size());
            run.count("edges", r.edges().size());
            run.count("communities", r.communities().size());
            // EMF metrics for CloudWatch (only in the containers: LOG_FORMAT=json or METRICS_FORMAT=emf).
            MetricsEmitter.forCommand("analyze").emit(List.of(
                    Metric.millis("AnalysisDurationMs", (System.nanoTime() - t0) / 1_000_000),
                    Metric.count("SnapshotsRead", report.load().loaded()),
                    Metric.count("SkippedFiles", report.load().skipped().size()),
                    Metric.count("Communities", r.communities().size())));
            printer.summary(report, request.outputs().directory());
            return 0;
        });
        return done[0];
    }
}
