package io.vieweratlas.runners.cli;

import io.vieweratlas.core.analysis.AnalysisParameters;
import io.vieweratlas.core.analysis.Weighting;
import io.vieweratlas.core.analysis.edges.EdgeList;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.port.PresenceSource;
import io.vieweratlas.core.port.in.AnalysisRequest;
import io.vieweratlas.lake.LakeSnapshotStore;
import io.vieweratlas.lake.edges.EdgeListCsv;
import io.vieweratlas.lake.edges.EdgeListJson;
import io.vieweratlas.parquet.EdgeListParquet;
import io.vieweratlas.runners.ExitCodes;
import io.vieweratlas.runners.UsageException;
import io.vieweratlas.runners.analysis.AnalysisPrinter;
import io.vieweratlas.runners.analysis.AnalysisRequests;
import io.vieweratlas.runners.config.ViewerAtlasConfig;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code analyze --edges FILE}: checks the options that fit an edge list, reads it (CSV: Athena's
 * or an analysis's own {@code graph_edges.csv}; Parquet when the name ends in {@code .parquet}; an
 * analysis's own node-link {@code graph.json} when it ends in {@code .json}) and hands it to the analysis use case; channel metadata
 * (for labels) comes from the lake only when {@code --data} names one.
 */
final class EdgeListAnalysis {

    private final AnalyzeCommand command;

    EdgeListAnalysis(AnalyzeCommand command) {
        this.command = command;
    }

    int run(ViewerAtlasConfig config, AnalysisParameters params, Path outDir) throws Exception {
        Path file = command.edges;
        List<String> conflicting = new ArrayList<>();
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
            String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (lower.endsWith(".parquet")) {
                list = EdgeListParquet.read(file);
            } else if (lower.endsWith(".json")) {
                list = EdgeListJson.read(file); // an analysis's own node-link graph.json
            } else {
                EdgeListCsv.Input input = EdgeListCsv.readAny(file);
                if (!input.audiencesKnown() && params.weighting() != Weighting.SHARED) {
                    throw new UsageException("weighting '" + params.weighting().wireName() + "' needs each channel's "
                            + "audience (source_audience, target_audience), which " + file + " does not have and no "
                            + EdgeListCsv.NODES_FILE + " lies beside it: use --weighting shared, or put the "
                            + EdgeListCsv.NODES_FILE + " of the same export beside it");
                }
                list = input.edges();
            }
        } catch (NoSuchFileException e) {
            throw new UsageException("--edges " + file + ": no such file");
        }
        ObjectStore store = command.store.get();
        PrintWriter stdout = command.spec.commandLine().getOut();
        if (params.attachUnassigned()) {
            // Attaching counts the viewers a channel shares below the threshold, which an edge list
            // does not hold: said once, and the results record that it was not applied.
            stdout.println("attach_unassigned is not applied to an edge list (it holds no viewers below the "
                    + "threshold): channels without an edge stay unassigned");
            params = params.toBuilder().attachUnassigned(false).build();
        }
        if (params.reassignChannels()) {
            stdout.println("reassign_channels is not applied to an edge list (it holds no viewers): channels stay "
                    + "where detection put them");
            params = params.toBuilder().reassignChannels(false).build();
        }
        AnalysisRequest request = AnalysisRequest.builder(
                        new AnalysisRequest.Edges(list, viewers, metadata(store, stdout)))
                .parameters(params)
                .outputs(AnalysisRequests.outputs(config, outDir))
                .build();
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("edges", file.toString());
        inputs.put("lake", store.describe());
        inputs.put("out", outDir.toString());
        AnalysisPrinter printer = new AnalysisPrinter(stdout, false).headedBy(report -> String.format(Locale.ROOT,
                "Edge list %s: %d channels, %d edges; labels from %s", file, list.channels().size(), list.edgeCount(),
                report.metadataChannels() == 0 ? "no metadata (fallback labels)"
                        : "the lake's snapshots (" + report.metadataChannels() + " channels)"));
        try {
            command.job.get().run(request, inputs, printer);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--edges " + file + ": " + e.getMessage());
        }
        return ExitCodes.OK;
    }

    /** The lake named by {@code --data}, for channel metadata; none without {@code --data} or when it is absent. */
    private Optional<PresenceSource> metadata(ObjectStore store, PrintWriter out) {
        Path data = command.lakeOptions.data;
        if (data == null) {
            return Optional.empty();
        }
        if (!Files.isDirectory(data)) {
            out.println("No lake at " + data + ": labels without game or language metadata");
            return Optional.empty();
        }
        return Optional.of(LakeSnapshotStore.on(store));
    }

    private static void addIf(List<String> list, boolean condition, String option) {
        if (condition) {
            list.add(option);
        }
    }
}
