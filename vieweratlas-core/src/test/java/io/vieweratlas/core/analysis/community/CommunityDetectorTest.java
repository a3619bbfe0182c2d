package io.vieweratlas.core.analysis.community;

import io.vieweratlas.core.analysis.CommunityAlgorithm;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The detector builds the same network from edges in (source, target) order as from any other order. */
class CommunityDetectorTest {

    @Test
    void edgeOrderDoesNotChangeThePartition() {
        Random r = new Random(9);
        int nodes = 300;
        List<int[]> edges = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            for (int j = i + 1; j < nodes; j++) {
                boolean sameGroup = i / 30 == j / 30;
                if (r.nextDouble() < (sameGroup ? 0.3 : 0.01)) {
                    edges.add(new int[] {i, j, 1 + r.nextInt(20)});
                }
            }
        }
        int[][] sorted = arrays(edges);
        assertTrue(CommunityDetector.sortedPairs(sorted[0], sorted[1]));
        List<int[]> shuffled = new ArrayList<>(edges);
        Collections.shuffle(shuffled, new Random(1));
        int[][] mixed = arrays(shuffled);
        assertFalse(CommunityDetector.sortedPairs(mixed[0], mixed[1]));
        for (CommunityAlgorithm algorithm : CommunityAlgorithm.values()) {
            CommunityDetector.Partition a = detect(sorted, algorithm);
            CommunityDetector.Partition b = detect(mixed, algorithm);
            assertArrayEquals(a.community(), b.community(), algorithm.name());
            assertEquals(a.modularity(), b.modularity(), 1e-12, algorithm.name());
            assertEquals(a.iterations(), b.iterations(), algorithm.name());
            assertEquals(10, a.communities(), algorithm.name());
        }
    }

    @Test
    void sortedPairsRejectsReversedAndRepeatedOrder() {
        assertTrue(CommunityDetector.sortedPairs(new int[] {0, 0, 1}, new int[] {1, 2, 2}));
        assertFalse(CommunityDetector.sortedPairs(new int[] {0, 2}, new int[] {1, 1}));
        assertFalse(CommunityDetector.sortedPairs(new int[] {0, 0}, new int[] {2, 1}));
        assertFalse(CommunityDetector.sortedPairs(new int[] {1, 0}, new int[] {2, 2}));
    }

    private static CommunityDetector.Partition detect(int[][] e, CommunityAlgorithm algorithm) {
        double[] w = new double[e[2].length];
        for (int i = 0; i < w.length; i++) {
            w[i] = e[2][i];
        }
        return CommunityDetector.detect(300, e[0], e[1], w, algorithm, 1.0, 42, 1);
    }

    private static int[][] arrays(List<int[]> edges) {
        int[][] out = new int[3][edges.size()];
        for (int e = 0; e < edges.size(); e++) {
            for (int k = 0; k < 3; k++) {
                out[k][e] = edges.get(e)[k];
            }
        }
        return out;
    }
}
