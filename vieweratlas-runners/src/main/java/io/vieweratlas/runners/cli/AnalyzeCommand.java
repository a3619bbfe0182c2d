package io.vieweratlas.runners.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.vieweratlas.core.analysis.AnalysisParameters;
import io.vieweratlas.core.analysis.AnalysisRun;
import io.vieweratlas.core.analysis.AnalysisWindow;
import io.vieweratlas.core.analysis.AudienceAnalysis;
import io.vieweratlas.core.analysis.CommunityAlgorithm;
import io.vieweratlas.core.analysis.aggregate.PresenceIngest;
import io.vieweratlas.core.analysis.stability.Calibration;
import io.vieweratlas.core.analysis.stability.StabilityReport;
import io.vieweratlas.core.config.ExportConfig;
import io.vieweratlas.core.config.ViewerAtlasConfig;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.Community;
import io.vieweratlas.core.model.FilterStep;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.GraphExporter;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.export.ExportOptions;
import io.vieweratlas.export.Exporters;
import io.vieweratlas.export.NodeAnnotations;
import io.vieweratlas.lake.LakeAudienceLoader;
import io.vieweratlas.parquet.VodPresenceStore;
import io.vieweratlas.runners.analysis.AnalysisOutputs;
import io.vieweratlas.runners.analysis.EarlyEdgeFile;
import io.vieweratlas.runners.metrics.Metric;
import io.vieweratlas.runners.metrics.MetricsEmitter;
import io.vieweratlas.runners.run.RunRecorder;
import io.vieweratlas.runners.wiring.BaseModule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code analyze}: lake → aggregate → filter → overlap graph → communities → labels; writes
 * {@code processed/analysis_results.json} into the lake and the exports into {@code --out}, and
 * prints a one-screen summary.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Build the channel graph of shared viewers from the lake, find and label communities, "
                + "write results and exports.")
public final class AnalyzeCommand implements Callable<Integer> {

    /** Whether this process has started the community-detection warm-up. */
    private static final AtomicBoolean WARMED_UP = new AtomicBoolean();

    @Mixin
    ConfigOptions configOptions;

    @Mixin
    LakeOptions lakeOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Export directory (default: analysis.output_dir).")
    Path out;

    @Option(names = "--threshold", paramLabel = "N", description = "Minimum shared viewers for an edge.")
    Integer threshold;

    @Option(names = "--resolution", paramLabel = "X", description = "Modularity resolution.")
    Double resolution;

    @Option(names = "--algorithm", paramLabel = "NAME", description = "leiden or louvain.")
    String algorithm;

    @Option(names = "--weighting", paramLabel = "NAME", description = "shared, jaccard, overlap or significance.")
    String weighting;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed of community detection.")
    Long seed;

    @Option(names = "--window", paramLabel = "DURATION",
            description = "Only the last DURATION of data, ending at the newest snapshot (e.g. 14d, 12h, 90m, PT6H).")
    String window;

    @Option(names = "--since", paramLabel = "TIME", description = "Only snapshots at or after TIME (ISO date or instant, UTC).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Only snapshots before TIME (ISO date or instant, UTC).")
    String until;

    @Option(names = "--threads", paramLabel = "N", description = "Loader threads (default: available processors).")
    Integer threads;

    @Option(names = "--source", paramLabel = "SOURCE", defaultValue = "all",
            description = "Which presence data to analyse: live (raw snapshots), vod (curated VOD and imported "
                    + "chat buckets) or all (default).")
    String source;

    @Option(names = "--step", paramLabel = "DURATION",
            description = "Rolling windows: one analysis per --window of data, windows ending STEP apart, the last "
                    + "at the newest snapshot; then the community timeline (processed/timeline.json).")
    String step;

    @Option(names = "--from", paramLabel = "TIME", description = "Rolling windows: start no window before TIME.")
    String from;

    @Option(names = "--to", paramLabel = "TIME",
            description = "Rolling windows: the last window ends at TIME (default: just after the newest snapshot).")
    String to;

    @Option(names = "--stability", paramLabel = "N", arity = "0..1", fallbackValue = "0",
            description = "Repeat community detection with N seeds (default: analysis.stability_runs) and report "
                    + "agreement and per-channel confidence (stability.json, channel_confidence.csv).")
    Integer stability;

    @Option(names = "--calibrate",
            description = "Sweep thresholds and resolutions, write calibration.csv and analyse with the recommended one.")
    boolean calibrate;

    @Option(names = "--thresholds", paramLabel = "N,N", split = ",",
            description = "Calibration thresholds (default: 1,2,3,5,10,20).")
    List<Integer> thresholds;

    @Option(names = "--resolutions", paramLabel = "X,X", split = ",",
            description = "Calibration resolutions (default: 0.5,1,2).")
    List<Double> resolutions;

    @Option(names = "--edges", paramLabel = "FILE",
            description = "Continue from an edge list (CSV, or Parquet if FILE ends in .parquet, with columns source,target,"
                    + "shared,source_audience,target_audience, "
                    + "e.g. the result of infrastructure/aws/athena/overlap_edges.sql): skips loading, filters and "
                    + "pair counting. With --data, game and language labels come from the lake's snapshots.")
    Path edges;

    @Option(names = "--viewers", paramLabel = "N",
            description = "With --edges: distinct viewers the edge list was counted over (needed for weighting "
                    + "significance).")
    Integer viewers;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> flags = new LinkedHashMap<>(lakeOptions.flags());
        put(flags, "analysis.overlap_threshold", threshold);
        put(flags, "analysis.resolution", resolution);
        put(flags, "analysis.algorithm", algorithm);
        put(flags, "analysis.weighting", weighting);
        put(flags, "analysis.seed", seed);
        ViewerAtlasConfig config = configOptions.load(flags).config();
        AnalysisParameters params;
        try {
            params = AnalysisParameters.from(config.analysis());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        // Community detection runs once per process, so its code would run cold; warming it on a
        // synthetic graph uses the second core while the process starts and reads the lake. Once
        // per process: `continuous` runs this command in-process every cycle, warm by then.
        if (WARMED_UP.compareAndSet(false, true)) {
            CommunityAlgorithm warmAlgorithm = params.algorithm();
            Thread.ofPlatform().daemon().name("vieweratlas-warm-up")
                    .start(() -> AudienceAnalysis.warmUp(warmAlgorithm));
        }
        if (edges != null) {
            return new EdgeListAnalysis(this).run(config, params);
        }
        if (viewers != null) {
            throw new UsageException("--viewers needs --edges (an edge list has no viewers to count)");
        }
        String sources = source.toLowerCase(Locale.ROOT);
        if (!List.of("live", "vod", "all").contains(sources)) {
            throw new UsageException("--source must be live, vod or all, was '" + source + "'");
        }
        boolean rolling = step != null;
        if (!rolling && (from != null || to != null)) {
            throw new UsageException("--from/--to need --window and --step (rolling windows)");
        }
        if (rolling && (window == null || since != null || until != null)) {
            throw new UsageException("--step needs --window (the window length) and excludes --since/--until");
        }
        if (stability != null && stability < 0) {
            throw new UsageException("--stability must be >= 1, was " + stability);
        }
        int stabilityRuns = stability == null || stability == 0 ? config.analysis().overTime().stabilityRuns()
                : stability;
        Duration windowLength = rolling ? parseDuration(window) : null;
        Duration stepLength = rolling ? parseDuration("--step", step) : null;
        Optional<Instant> fromTime = Optional.ofNullable(from).map(s -> parseTime("--from", s));
        Optional<Instant> toTime = Optional.ofNullable(to).map(s -> parseTime("--to", s));
        AnalysisWindow analysisWindow;
        try {
            analysisWindow = rolling ? AnalysisWindow.range(new TimeRange(fromTime, toTime)) : window();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Path outDir = out != null ? out : Path.of(config.analysis().outputDir());
        Injector injector = Guice.createInjector(new BaseModule(config));
        ObjectStore store = injector.getInstance(ObjectStore.class);
        RunRecorder recorder = injector.getInstance(RunRecorder.class);
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("lake", store.describe());
        inputs.put("out", outDir.toString());
        inputs.put("source", sources);
        inputs.put("window", window != null ? window : since != null || until != null ? since + ".." + until : "all");
        if (rolling) {
            inputs.put("step", step);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        Progress progress = new Progress(System.console() != null);
        return recorder.record("analyze", config, inputs, run -> {
            progress.stage("reading lake " + store.describe());
            LakeAudienceLoader.Builder loader = LakeAudienceLoader.builder(store).policy(params.presence())
                    .progress(n -> progress.files(n));
            if (threads != null) {
                loader.threads(threads);
            }
            loader.liveSnapshots(!sources.equals("vod"));
            if (!sources.equals("live")) {
                loader.alsoFrom(new VodPresenceStore(store));
            }
            long t0 = System.nanoTime();
            TimeRange readRange = analysisWindow instanceof AnalysisWindow.Range r ? r.range() : TimeRange.ALL;
            PresenceIngest.Loaded loaded = loader.build().load(readRange);
            double loadMillis = (System.nanoTime() - t0) / 1e6;
            progress.stage("analysing " + loaded.table().rows() + " snapshots");
            AnalysisParameters used = params;
            if (calibrate) {
                progress.stage("calibrating");
                used = OverTimeSteps.calibrate(loaded, analysisWindow, params,
                        thresholds != null ? thresholds : Calibration.DEFAULT_THRESHOLDS,
                        resolutions != null ? resolutions : Calibration.DEFAULT_RESOLUTIONS, stabilityRuns, store,
                        outDir, stdout);
            }
            // graph_edges.csv is written while communities are detected (plain runs only)
            EarlyEdgeFile earlyEdges = new EarlyEdgeFile(outDir);
            AnalysisRun result;
            List<Path> files;
            long t1;
            try {
                if (rolling) {
                    Optional<AnalysisRun> newest = OverTimeSteps.rolling(loaded, windowLength, stepLength, fromTime,
                            toTime, used, config.analysis().overTime().trackingJaccard(), store, outDir, stdout);
                    if (newest.isEmpty()) {
                        return ExitCodes.OK;
                    }
                    result = newest.get();
                } else {
                    result = AudienceAnalysis.run(loaded.table(), loaded.report(), analysisWindow, used, earlyEdges);
                }
                // Stability runs before the exports so that they can flag low-confidence channels.
                NodeAnnotations annotations = NodeAnnotations.none();
                if (stability != null || calibrate) {
                    StabilityReport s = OverTimeSteps.stability(result.result(), used, stabilityRuns,
                            config.analysis().overTime().confidenceLevel(), store, outDir, stdout);
                    annotations = NodeAnnotations.confidence(s.confidence(), s.confidenceLevel());
                }
                progress.stage("writing results");
                t1 = System.nanoTime();
                files = AnalysisOutputs.writeAll(result.result(), store, outDir,
                        graphExporters(config.analysis().exports(), params.seed(), annotations), earlyEdges);
            } finally {
                earlyEdges.discard(); // only when it was not used
            }
            double writeMillis = (System.nanoTime() - t1) / 1e6;
            progress.done();
            AnalysisResult r = result.result();
            run.count("snapshots_read", loaded.report().loaded());
            run.count("files_skipped", loaded.report().skipped().size());
            run.count("channels", r.nodes().size());
            run.count("edges", r.edges().size());
            run.count("communities", r.communities().size());
            Map<String, Double> stages = new LinkedHashMap<>();
            stages.put("load", loadMillis);
            stages.putAll(result.stageMillis());
            stages.put("write", writeMillis);
            // EMF metrics for CloudWatch (only in the containers: LOG_FORMAT=json or METRICS_FORMAT=emf).
            MetricsEmitter.forCommand("analyze").emit(List.of(
                    Metric.millis("AnalysisDurationMs", (System.nanoTime() - t0) / 1_000_000),
                    Metric.count("SnapshotsRead", loaded.report().loaded()),
                    Metric.count("SkippedFiles", loaded.report().skipped().size()),
                    Metric.count("Communities", r.communities().size())));
            summary(stdout, r, stages, files);
            return ExitCodes.OK;
        });
    }

    /** The graph exports switched on in the configuration; the layout seed follows the analysis seed. */
    static List<GraphExporter> graphExporters(ExportConfig e, long seed) {
        return graphExporters(e, seed, NodeAnnotations.none());
    }

    /** As {@link #graphExporters(ExportConfig, long)}, the exports also carrying {@code annotations}. */
    static List<GraphExporter> graphExporters(ExportConfig e, long seed, NodeAnnotations annotations) {
        ExportOptions defaults = ExportOptions.defaults(seed);
        return Exporters.of(new ExportOptions(e.gexf(), e.graphml(), e.json(), e.png(), e.html(), e.pngSize(),
                e.labelTopN(), defaults.pngMaxEdges(), defaults.layout()), annotations);
    }

    private static void put(Map<String, Object> flags, String key, Object value) {
        if (value != null) {
            flags.put(key, value);
        }
    }

    private AnalysisWindow window() {
        if (window != null && (since != null || until != null)) {
            throw new UsageException("--window cannot be combined with --since/--until");
        }
        if (window != null) {
            return AnalysisWindow.last(parseDuration(window));
        }
        if (since == null && until == null) {
            return AnalysisWindow.ALL;
        }
        try {
            return AnalysisWindow.range(new TimeRange(Optional.ofNullable(since).map(s -> parseTime("--since", s)),
                    Optional.ofNullable(until).map(s -> parseTime("--until", s))));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** {@code 14d}, {@code 12h}, {@code 90m}, {@code 30s}, or ISO-8601 ({@code PT6H}, {@code P14D}). */
    static Duration parseDuration(String text) {
        return parseDuration("--window", text);
    }

    /** As {@link #parseDuration(String)}, naming {@code option} in errors. */
    static Duration parseDuration(String option, String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (s.startsWith("p")) {
                d = Duration.parse(s.toUpperCase(Locale.ROOT));
            } else {
                long n = Long.parseLong(s.substring(0, s.length() - 1));
                d = switch (s.charAt(s.length() - 1)) {
                    case 'd' -> Duration.ofDays(n);
                    case 'h' -> Duration.ofHours(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 's' -> Duration.ofSeconds(n);
                    case 'w' -> Duration.ofDays(7 * n);
                    default -> throw new NumberFormatException();
                };
            }
            if (d.isNegative() || d.isZero()) {
                throw new UsageException(option + " must be positive, was '" + text + "'");
            }
            return d;
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new UsageException(option + " '" + text + "' is not a duration (examples: 14d, 12h, 90m, 2w, PT6H)");
        }
    }

    static Instant parseTime(String option, String text) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(text.endsWith("Z") || text.contains("+") ? text : text + "Z");
        } catch (DateTimeParseException e) {
            throw new UsageException(option + " '" + text + "' is not a date (2026-01-31) or UTC time (2026-01-31T12:00:00Z)");
        }
    }

    static void summary(PrintWriter out, AnalysisResult r, Map<String, Double> stages, List<Path> files) {
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
                        + "%d disconnected%n", d.communities(), d.algorithm(), d.resolution(), d.seed(), d.modularity(),
                d.unassignedChannels(), d.disconnectedCommunities());
        List<Community> top = r.communities().subList(0, Math.min(10, r.communities().size()));
        for (Community c : top) {
            out.printf(Locale.ROOT, "  #%-3d %-40s %5d channels  e.g. %s%n", c.id(), c.label(), c.size(),
                    String.join(", ", c.topChannels().subList(0, Math.min(3, c.topChannels().size()))));
        }
        if (r.communities().size() > top.size()) {
            out.printf(Locale.ROOT, "  ... and %d more%n", r.communities().size() - top.size());
        }
        StringBuilder times = new StringBuilder();
        stages.forEach((k, v) -> times.append(String.format(Locale.ROOT, " %s %.0f ms;", k, v)));
        out.println("Stages:" + times);
        out.println("Results: " + AnalysisOutputs.RESULTS_KEY + " in the lake; exports: "
                + (files.isEmpty() ? "none" : files.get(0).getParent()));
        out.flush();
    }

    /** Stage and file-count progress on a terminal (stderr); silent otherwise. */
    private static final class Progress {
        private final boolean enabled;
        private volatile String stage = "";

        Progress(boolean enabled) {
            this.enabled = enabled;
        }

        void stage(String name) {
            stage = name;
            if (enabled) {
                System.err.print("\r\u001b[K" + name + " ...");
                System.err.flush();
            }
        }

        synchronized void files(long n) {
            if (enabled) {
                System.err.print("\r\u001b[K" + stage + " ... " + n + " files");
                System.err.flush();
            }
        }

        void done() {
            if (enabled) {
                System.err.print("\r\u001b[K");
                System.err.flush();
            }
        }
    }
}
