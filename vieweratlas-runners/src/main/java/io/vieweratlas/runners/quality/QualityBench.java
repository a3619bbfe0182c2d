package io.vieweratlas.runners.quality;

import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.port.in.AnalysisRequest;
import io.vieweratlas.core.port.in.AnalyzeUseCase;
import io.vieweratlas.core.service.AnalysisService;
import io.vieweratlas.synth.BenchmarkFamily;
import io.vieweratlas.synth.SyntheticLake;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs a {@link QualityGrid}: plans each lake, holds its presence in memory, analyses it through
 * the analysis use case under every configuration and scores each result against the planted
 * truth. Lakes are generated one at a time, so memory holds one lake.
 */
public final class QualityBench {

    private final AnalyzeUseCase analysis;

    /** A bench analysing through {@code analysis} (which should write nothing). */
    public QualityBench(AnalyzeUseCase analysis) {
        this.analysis = Objects.requireNonNull(analysis, "analysis");
    }

    /** A bench over an analysis service without outputs. */
    public static QualityBench inMemory() {
        return new QualityBench(AnalysisService.withoutOutputs());
    }

    /**
     * Every score and the per-configuration summaries, best worst-case NMI first (ties: median NMI,
     * then grid order).
     *
     * @param scores    one per lake and configuration, lake by lake in grid order
     * @param summaries one per configuration
     */
    public record Report(List<LakeScore> scores, List<ConfigurationSummary> summaries) {
        public Report {
            scores = List.copyOf(scores);
            summaries = List.copyOf(summaries);
        }

        /** The summary of the configuration with {@code role} (the first, when several). */
        public ConfigurationSummary summary(QualityConfiguration.Role role) {
            return summaries.stream().filter(s -> s.configuration().role() == role).findFirst().orElseThrow();
        }
    }

    /**
     * Runs the grid.
     *
     * @param progress receives one line per lake analysed
     * @throws IOException when an analysis fails to read its (in-memory) input
     */
    public Report run(QualityGrid grid, Consumer<String> progress) throws IOException {
        return run(grid, Set.of(), progress);
    }

    /**
     * Runs the grid, laying out the results of the defaults, of the original's method and of the
     * configurations named in {@code layoutChecked} to measure where their largest channels sit
     * ({@link LayoutSpread}).
     *
     * @param progress receives one line per lake analysed
     * @throws IOException when an analysis fails to read its (in-memory) input
     */
    public Report run(QualityGrid grid, Set<String> layoutChecked, Consumer<String> progress)
            throws IOException {
        List<QualityConfiguration> configs = grid.configurations();
        List<List<LakeScore>> byConfig = new ArrayList<>();
        configs.forEach(c -> byConfig.add(new ArrayList<>()));
        List<LakeScore> all = new ArrayList<>();
        List<LakeScore> references = new ArrayList<>();
        for (BenchmarkFamily.Member lake : grid.lakes()) {
            long t0 = System.nanoTime();
            SyntheticLake synth = SyntheticLake.plan(lake.spec());
            List<PresenceSnapshot> snapshots = new ArrayList<>();
            synth.forEachSnapshot(snapshots::add);
            InMemoryLake source = new InMemoryLake(snapshots);
            Map<String, Integer> truth = synth.truth();
            for (int c = 0; c < configs.size(); c++) {
                QualityConfiguration config = configs.get(c);
                long t = System.nanoTime();
                AnalysisRequest.Builder request = AnalysisRequest.builder(new AnalysisRequest.Presence(source))
                        .parameters(config.parameters());
                config.calibration().ifPresent(request::calibration);
                AnalysisResult result = analysis.analyze(request.build()).result().orElseThrow();
                LakeScore score = LakeScore.of(lake.name(), config.name(), result, truth, (System.nanoTime() - t) / 1e6);
                if (config.role() != QualityConfiguration.Role.GRID || layoutChecked.contains(config.name())) {
                    score = score.withLayout(LayoutSpread.measure(result, truth, config.parameters().seed()));
                }
                byConfig.get(c).add(score);
                all.add(score);
            }
            LakeScore reference = PlantedVoteReference.score(lake.name(), synth, snapshots, configs.get(0).parameters().presence());
            references.add(reference);
            all.add(reference);
            progress.accept(String.format(Locale.ROOT, "%s: %d settings in %.1f s", lake.name(),
                    configs.size(), (System.nanoTime() - t0) / 1e9));
        }
        int baseline = indexOf(configs, QualityConfiguration.Role.BASELINE);
        double[] baselineNmi = baseline < 0 ? new double[grid.lakes().size()]
                : byConfig.get(baseline).stream().mapToDouble(LakeScore::nmi).toArray();
        List<ConfigurationSummary> summaries = new ArrayList<>();
        for (int c = 0; c < configs.size(); c++) {
            summaries.add(ConfigurationSummary.of(configs.get(c), byConfig.get(c), baselineNmi));
        }
        summaries.add(ConfigurationSummary.of(QualityConfiguration.reference(), references, baselineNmi));
        List<ConfigurationSummary> ranked = new ArrayList<>(summaries);
        ranked.sort(Comparator.comparingDouble(ConfigurationSummary::worstNmi).reversed()
                .thenComparing(Comparator.comparingDouble(ConfigurationSummary::medianNmi).reversed()));
        return new Report(all, ranked);
    }

    private static int indexOf(List<QualityConfiguration> configs, QualityConfiguration.Role role) {
        for (int i = 0; i < configs.size(); i++) {
            if (configs.get(i).role() == role) {
                return i;
            }
        }
        return -1;
    }
}
