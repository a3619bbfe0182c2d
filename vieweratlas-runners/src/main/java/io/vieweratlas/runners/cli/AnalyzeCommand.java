package io.vieweratlas.runners.cli;

import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Provider;
import io.vieweratlas.core.analysis.AnalysisParameters;
import io.vieweratlas.core.analysis.AnalysisWindow;
import io.vieweratlas.core.analysis.stability.Calibration;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.port.in.AnalysisRequest;
import io.vieweratlas.runners.ExitCodes;
import io.vieweratlas.runners.UsageException;
import io.vieweratlas.runners.analysis.AnalysisJob;
import io.vieweratlas.runners.analysis.AnalysisModule;
import io.vieweratlas.runners.analysis.AnalysisPrinter;
import io.vieweratlas.runners.analysis.AnalysisRequests;
import io.vieweratlas.runners.analysis.LakePresence;
import io.vieweratlas.runners.analysis.LakeSelection;
import io.vieweratlas.runners.config.OverTimeConfig;
import io.vieweratlas.runners.config.ViewerAtlasConfig;
import io.vieweratlas.runners.wiring.BaseModule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Clock;
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
import java.util.OptionalInt;
import java.util.concurrent.Callable;

/**
 * {@code analyze}: lake → aggregate → filter → overlap graph → communities → labels; writes
 * {@code processed/analysis_results.json} into the lake and the exports into {@code --out}, and
 * prints a one-screen summary.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Build the channel graph of shared viewers from the lake, find and label communities, "
                + "write results and exports.")
public final class AnalyzeCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions configOptions;

    @Mixin
    LakeOptions lakeOptions;

    @Spec
    CommandSpec spec;

    /** The lake; resolved on first use (an S3 lake checks access then). */
    @Inject
    Provider<ObjectStore> store;

    /** The analysis as a recorded run. */
    @Inject
    Provider<AnalysisJob> job;

    /** Now, for a configured window ({@code analysis.window_days}). */
    @Inject
    Provider<Clock> clock;

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
                    + "at the newest snapshot; then the community timeline (processed/timeline.json) and, with the "
                    + "HTML export, community_timeline.html: one offline explorer of the whole series.")
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
                    + "e.g. the result of infrastructure/aws/athena/overlap_edges.sql, or an analysis's own "
                    + "graph_edges.csv, with the graph_nodes.csv beside it for the audiences, or its graph.json): skips loading, filters "
                    + "and pair counting. With --data, game and language labels come from the lake's snapshots.")
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
            params = config.analysis().parameters();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Path outDir = out != null ? out : Path.of(config.analysis().outputDir());
        Guice.createInjector(new BaseModule(config), new AnalysisModule()).injectMembers(this);
        if (edges != null) {
            return new EdgeListAnalysis(this).run(config, params, outDir);
        }
        if (viewers != null) {
            throw new UsageException("--viewers needs --edges (an edge list has no viewers to count)");
        }
        LakeSelection sources;
        try {
            sources = LakeSelection.parse(source);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
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
        OverTimeConfig overTime = config.analysis().overTime();
        int stabilityRuns = stability == null || stability == 0 ? overTime.stabilityRuns() : stability;
        ObjectStore store = this.store.get();
        AnalysisPrinter printer = new AnalysisPrinter(spec.commandLine().getOut(), System.console() != null);
        LakePresence lake = new LakePresence(store, sources,
                threads == null ? OptionalInt.empty() : OptionalInt.of(threads), printer::files)
                .checkingMemory(Runtime.getRuntime().maxMemory());
        AnalysisRequest.Builder request = AnalysisRequest.builder(new AnalysisRequest.Presence(lake))
                .parameters(params)
                .outputs(AnalysisRequests.outputs(config, outDir));
        try {
            if (rolling) {
                Optional<Instant> fromTime = Optional.ofNullable(from).map(s -> parseTime("--from", s));
                Optional<Instant> toTime = Optional.ofNullable(to).map(s -> parseTime("--to", s));
                request.window(AnalysisWindow.range(new TimeRange(fromTime, toTime)))
                        .rolling(new AnalysisRequest.Rolling(parseDuration(window), parseDuration("--step", step),
                                fromTime, toTime, overTime.trackingJaccard()));
            } else {
                request.window(window(config));
            }
            if (calibrate) {
                request.calibration(new AnalysisRequest.CalibrationPlan(
                        thresholds != null ? thresholds : Calibration.DEFAULT_THRESHOLDS,
                        resolutions != null ? resolutions : Calibration.DEFAULT_RESOLUTIONS, stabilityRuns));
            }
            // with calibration, stability too: the exports flag the low-confidence channels of the chosen setting
            if (stability != null || calibrate) {
                request.stability(new AnalysisRequest.StabilityPlan(stabilityRuns, overTime.confidenceLevel()));
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("lake", store.describe());
        inputs.put("out", outDir.toString());
        inputs.put("source", sources.toString());
        inputs.put("window", window != null ? window : since != null || until != null ? since + ".." + until
                : rolling ? "all" : AnalysisRequests.describeWindow(config));
        if (rolling) {
            inputs.put("step", step);
        }
        printer.stage("reading lake " + store.describe());
        job.get().run(request.build(), inputs, printer);
        return ExitCodes.OK;
    }

    private static void put(Map<String, Object> flags, String key, Object value) {
        if (value != null) {
            flags.put(key, value);
        }
    }

    private AnalysisWindow window(ViewerAtlasConfig config) {
        if (window != null && (since != null || until != null)) {
            throw new UsageException("--window cannot be combined with --since/--until");
        }
        if (window != null) {
            return AnalysisWindow.last(parseDuration(window));
        }
        if (since == null && until == null) {
            return AnalysisRequests.window(config, clock.get().instant());
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
}
