package io.vieweratlas.core.analysis.stability;

import io.vieweratlas.core.analysis.AnalysisParameters;
import io.vieweratlas.core.analysis.AnalysisWindow;
import io.vieweratlas.core.analysis.aggregate.PresenceTable;
import io.vieweratlas.core.analysis.pipeline.AudienceAnalysis;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.AnalysisStatistics;
import io.vieweratlas.core.model.LoadReport;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Sweeps edge thresholds and resolutions over one loaded table and recommends a setting.
 *
 * <p>Rule ({@link #RULE}): among settings with at least two communities and at most 10 % of the
 * channels unassigned, the one with the highest mean adjusted Rand index across seeds; ties
 * (within 1e-9) go to the lower threshold, then the resolution closer to 1, then the lower
 * resolution. When no setting qualifies, the one with the smallest unassigned share (then the
 * same tie-breaks) is recommended and {@link Result#ruleMet()} is false.
 */
public final class Calibration {

    /** The recommendation rule in words (written next to the table). */
    public static final String RULE = "highest mean ARI among settings with >= 2 communities and <= 10% of channels "
            + "unassigned; ties -> lower threshold, then resolution closer to 1; if none qualifies, smallest "
            + "unassigned share";
    /** Default thresholds swept. */
    public static final List<Integer> DEFAULT_THRESHOLDS = List.of(1, 2, 3, 5, 10, 20);
    /** Default resolutions swept. */
    public static final List<Double> DEFAULT_RESOLUTIONS = List.of(0.5, 1.0, 2.0);
    private static final double MAX_UNASSIGNED = 0.10;
    private static final double TIE = 1e-9;

    private Calibration() {
    }

    /**
     * One setting and what it gave.
     *
     * @param threshold       edge threshold (shared viewers)
     * @param resolution      modularity resolution
     * @param channels        channels in the graph
     * @param edges           edges kept
     * @param communities     communities of at least the minimum size
     * @param modularity      modularity of the detected partition
     * @param unassignedShare share of channels in no community (0 when there are no channels)
     * @param meanAdjustedRand mean ARI between seeds
     * @param minAdjustedRand smallest ARI between seeds
     * @param meanNmi         mean NMI between seeds
     */
    public record Row(int threshold, double resolution, int channels, int edges, int communities, double modularity,
                      double unassignedShare, double meanAdjustedRand, double minAdjustedRand, double meanNmi) {
    }

    /**
     * The sweep.
     *
     * @param rows        every setting, by threshold then resolution
     * @param recommended the recommended row
     * @param ruleMet     whether the recommended row met the rule's conditions
     * @param runs        seeds per setting
     */
    public record Result(List<Row> rows, Row recommended, boolean ruleMet, int runs) {
        public Result {
            rows = List.copyOf(rows);
            Objects.requireNonNull(recommended, "recommended");
        }

        /** {@code base} with the recommended threshold and resolution. */
        public AnalysisParameters apply(AnalysisParameters base) {
            return base.toBuilder().overlapThreshold(recommended.threshold()).resolution(recommended.resolution())
                    .build();
        }
    }

    /**
     * Runs the sweep; every other parameter comes from {@code base}.
     *
     * @param runs seeds per setting (see {@link StabilityAnalysis})
     */
    public static Result sweep(PresenceTable table, LoadReport load, AnalysisWindow window, AnalysisParameters base,
                               List<Integer> thresholds, List<Double> resolutions, int runs) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(base, "base");
        TreeSet<Integer> ts = new TreeSet<>(thresholds);
        TreeSet<Double> rs = new TreeSet<>(resolutions);
        if (ts.isEmpty() || rs.isEmpty()) {
            throw new IllegalArgumentException("calibration needs at least one threshold and one resolution");
        }
        List<Row> rows = new ArrayList<>();
        for (int t : ts) {
            for (double r : rs) {
                AnalysisParameters p = base.toBuilder().overlapThreshold(t).resolution(r).build();
                AnalysisResult result = AudienceAnalysis.run(table, load, window, p).result();
                StabilityReport s = StabilityAnalysis.assess(result, p, runs, StabilityAnalysis.DEFAULT_CONFIDENCE_LEVEL);
                AnalysisStatistics.Detection d = result.statistics().detection();
                int n = result.nodes().size();
                rows.add(new Row(t, r, n, result.edges().size(), d.communities(), d.modularity(),
                        n == 0 ? 0.0 : (double) d.unassignedChannels() / n, s.meanAdjustedRand(), s.minAdjustedRand(),
                        s.meanNmi()));
            }
        }
        return recommend(rows, runs);
    }

    /** Applies the rule to a finished table. */
    public static Result recommend(List<Row> rows, int runs) {
        Comparator<Row> ties = Comparator.comparingInt(Row::threshold)
                .thenComparingDouble(r -> Math.abs(r.resolution() - 1.0)).thenComparingDouble(Row::resolution);
        Optional<Row> best = Optional.empty();
        for (Row r : rows) {
            if (r.communities() < 2 || r.unassignedShare() > MAX_UNASSIGNED) {
                continue;
            }
            if (best.isEmpty() || r.meanAdjustedRand() > best.get().meanAdjustedRand() + TIE
                    || Math.abs(r.meanAdjustedRand() - best.get().meanAdjustedRand()) <= TIE
                    && ties.compare(r, best.get()) < 0) {
                best = Optional.of(r);
            }
        }
        if (best.isPresent()) {
            return new Result(rows, best.get(), true, runs);
        }
        Row fallback = rows.stream().min(Comparator.comparingDouble(Row::unassignedShare).thenComparing(ties))
                .orElseThrow(() -> new IllegalArgumentException("calibration table is empty"));
        return new Result(rows, fallback, false, runs);
    }
}
