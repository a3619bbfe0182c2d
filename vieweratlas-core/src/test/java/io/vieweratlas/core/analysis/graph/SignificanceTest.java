package io.vieweratlas.core.analysis.graph;

import org.apache.commons.math3.distribution.HypergeometricDistribution;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignificanceTest {

    @Test
    void logTailAgreesWithDirectSumAndDoesNotUnderflow() {
        HypergeometricDistribution d = new HypergeometricDistribution(10_000, 300, 400);
        for (int s : new int[] {5, 12, 20, 40, 60}) {
            double direct = Math.log10(d.upperCumulativeProbability(s));
            assertEquals(direct, OverlapGraphBuilder.Significance.log10UpperTail(10_000, 300, 400, s), 1e-6,
                    "s=" + s);
        }
        // far beyond double range: p ~ 1e-1000 still has a finite log
        double deep = OverlapGraphBuilder.Significance.log10UpperTail(2_000_000, 5_000, 5_000, 4_000);
        assertTrue(deep < -1000 && Double.isFinite(deep), "log10 p = " + deep);
        // the same deep tail by Commons Math's own log density for the first term
        HypergeometricDistribution big = new HypergeometricDistribution(null, 2_000_000, 5_000, 5_000);
        assertEquals(big.logProbability(4_000),
                OverlapGraphBuilder.Significance.logProbability(2_000_000, 5_000, 5_000, 4_000), 1e-6);
    }

    /**
     * The graph skips pairs sharing no more than the mean, on the ground that such a tail is at least
     * one half: checked over a sweep of population, audience sizes and means from below 1 to the hundreds.
     */
    @Test
    void tailAtOrBelowTheMeanIsAtLeastOneHalf() {
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < 3_000; i++) {
            int population = 20 + r.nextInt(i % 3 == 0 ? 200 : i % 3 == 1 ? 20_000 : 2_000_000);
            int successes = 1 + r.nextInt(population);
            int draws = 1 + r.nextInt(population);
            HypergeometricDistribution d = new HypergeometricDistribution(null, population, successes, draws);
            int s = (int) Math.floor((double) successes * draws / population);
            assertTrue(d.upperCumulativeProbability(s) >= 0.5 - 1e-12,
                    "N=" + population + " K=" + successes + " n=" + draws + " s=" + s);
        }
    }

    @Test
    void logFactorialAndDensityAgreeWithCommonsMath() {
        for (int n : new int[] {0, 1, 2, 10, 255, 256, 257, 1_000, 123_457, 5_000_000}) {
            double expected = org.apache.commons.math3.special.Gamma.logGamma(n + 1.0);
            assertEquals(expected, OverlapGraphBuilder.Significance.logFactorial(n), Math.max(1e-12, 1e-14 * expected),
                    "n=" + n);
        }
        int[][] cases = {{1_736_076, 900, 1_400, 40}, {50_000, 30, 45, 5}, {3_000, 250, 260, 60}, {400, 20, 30, 10}};
        for (int[] c : cases) {
            HypergeometricDistribution d = new HypergeometricDistribution(null, c[0], c[1], c[2]);
            assertEquals(d.logProbability(c[3]), OverlapGraphBuilder.Significance.logProbability(c[0], c[1], c[2], c[3]),
                    1e-7, java.util.Arrays.toString(c));
        }
    }
}
