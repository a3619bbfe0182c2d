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
    }
}
