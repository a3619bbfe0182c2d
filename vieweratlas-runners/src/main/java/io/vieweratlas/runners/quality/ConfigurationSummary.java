package io.vieweratlas.runners.quality;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One setting over all lakes of a grid: worst case and median of NMI and ARI, how many lakes it
 * scores below the original's method on, and the worst of the structural figures.
 *
 * @param configuration       the setting
 * @param lakes               lakes scored
 * @param worstNmi            lowest NMI over the lakes
 * @param medianNmi           median NMI
 * @param worstAri            lowest ARI
 * @param medianAri           median ARI
 * @param belowBaseline       lakes where its NMI is lower than the original's method's (by more than 1e-9)
 * @param maxDisconnected     most disconnected communities on one lake
 * @param maxUnassigned       most unassigned channels on one lake
 * @param recoveredShare      planted communities recovered over all lakes, as a share of all planted ones
 * @param worstSmallestRecovered largest "smallest recovered community" over the lakes (how small a
 *                               community it still recovers on its worst lake), 0 if one lake recovers none
 * @param meanMillis          mean analysis time per lake
 * @param layoutTop           mean over the laid-out lakes of {@link LayoutSpread#topDistance()}, when measured
 * @param layoutMembers       mean over the laid-out lakes of {@link LayoutSpread#memberDistance()}, when measured
 */
public record ConfigurationSummary(QualityConfiguration configuration, int lakes, double worstNmi, double medianNmi,
                                   double worstAri, double medianAri, int belowBaseline, int maxDisconnected,
                                   int maxUnassigned, double recoveredShare, int worstSmallestRecovered,
                                   double meanMillis, OptionalDouble layoutTop,
                                   OptionalDouble layoutMembers) {

    public ConfigurationSummary {
        Objects.requireNonNull(configuration, "configuration");
    }

    /**
     * Summarises {@code scores} (one per lake, in lake order) against the baseline's NMI per lake.
     *
     * @param baselineNmi the original's method's NMI per lake, same order
     */
    static ConfigurationSummary of(QualityConfiguration configuration, List<LakeScore> scores, double[] baselineNmi) {
        int n = scores.size();
        double[] nmi = scores.stream().mapToDouble(LakeScore::nmi).toArray();
        double[] ari = scores.stream().mapToDouble(LakeScore::ari).toArray();
        int below = 0;
        for (int i = 0; i < n; i++) {
            if (nmi[i] < baselineNmi[i] - 1e-9) {
                below++;
            }
        }
        long recovered = scores.stream().mapToLong(LakeScore::recovered).sum();
        long planted = scores.stream().mapToLong(LakeScore::planted).sum();
        boolean anyNone = scores.stream().anyMatch(s -> s.smallestRecovered() == 0);
        int worstSmallest = anyNone ? 0 : scores.stream().mapToInt(LakeScore::smallestRecovered).max().orElse(0);
        return new ConfigurationSummary(configuration, n, Arrays.stream(nmi).min().orElse(0), median(nmi),
                Arrays.stream(ari).min().orElse(0), median(ari), below,
                scores.stream().mapToInt(LakeScore::disconnected).max().orElse(0),
                scores.stream().mapToInt(LakeScore::unassigned).max().orElse(0),
                planted == 0 ? 0 : (double) recovered / planted, worstSmallest,
                scores.stream().mapToDouble(LakeScore::millis).average().orElse(0),
                scores.stream().flatMap(s -> s.layout().stream()).mapToDouble(LayoutSpread::topDistance).average(),
                scores.stream().flatMap(s -> s.layout().stream()).mapToDouble(LayoutSpread::memberDistance).average());
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        if (n == 0) {
            return 0;
        }
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
