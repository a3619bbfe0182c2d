package io.vieweratlas.runners.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.vieweratlas.core.analysis.AnalysisParameters;
import io.vieweratlas.core.analysis.AnalysisRun;
import io.vieweratlas.core.analysis.AnalysisWindow;
import io.vieweratlas.core.analysis.Weighting;
import io.vieweratlas.core.analysis.aggregate.Aggregator;
import io.vieweratlas.core.analysis.aggregate.PresenceIngest;
import io.vieweratlas.core.analysis.edges.EdgeAnalysis;
import io.vieweratlas.core.analysis.edges.EdgeList;
import io.vieweratlas.lake.edges.EdgeListCsv;
import io.vieweratlas.core.config.ViewerAtlasConfig;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.ChannelMeta;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.lake.LakeAudienceLoader;
import io.vieweratlas.parquet.EdgeListParquet;
import io.vieweratlas.runners.analysis.AnalysisOutputs;
import io.vieweratlas.runners.run.RunRecorder;
import io.vieweratlas.runners.wiring.BaseModule;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * {@code analyze --edges FILE}: the analysis from an edge list counted elsewhere (Athena or
 * DuckDB running {@code overlap_edges.sql}; CSV, or Parquet when the name ends in {@code .parquet}),
 * then the results and exports of a normal run.
 * Channel metadata (for labels) comes from the lake only when {@code --data} names one.
 */
final class EdgeListAnalysis {

    private final AnalyzeCommand command;

    EdgeListAnalysis(AnalyzeCommand command) {
        this.command = command;
    }

    int run(ViewerAtlasConfig config, AnalysisParameters params) throws Exception {
        Path file = command.edges;
        List<String> conflicting = new java.util.ArrayList<>();
        addIf(conflicting, command.window != null, "--window");
        addIf(conflicting, command.since != null || command.until != null, "--since/--until");
        addIf(conflicting, command.step != null || command.from != null || command.to != null, "--step/--from/--to");
        addIf(conflicting, command.calibrate, "--calibrate");
        addIf(conflicting, command.stability != null, "--stability");
        addIf(conflicting, command.threads != null, "--threads");
        addIf(conflicting, !command.source.equalsIgnoreCase("all"), "--source");
        if (!conflicting.isEmpty()) {
            throw new UsageException("--edges cannot be combined with " + String.join(", ", conflicting)
                    + ": the window and the sources were chosen when the edge list was made");
        }
        if (command.viewers != null && command.viewers < 1) {
            throw new UsageException("--viewers must be >= 1, was " + command.viewers);
        }
        OptionalInt viewers = command.viewers == null ? OptionalInt.empty() : OptionalInt.of(command.viewers);
        if (params.weighting() == Weighting.SIGNIFICANCE && viewers.isEmpty()) {
            throw new UsageException("weighting 'significance' is unavailable with --edges unless --viewers N gives "
                    + "the number of distinct viewers the edge list was counted over (an edge list does not contain "
                    + "it); pass --viewers or choose --weighting shared, jaccard or overlap");
        }
        EdgeList list;
        try {
            // by name: Athena writes CSV by default, UNLOAD and DuckDB COPY write .parquet
            list = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet")
                    ? EdgeListParquet.read(file) : EdgeListCsv.read(file);
        } catch (NoSuchFileException e) {
            throw new UsageException("--edges " + file + ": no such file");
        }
        Path outDir = command.out != null ? command.out : Path.of(config.analysis().outputDir());
        Injector injector = Guice.createInjector(new BaseModule(config));
        ObjectStore store = injector.getInstance(ObjectStore.class);
        RunRecorder recorder = injector.getInstance(RunRecorder.class);
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("edges", file.toString());
        inputs.put("lake", store.describe());
        inputs.put("out", outDir.toString());
        PrintWriter stdout = command.spec.commandLine().getOut();
        return recorder.record("analyze", config, inputs, run -> {
            long t0 = System.nanoTime();
            Map<String, ChannelMeta> meta = metadata(store, params, stdout);
            double metaMillis = (System.nanoTime() - t0) / 1e6;
            AnalysisRun result;
            try {
                result = EdgeAnalysis.run(list, meta, viewers, params);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--edges " + file + ": " + e.getMessage());
            }
            long t1 = System.nanoTime();
            List<Path> files = AnalysisOutputs.writeAll(result.result(), store, outDir,
                    AnalyzeCommand.graphExporters(config.analysis().exports(), params.seed()));
            double writeMillis = (System.nanoTime() - t1) / 1e6;
            AnalysisResult r = result.result();
            run.count("channels", r.nodes().size());
            run.count("edges", r.edges().size());
            run.count("communities", r.communities().size());
            Map<String, Double> stages = new LinkedHashMap<>();
            stages.put("metadata", metaMillis);
            stages.putAll(result.stageMillis());
            stages.put("write", writeMillis);
            stdout.printf(Locale.ROOT, "Edge list %s: %d channels, %d edges; labels from %s%n", file,
                    list.channels().size(), list.edgeCount(), meta.isEmpty() ? "no metadata (fallback labels)"
                            : "the lake's snapshots (" + meta.size() + " channels)");
            AnalyzeCommand.summary(stdout, r, stages, files);
            return ExitCodes.OK;
        });
    }

    /** Channel metadata from the lake named by {@code --data}; none without {@code --data} or when it is absent. */
    private Map<String, ChannelMeta> metadata(ObjectStore store, AnalysisParameters params, PrintWriter out)
            throws IOException {
        Path data = command.lakeOptions.data;
        if (data == null) {
            return Map.of();
        }
        if (!Files.isDirectory(data)) {
            out.println("No lake at " + data + ": labels without game or language metadata");
            return Map.of();
        }
        PresenceIngest.Loaded loaded = LakeAudienceLoader.builder(store).policy(params.presence()).build()
                .load(TimeRange.ALL);
        Aggregator.Aggregation agg = Aggregator.aggregate(loaded.table(),
                Aggregator.resolve(AnalysisWindow.ALL, loaded.table()));
        TreeMap<String, ChannelMeta> meta = new TreeMap<>();
        for (ChannelMeta m : agg.audiences().meta()) {
            meta.put(m.channel(), m);
        }
        return meta;
    }

    private static void addIf(List<String> list, boolean condition, String option) {
        if (condition) {
            list.add(option);
        }
    }
}
