package io.vieweratlas.runners.quality;

import io.vieweratlas.core.analysis.AnalysisParameters;
import io.vieweratlas.core.analysis.CommunityAlgorithm;
import io.vieweratlas.core.analysis.Weighting;
import io.vieweratlas.core.port.in.AnalysisRequest;
import io.vieweratlas.synth.BenchmarkFamily;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The lakes and the settings of one quality benchmark: every setting is analysed on every lake.
 *
 * @param lakes          the planted lakes
 * @param configurations the settings; the defaults and the original's method are always among them
 */
public record QualityGrid(List<BenchmarkFamily.Member> lakes, List<QualityConfiguration> configurations) {

    public QualityGrid {
        lakes = List.copyOf(lakes);
        configurations = List.copyOf(configurations);
        if (lakes.isEmpty() || configurations.isEmpty()) {
            throw new IllegalArgumentException("a quality grid needs at least one lake and one configuration");
        }
    }

    /**
     * A named grid over {@code base}'s filters and seed.
     *
     * @param name {@code small} (12 lakes; weighting × resolution 1 to 3 × threshold 5/10 with Leiden,
     *             and the stability calibration), {@code full} (48 lakes; weighting × resolution 0.8 to 4 ×
     *             threshold 2/3/5/10 × Leiden/Louvain, and the calibration) or {@code tiny} (2 small lakes,
     *             a few settings: a smoke test)
     * @throws IllegalArgumentException naming the grid and the allowed names
     */
    public static QualityGrid named(String name, AnalysisParameters base) {
        Objects.requireNonNull(base, "base");
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "small" -> new QualityGrid(BenchmarkFamily.small(), withCalibrated(base, settings(base,
                    Weighting.values(), new double[] {1.0, 1.2, 1.5, 2.0, 3.0}, new int[] {5, 10},
                    new CommunityAlgorithm[] {CommunityAlgorithm.LEIDEN}, new boolean[] {base.attachUnassigned()}, new boolean[] {base.splitCommunities()})));
            case "full" -> new QualityGrid(BenchmarkFamily.full(), withCalibrated(base, settings(base,
                    Weighting.values(), new double[] {0.8, 1.0, 1.2, 1.5, 2.0, 3.0, 4.0}, new int[] {2, 3, 5, 10},
                    CommunityAlgorithm.values(), new boolean[] {base.attachUnassigned()}, new boolean[] {base.splitCommunities()})));
            case "tiny" -> new QualityGrid(List.of(
                    BenchmarkFamily.member(300, 10, 0.2, 0.4, 2, 0.05, 20, 0.75, 1),
                    BenchmarkFamily.member(400, 12, 0.3, 0.5, 3, 0.0, 0, 1.0, 2)),
                    settings(base, new Weighting[] {Weighting.SHARED, Weighting.SIGNIFICANCE}, new double[] {1.0},
                            new int[] {5}, new CommunityAlgorithm[] {CommunityAlgorithm.LEIDEN},
                            new boolean[] {base.attachUnassigned()}, new boolean[] {base.splitCommunities()}));
            default -> throw new IllegalArgumentException("unknown quality grid '" + name
                    + "' (allowed: tiny, small, full)");
        };
    }

    /**
     * This grid's lakes under other settings: the defaults, the original's method and every
     * combination of the given values.
     *
     * @param attach values of {@code attach_unassigned} to try
     * @param split  values of {@code split_communities} to try
     * @throws IllegalArgumentException when a list is empty
     */
    public QualityGrid withSettings(AnalysisParameters base, List<Weighting> weightings, List<Double> resolutions,
                                    List<Integer> thresholds, List<CommunityAlgorithm> algorithms,
                                    List<Boolean> attach, List<Boolean> split) {
        if (weightings.isEmpty() || resolutions.isEmpty() || thresholds.isEmpty() || algorithms.isEmpty()
                || attach.isEmpty() || split.isEmpty()) {
            throw new IllegalArgumentException("a quality grid needs at least one weighting, resolution, threshold, "
                    + "algorithm, attach and split value");
        }
        return new QualityGrid(lakes, settings(base, weightings.toArray(Weighting[]::new),
                resolutions.stream().mapToDouble(Double::doubleValue).toArray(),
                thresholds.stream().mapToInt(Integer::intValue).toArray(),
                algorithms.toArray(CommunityAlgorithm[]::new), booleans(attach), booleans(split)));
    }

    private static boolean[] booleans(List<Boolean> values) {
        boolean[] out = new boolean[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    /**
     * The settings plus one whose threshold and resolution are chosen per lake by the stability
     * calibration (thresholds 2, 5, 10 × resolutions 1 to 4, four seeds each, shared counts): what a
     * researcher gets from {@code analyze --calibrate}, at about five times the cost of one analysis.
     */
    static List<QualityConfiguration> withCalibrated(AnalysisParameters base, List<QualityConfiguration> settings) {
        List<QualityConfiguration> out = new ArrayList<>(settings);
        out.add(QualityConfiguration.calibrated(base.toBuilder().weighting(Weighting.SHARED).build(),
                new AnalysisRequest.CalibrationPlan(List.of(2, 5, 10), List.of(1.0, 1.5, 2.0, 3.0, 4.0), 4)));
        return out;
    }

    /** The defaults, the original's method, then every combination (skipping duplicates of the first two). */
    static List<QualityConfiguration> settings(AnalysisParameters base, Weighting[] weightings, double[] resolutions,
                                               int[] thresholds, CommunityAlgorithm[] algorithms, boolean[] attach,
                                               boolean[] split) {
        List<QualityConfiguration> out = new ArrayList<>();
        out.add(QualityConfiguration.defaults(base));
        QualityConfiguration baseline = QualityConfiguration.baseline(base);
        out.add(baseline);
        for (Weighting w : weightings) {
            for (int t : thresholds) {
                for (double r : resolutions) {
                    for (CommunityAlgorithm a : algorithms) {
                        for (boolean at : attach) {
                            for (boolean sp : split) {
                                AnalysisParameters p = base.toBuilder().weighting(w).overlapThreshold(t).resolution(r)
                                        .algorithm(a).attachUnassigned(at).splitCommunities(sp).build();
                                if (!p.equals(base) && !p.equals(baseline.parameters())) {
                                    out.add(QualityConfiguration.of(p));
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }
}
