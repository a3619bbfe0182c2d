package io.vieweratlas.runners.cli;

import io.vieweratlas.core.analysis.AnalysisParameters;
import io.vieweratlas.core.analysis.CommunityAlgorithm;
import io.vieweratlas.core.analysis.Weighting;
import io.vieweratlas.core.analysis.PartitionComparison;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.GraphNode;
import io.vieweratlas.core.port.in.AnalysisReport;
import io.vieweratlas.core.port.in.AnalysisRequest;
import io.vieweratlas.core.port.in.AnalyzeUseCase;
import io.vieweratlas.core.port.in.GraphExports;
import io.vieweratlas.core.service.AnalysisService;
import io.vieweratlas.export.AnalysisOutputWriter;
import io.vieweratlas.filesystem.FileSystemObjectStore;
import io.vieweratlas.lake.LakeSnapshotStore;
import io.vieweratlas.runners.ExitCodes;
import io.vieweratlas.runners.UsageException;
import io.vieweratlas.runners.analysis.LakePresence;
import io.vieweratlas.runners.analysis.LakeSelection;
import io.vieweratlas.runners.config.ViewerAtlasConfig;
import io.vieweratlas.runners.quality.ConfigurationSummary;
import io.vieweratlas.runners.quality.QualityBench;
import io.vieweratlas.runners.quality.QualityConfiguration;
import io.vieweratlas.runners.quality.QualityGrid;
import io.vieweratlas.runners.quality.QualityTables;
import io.vieweratlas.synth.SyntheticLake;
import io.vieweratlas.synth.SyntheticLakeSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * {@code bench}: generates synthetic lakes of three sizes with planted communities (cached on
 * disk), analyses each with the configured parameters and prints per size the stage times, peak
 * heap, edges, communities, modularity and NMI against the planted truth. With {@code --quality}
 * it instead runs the quality benchmark: a family of planted lakes analysed under a grid of
 * settings, scored against the truth ({@link QualityBench}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark the analysis on synthetic lakes (small, medium, large) with planted communities.")
public final class BenchCommand implements java.util.concurrent.Callable<Integer> {

    /** The analysis use case writing only into the given directory (no lake). */
    private static final AnalyzeUseCase BENCH_SERVICE = new AnalysisService(
            new AnalysisOutputWriter((document, bytes) -> {
                throw new IllegalStateException("bench writes nothing into a lake");
            }), false);

    @Mixin
    ConfigOptions configOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Where generated lakes are kept between runs (default: .cache/bench).")
    Path cache = Path.of(".cache", "bench");

    @Option(names = "--sizes", split = ",", paramLabel = "SIZE",
            description = "Sizes to run: small, medium, large (default: these three); deep (the medium lake with "
                    + "hourly snapshots: deep-72h and deep-168h, 72,000 and 168,000 files, generated once).")
    List<String> sizes = List.of("small", "medium", "large");

    @Option(names = "--runs", paramLabel = "N", description = "Analyses per size; the fastest is reported (default 1).")
    int runs = 1;

    @Option(names = "--quality", description = "Run the quality benchmark instead: planted lakes of many shapes "
            + "analysed under a grid of settings, scored by NMI and ARI against the truth.")
    boolean quality;

    @Option(names = "--grid", paramLabel = "NAME", description = "Quality grid: tiny, small (default; a few minutes "
            + "on two cores) or full.")
    String grid = "small";

    @Option(names = "--quality-out", paramLabel = "DIR", description = "Where the quality tables are written "
            + "(default: .cache/bench/quality).")
    Path qualityOut = Path.of(".cache", "bench", "quality");

    @Option(names = "--weightings", split = ",", paramLabel = "NAME",
            description = "Quality grid: only these weightings (shared, jaccard, overlap, significance).")
    List<String> weightings;

    @Option(names = "--resolutions", split = ",", paramLabel = "X", description = "Quality grid: only these resolutions.")
    List<Double> resolutions;

    @Option(names = "--thresholds", split = ",", paramLabel = "N", description = "Quality grid: only these thresholds.")
    List<Integer> thresholds;

    @Option(names = "--algorithms", split = ",", paramLabel = "NAME", description = "Quality grid: only these "
            + "algorithms (leiden, louvain).")
    List<String> algorithms;

    @Option(names = "--attach", split = ",", arity = "1", paramLabel = "BOOL", description = "Quality grid: only these values of "
            + "analysis.attach_unassigned (true, false).")
    List<Boolean> attach;

    @Option(names = "--split", split = ",", arity = "1", paramLabel = "BOOL", description = "Quality grid: only these values of "
            + "analysis.split_communities (true, false).")
    List<Boolean> split;

    @Option(names = "--layout-check", split = ";", paramLabel = "SETTING", description = "Settings (as named in the "
            + "table, ';'-separated) whose results are also laid out to measure where the largest channels sit; "
            + "the defaults and the original's method always are.")
    List<String> layoutCheck = List.of();

    /** The benchmark sizes. */
    static SyntheticLakeSpec spec(String size) {
        SyntheticLakeSpec.Builder b = SyntheticLakeSpec.builder().bots(true).snapshotsPerChannel(3).seed(1);
        return switch (size) {
            case "small" -> b.channels(100).communities(6).viewers(10_000).build();
            case "medium" -> b.channels(1_000).communities(20).viewers(200_000).build();
            case "large" -> b.channels(5_000).communities(60).viewers(2_000_000).build();
            // production's shape: one snapshot per channel per hour, for 3 days and for a week
            case "deep-72h" -> b.channels(1_000).communities(20).viewers(200_000).snapshotsPerChannel(72).build();
            case "deep-168h" -> b.channels(1_000).communities(20).viewers(200_000).snapshotsPerChannel(168).build();
            default -> throw new UsageException("unknown size '" + size
                    + "' (allowed: small, medium, large, deep, deep-72h, deep-168h)");
        };
    }

    /** The sizes asked for, {@code deep} standing for both hourly lakes. */
    private List<String> expandedSizes() {
        return sizes.stream().flatMap(s -> s.equals("deep") ? Stream.of("deep-72h", "deep-168h") : Stream.of(s))
                .toList();
    }

    @Override
    public Integer call() throws Exception {
        ViewerAtlasConfig config = configOptions.load(Map.of()).config();
        AnalysisParameters params = config.analysis().parameters();
        PrintWriter out = spec.commandLine().getOut();
        if (quality) {
            return quality(params, out);
        }
        out.printf(Locale.ROOT, "bench: %d cores, max heap %d MB, load average %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, loadAverage());
        out.println("| size | files | MB | load | aggregate | filter | graph | communities | labels+stats | write | "
                + "total ms | peak heap MB | edges | communities | modularity | NMI | load avg |");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        out.flush();
        for (String size : expandedSizes()) {
            SyntheticLakeSpec s = spec(size);
            SyntheticLake synth = SyntheticLake.plan(s);
            // The generator version is part of the key: a changed generator must not reuse old lakes.
            Path dir = cache.resolve(size + "-g" + SyntheticLake.GENERATOR_VERSION + "-" + s.cacheKey());
            ensureLake(synth, dir, out);
            long[] filesAndBytes = filesAndBytes(dir);
            Row best = null;
            for (int i = 0; i < Math.max(1, runs); i++) {
                Row row = measure(dir, params, synth);
                if (best == null || row.total < best.total) {
                    best = row;
                }
            }
            Map<String, Double> st = best.stages;
            out.printf(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %d | %d | %d | %.4f | %.4f | %s |%n",
                    size, filesAndBytes[0], filesAndBytes[1] / 1e6, st.get("load"), st.get("aggregate"),
                    st.get("filter"), st.get("graph"), st.get("communities"), st.get("labels_and_statistics"),
                    st.get("write"), best.total, best.peakHeap >> 20, best.result.edges().size(),
                    best.result.communities().size(), best.result.statistics().detection().modularity(), best.nmi,
                    loadAverage());
            out.flush();
        }
        return ExitCodes.OK;
    }

    private Integer quality(AnalysisParameters params, PrintWriter out) throws IOException {
        QualityGrid g;
        try {
            g = QualityGrid.named(grid, params);
            if (weightings != null || resolutions != null || thresholds != null || algorithms != null
                    || attach != null || split != null) {
                // the named family's lakes under the settings asked for; what is not asked keeps the defaults
                g = g.withSettings(params,
                        weightings == null ? List.of(Weighting.values())
                                : weightings.stream().map(Weighting::fromWireName).toList(),
                        resolutions == null ? List.of(params.resolution()) : resolutions,
                        thresholds == null ? List.of(params.overlapThreshold()) : thresholds,
                        algorithms == null ? List.of(params.algorithm())
                                : algorithms.stream().map(CommunityAlgorithm::fromWireName).toList(),
                        attach == null ? List.of(params.attachUnassigned()) : attach,
                        split == null ? List.of(params.splitCommunities()) : split);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        out.printf(Locale.ROOT, "bench --quality: grid %s, %d lakes x %d settings, %d cores%n", grid, g.lakes().size(),
                g.configurations().size(), Runtime.getRuntime().availableProcessors());
        out.flush();
        QualityBench.Report report = QualityBench.inMemory().run(g, Set.copyOf(layoutCheck), line -> {
            out.println(line);
            out.flush();
        });
        out.println();
        out.print(QualityTables.summaryMarkdown(report));
        ConfigurationSummary best = report.summaries().stream()
                .filter(s -> s.configuration().role() != QualityConfiguration.Role.REFERENCE).findFirst().orElseThrow();
        ConfigurationSummary reference = report.summary(QualityConfiguration.Role.REFERENCE);
        ConfigurationSummary baseline = report.summary(QualityConfiguration.Role.BASELINE);
        ConfigurationSummary defaults = report.summary(QualityConfiguration.Role.DEFAULT);
        out.printf(Locale.ROOT, "%nbest worst-case NMI: %s (worst %.4f, median %.4f); defaults: worst %.4f, median %.4f,"
                        + " below the original on %d of %d lakes; original: worst %.4f, median %.4f%n",
                best.configuration().name(), best.worstNmi(), best.medianNmi(), defaults.worstNmi(),
                defaults.medianNmi(), defaults.belowBaseline(), defaults.lakes(), baseline.worstNmi(),
                baseline.medianNmi());
        out.printf(Locale.ROOT, "reference (each channel placed by the planted communities its viewers watch): worst "
                + "%.4f, median %.4f%n", reference.worstNmi(), reference.medianNmi());
        for (Path p : QualityTables.write(report, qualityOut)) {
            out.println("wrote " + p);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private record Row(AnalysisResult result, Map<String, Double> stages, double total, long peakHeap, double nmi) {
    }

    private static Row measure(Path dir, AnalysisParameters params, SyntheticLake synth) throws IOException {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long t0 = System.nanoTime();
        Path outDir = Files.createTempDirectory("vieweratlas-bench");
        // the analysis as `analyze` runs it, writing the CSV files and the results document (no graph exports)
        AnalysisRequest request = AnalysisRequest.builder(new AnalysisRequest.Presence(new LakePresence(
                        new FileSystemObjectStore(dir), LakeSelection.LIVE, OptionalInt.empty(), n -> { })))
                .parameters(params)
                .outputs(new AnalysisRequest.Outputs(Optional.of(outDir), false, GraphExports.NONE))
                .build();
        AnalysisReport report = BENCH_SERVICE.analyze(request);
        double total = (System.nanoTime() - t0) / 1e6;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        try (Stream<Path> files = Files.list(outDir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(outDir);
        AnalysisResult result = report.result().orElseThrow();
        return new Row(result, report.stageMillis(), total, peak, nmi(result, synth));
    }

    /** NMI of the found partition against the planted one; unassigned channels count as singletons. */
    static double nmi(AnalysisResult r, SyntheticLake synth) {
        Map<String, Integer> truth = synth.truth();
        Map<String, String> found = new TreeMap<>();
        Map<String, Integer> planted = new TreeMap<>();
        for (GraphNode n : r.nodes()) {
            planted.put(n.id(), truth.get(n.id()));
            found.put(n.id(), n.assigned() ? "c" + n.community() : "u:" + n.id());
        }
        // channels the filters removed are missing from the result: count them as singletons too
        truth.forEach((ch, c) -> {
            if (!found.containsKey(ch)) {
                planted.put(ch, c);
                found.put(ch, "u:" + ch);
            }
        });
        return PartitionComparison.nmi(planted, found);
    }

    private static void ensureLake(SyntheticLake synth, Path dir, PrintWriter out) throws IOException {
        Path done = dir.resolve(".complete");
        if (Files.exists(done)) {
            return;
        }
        out.println("generating " + synth.snapshotCount() + " snapshots into " + dir + " (once; cached) ...");
        out.flush();
        Files.createDirectories(dir);
        LakeSnapshotStore lake = LakeSnapshotStore.on(new FileSystemObjectStore(dir));
        AtomicInteger next = new AtomicInteger();
        int channels = synth.channels().size();
        io.vieweratlas.core.analysis.Parallel.run(Runtime.getRuntime().availableProcessors(), () -> {
            for (int i = next.getAndIncrement(); i < channels; i = next.getAndIncrement()) {
                synth.snapshotsOf(i).forEach(lake::put);
            }
        });
        Files.writeString(done, synth.spec().toString(), StandardCharsets.UTF_8);
    }

    private static long[] filesAndBytes(Path dir) throws IOException {
        long[] r = new long[2];
        try (Stream<Path> walk = Files.walk(dir.resolve("raw"))) {
            walk.filter(Files::isRegularFile).forEach(p -> {
                r[0]++;
                try {
                    r[1] += Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return r;
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
