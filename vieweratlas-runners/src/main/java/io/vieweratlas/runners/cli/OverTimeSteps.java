package io.vieweratlas.runners.cli;

import io.vieweratlas.core.analysis.AnalysisParameters;
import io.vieweratlas.core.analysis.AnalysisRun;
import io.vieweratlas.core.analysis.AnalysisWindow;
import io.vieweratlas.core.analysis.aggregate.PresenceIngest;
import io.vieweratlas.core.analysis.stability.Calibration;
import io.vieweratlas.core.analysis.stability.StabilityAnalysis;
import io.vieweratlas.core.analysis.stability.StabilityReport;
import io.vieweratlas.core.analysis.timeline.CommunityTracker;
import io.vieweratlas.core.analysis.timeline.RollingWindows;
import io.vieweratlas.core.analysis.timeline.Timeline;
import io.vieweratlas.core.analysis.timeline.WindowPartition;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.runners.analysis.AnalysisOutputs;
import io.vieweratlas.runners.analysis.OverTimeOutputs;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The over-time parts of {@code analyze}: threshold calibration ({@code --calibrate}), rolling
 * windows with community tracking ({@code --window D --step S}) and stability over seeds
 * ({@code --stability N}). Each step writes its files into the export directory and the lake.
 */
final class OverTimeSteps {

    private OverTimeSteps() {
    }

    /** Sweeps settings, writes {@code calibration.csv/json}, prints the table; returns the chosen parameters. */
    static AnalysisParameters calibrate(PresenceIngest.Loaded loaded, AnalysisWindow window, AnalysisParameters base,
                                        List<Integer> thresholds, List<Double> resolutions, int runs,
                                        ObjectStore store, Path outDir, PrintWriter out) throws IOException {
        long t0 = System.nanoTime();
        Calibration.Result r = Calibration.sweep(loaded.table(), loaded.report(), window, base, thresholds,
                resolutions, runs);
        double millis = (System.nanoTime() - t0) / 1e6;
        byte[] csv = OverTimeOutputs.calibrationCsv(r);
        OverTimeOutputs.write(outDir, "calibration.csv", csv);
        OverTimeOutputs.write(outDir, "calibration.json", OverTimeOutputs.calibrationJson(r));
        store.put(OverTimeOutputs.CALIBRATION_KEY, csv);
        out.printf(Locale.ROOT, "Calibration (%d settings, %d seeds each, %.0f ms): threshold resolution edges "
                + "communities modularity unassigned ari_mean%n", r.rows().size(), runs, millis);
        for (Calibration.Row row : r.rows()) {
            out.printf(Locale.ROOT, "  %s %4d %5s %8d %5d %.4f %5.1f%% %.3f%n", row.equals(r.recommended()) ? "*" : " ",
                    row.threshold(), Double.toString(row.resolution()), row.edges(), row.communities(),
                    row.modularity(), 100 * row.unassignedShare(), row.meanAdjustedRand());
        }
        out.println("Chosen: threshold " + r.recommended().threshold() + ", resolution " + r.recommended().resolution()
                + (r.ruleMet() ? "" : " (no setting met the rule; least unassigned)") + ". Rule: " + Calibration.RULE);
        return r.apply(base);
    }

    /**
     * Analyses each rolling window from the one loaded table, writes each window's results
     * (lake: {@code processed/windows/<end>/analysis_results.json}, exports:
     * {@code <out>/windows/<end>/}), then the timeline; returns the newest window's run.
     */
    static Optional<AnalysisRun> rolling(PresenceIngest.Loaded loaded, Duration length, Duration step,
                                         Optional<Instant> from, Optional<Instant> to, AnalysisParameters params,
                                         double jaccard, ObjectStore store, Path outDir, PrintWriter out)
            throws IOException {
        List<TimeRange> windows = RollingWindows.plan(loaded.table(), length, step, from, to);
        if (windows.isEmpty()) {
            out.println("No snapshots: no windows to analyse.");
            return Optional.empty();
        }
        List<AnalysisRun> last = new ArrayList<>(1);
        List<WindowPartition> partitions;
        try {
            partitions = RollingWindows.analyse(loaded.table(), loaded.report(), windows, params, w -> {
                AnalysisResult r = w.run().result();
                Instant end = w.range().until().orElseThrow();
                store.put(OverTimeOutputs.windowResultsKey(end), AnalysisOutputs.resultsJson(r));
                try {
                    AnalysisOutputs.writeExports(r, outDir.resolve("windows").resolve(OverTimeOutputs.windowName(end)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                out.printf(Locale.ROOT, "Window %s .. %s: %d channels, %d edges, %d communities%n",
                        w.range().since().orElseThrow(), end, r.nodes().size(), r.edges().size(),
                        r.communities().size());
                last.clear();
                last.add(w.run());
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Timeline timeline = CommunityTracker.track(partitions, jaccard);
        byte[] json = OverTimeOutputs.timelineJson(timeline);
        byte[] csv = OverTimeOutputs.timelineCsv(timeline);
        store.put(OverTimeOutputs.TIMELINE_KEY, json);
        store.put(OverTimeOutputs.TIMELINE_CSV_KEY, csv);
        OverTimeOutputs.write(outDir, "timeline.json", json);
        OverTimeOutputs.write(outDir, "timeline.csv", csv);
        out.printf(Locale.ROOT, "Timeline: %d windows, %d events, %d moved channels (%s, %s)%n", windows.size(),
                timeline.events().size(), timeline.moves().size(), OverTimeOutputs.TIMELINE_KEY, "timeline.csv");
        return Optional.of(last.get(0));
    }

    /** Repeats detection over seeds, writes {@code stability.json} and {@code channel_confidence.csv}. */
    static StabilityReport stability(AnalysisResult result, AnalysisParameters params, int runs, double level,
                                     ObjectStore store, Path outDir, PrintWriter out) throws IOException {
        long t0 = System.nanoTime();
        StabilityReport s = StabilityAnalysis.assess(result, params, runs, level);
        double millis = (System.nanoTime() - t0) / 1e6;
        byte[] json = OverTimeOutputs.stabilityJson(s);
        store.put(OverTimeOutputs.STABILITY_KEY, json);
        OverTimeOutputs.write(outDir, "stability.json", json);
        OverTimeOutputs.write(outDir, "channel_confidence.csv", OverTimeOutputs.confidenceCsv(result, s));
        out.printf(Locale.ROOT, "Stability over %d seeds: ARI mean %.3f min %.3f, NMI mean %.3f min %.3f; "
                        + "%d channels below confidence %s (%.0f ms)%n", s.runs(), s.meanAdjustedRand(),
                s.minAdjustedRand(), s.meanNmi(), s.minNmi(), s.lowConfidence().size(), Double.toString(level), millis);
        return s;
    }
}
