package io.vieweratlas.runners.analysis;

import io.vieweratlas.core.analysis.stability.Calibration;
import io.vieweratlas.core.analysis.stability.StabilityReport;
import io.vieweratlas.core.analysis.timeline.Timeline;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.Community;
import io.vieweratlas.core.model.FilterStep;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.in.AnalysisListener;
import io.vieweratlas.core.port.in.AnalysisReport;
import io.vieweratlas.lake.LakeLayout;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What {@code analyze} shows: a line per rolling window, calibration and stability as they finish,
 * the one-screen summary at the end (on standard output), and stage progress on a terminal
 * (standard error, only when there is a console).
 */
public final class AnalysisPrinter implements AnalysisListener {

    private final PrintWriter out;
    private final boolean terminal;
    private volatile String stage = "";
    private Function<AnalysisReport, String> heading = report -> "";

    /**
     * @param out      standard output
     * @param terminal whether to show progress on standard error
     */
    public AnalysisPrinter(PrintWriter out, boolean terminal) {
        this.out = Objects.requireNonNull(out, "out");
        this.terminal = terminal;
    }

    /**
     * Prints a line made from the report before the summary (e.g. what an edge list held).
     *
     * @param heading makes the line; an empty line is not printed
     * @return this printer
     */
    public AnalysisPrinter headedBy(Function<AnalysisReport, String> heading) {
        this.heading = Objects.requireNonNull(heading, "heading");
        return this;
    }

    @Override
    public void stage(String description) {
        stage = description;
        if (terminal) {
            System.err.print("\r\u001b[K" + description + " ...");
            System.err.flush();
        }
    }

    /**
     * Shows how many files were read so far in the current stage.
     *
     * @param n files read
     */
    public synchronized void files(long n) {
        if (terminal) {
            System.err.print("\r\u001b[K" + stage + " ... " + n + " files");
            System.err.flush();
        }
    }

    /** Clears the progress line. */
    public void done() {
        if (terminal) {
            System.err.print("\r\u001b[K");
            System.err.flush();
        }
    }

    @Override
    public void calibrated(Calibration.Result r, int runs, double millis) {
        out.printf(Locale.ROOT, "Calibration (%d settings, %d seeds each, %.0f ms): threshold resolution edges "
                + "communities modularity unassigned ari_mean%n", r.rows().size(), runs, millis);
        for (Calibration.Row row : r.rows()) {
            out.printf(Locale.ROOT, "  %s %4d %5s %8d %5d %.4f %5.1f%% %.3f%n", row.equals(r.recommended()) ? "*" : " ",
                    row.threshold(), Double.toString(row.resolution()), row.edges(), row.communities(),
                    row.modularity(), 100 * row.unassignedShare(), row.meanAdjustedRand());
        }
        out.println("Chosen: threshold " + r.recommended().threshold() + ", resolution " + r.recommended().resolution()
                + (r.ruleMet() ? "" : " (no setting met the rule; least unassigned)") + ". Rule: " + Calibration.RULE);
    }

    @Override
    public void windowAnalysed(TimeRange window, AnalysisResult r) {
        out.printf(Locale.ROOT, "Window %s .. %s: %d channels, %d edges, %d communities%n",
                window.since().orElseThrow(), window.until().orElseThrow(), r.nodes().size(), r.edges().size(),
                r.communities().size());
    }

    @Override
    public void timelineTracked(Timeline timeline, int windows) {
        out.printf(Locale.ROOT, "Timeline: %d windows, %d events, %d moved channels (%s, %s)%n", windows,
                timeline.events().size(), timeline.moves().size(), LakeLayout.TIMELINE, "timeline.csv");
    }

    @Override
    public void stabilityAssessed(StabilityReport s, double millis) {
        out.printf(Locale.ROOT, "Stability over %d seeds: ARI mean %.3f min %.3f, NMI mean %.3f min %.3f; "
                        + "%d channels below confidence %s (%.0f ms)%n", s.runs(), s.meanAdjustedRand(),
                s.minAdjustedRand(), s.meanNmi(), s.minNmi(), s.lowConfidence().size(),
                Double.toString(s.confidenceLevel()), millis);
    }

    /** Says that rolling windows found no data to lay a window in. */
    public void noWindows() {
        out.println("No snapshots: no windows to analyse.");
        out.flush();
    }

    /**
     * The one-screen summary of a finished analysis.
     *
     * @param report    the analysis report
     * @param exportDir the export directory, when exports were written
     */
    public void summary(AnalysisReport report, Optional<Path> exportDir) {
        AnalysisResult r = report.result().orElseThrow();
        String head = heading.apply(report);
        if (!head.isEmpty()) {
            out.println(head);
        }
        var agg = r.statistics().aggregator();
        var g = r.statistics().graph();
        var d = r.statistics().detection();
        out.printf(Locale.ROOT, "Analysed %d snapshots of %d channels, %d viewers (%d files skipped)%n",
                agg.snapshots(), agg.channels(), agg.viewers(), r.dataQuality().skipped().size());
        StringBuilder filters = new StringBuilder();
        for (FilterStep f : r.statistics().filters()) {
            if (f.removedMemberships() > 0 || f.removedChannels() > 0) {
                filters.append(String.format(Locale.ROOT, " %s: -%d accounts -%d channels;", f.filter(),
                        f.removedAccounts(), f.removedChannels()));
            }
        }
        out.println("Filters:" + (filters.isEmpty() ? " nothing removed" : filters.toString()));
        out.printf(Locale.ROOT, "Graph: %d channels, %d edges (density %.4f, %d isolated)%n", g.nodes(), g.edges(),
                g.density(), g.isolated());
        out.printf(Locale.ROOT, "Communities: %d (%s, resolution %s, seed %d), modularity %.4f, %d unassigned, "
                        + "%d attached, %d reassigned, %d split, %d disconnected%n", d.communities(), d.algorithm(),
                d.resolution(), d.seed(), d.modularity(), d.unassignedChannels(), d.attachedChannels(),
                d.reassignedChannels(), d.splitCommunities(), d.disconnectedCommunities());
        List<Community> top = r.communities().subList(0, Math.min(10, r.communities().size()));
        for (Community c : top) {
            out.printf(Locale.ROOT, "  #%-3d %-40s %5d channels  e.g. %s%n", c.id(), c.label(), c.size(),
                    String.join(", ", c.topChannels().subList(0, Math.min(3, c.topChannels().size()))));
        }
        if (r.communities().size() > top.size()) {
            out.printf(Locale.ROOT, "  ... and %d more%n", r.communities().size() - top.size());
        }
        StringBuilder times = new StringBuilder();
        for (Map.Entry<String, Double> e : report.stageMillis().entrySet()) {
            times.append(String.format(Locale.ROOT, " %s %.0f ms;", e.getKey(), e.getValue()));
        }
        out.println("Stages:" + times);
        out.println("Results: " + LakeLayout.ANALYSIS_RESULTS + " in the lake; exports: "
                + (report.written().isEmpty() ? "none" : exportDir.map(Path::toString).orElse("none")));
        out.flush();
    }
}
