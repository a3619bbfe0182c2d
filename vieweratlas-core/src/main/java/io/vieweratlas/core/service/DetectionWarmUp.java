package io.vieweratlas.core.service;

import io.vieweratlas.core.analysis.CommunityAlgorithm;
import io.vieweratlas.core.analysis.community.CommunityDetector;

import java.util.Arrays;
import java.util.Random;

/**
 * Community detection run once on a fixed synthetic graph (1,200 nodes in 24 planted groups, about
 * 20,000 edges), its result discarded: the JIT warm-up
 * of {@link AnalysisService}. A process that analyses once runs the detector's code cold,
 * interpreted until the JIT compiles it — about as long again as the detection itself on a
 * 5,000-channel graph. Run on an idle core while the process starts and the lake is read, it leaves
 * compiled code to the real run. It shares no state with the analysis: results do not depend on
 * whether or when it ran.
 */
final class DetectionWarmUp {

    private DetectionWarmUp() {
    }

    /**
     * Runs {@code algorithm} on the fixed graph.
     *
     * @return the modularity found (for tests: the planted groups give more than 0.8)
     */
    static double run(CommunityAlgorithm algorithm) {
        java.util.Objects.requireNonNull(algorithm, "algorithm");
        int groups = 24;
        int size = 50;
        int nodes = groups * size;
        Random random = new Random(1);
        int[] source = new int[nodes * 20];
        int[] target = new int[nodes * 20];
        double[] weight = new double[nodes * 20];
        int m = 0;
        for (int i = 0; i < nodes; i++) {
            for (int j = i + 1; j < nodes; j++) {
                boolean same = i / size == j / size;
                if (m < source.length && random.nextInt(same ? 3 : 400) == 0) {
                    source[m] = i;
                    target[m] = j;
                    weight[m++] = 1 + random.nextInt(same ? 30 : 5);
                }
            }
        }
        return CommunityDetector.detect(nodes, Arrays.copyOf(source, m), Arrays.copyOf(target, m),
                Arrays.copyOf(weight, m), algorithm, 1.0, 1, 1).modularity();
    }
}
