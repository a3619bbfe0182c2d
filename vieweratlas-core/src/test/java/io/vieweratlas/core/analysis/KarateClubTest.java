package io.vieweratlas.core.analysis;

import io.vieweratlas.core.analysis.community.CommunityDetector;
import io.vieweratlas.core.analysis.community.Modularity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Community detection on Zachary's karate club (34 members, 78 friendships, best modularity 0.4198). */
class KarateClubTest {

    /** 1-based adjacency: row i lists the larger neighbours of member i. */
    private static final int[][] LARGER_NEIGHBOURS = {
            {1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 18, 20, 22, 32},
            {2, 3, 4, 8, 14, 18, 20, 22, 31},
            {3, 4, 8, 9, 10, 14, 28, 29, 33},
            {4, 8, 13, 14},
            {5, 7, 11},
            {6, 7, 11, 17},
            {7, 17},
            {9, 31, 33, 34},
            {10, 34},
            {14, 34},
            {15, 33, 34},
            {16, 33, 34},
            {19, 33, 34},
            {20, 34},
            {21, 33, 34},
            {23, 33, 34},
            {24, 26, 28, 30, 33, 34},
            {25, 26, 28, 32},
            {26, 32},
            {27, 30, 34},
            {28, 34},
            {29, 32, 34},
            {30, 33, 34},
            {31, 33, 34},
            {32, 33, 34},
            {33, 34},
    };

    static int[][] edges() {
        List<int[]> list = new ArrayList<>();
        for (int[] row : LARGER_NEIGHBOURS) {
            int from = row[0];
            for (int i = 1; i < row.length; i++) {
                list.add(new int[] {from - 1, row[i] - 1});
            }
        }
        list.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
        int[] s = new int[list.size()];
        int[] t = new int[list.size()];
        for (int e = 0; e < list.size(); e++) {
            s[e] = list.get(e)[0];
            t[e] = list.get(e)[1];
        }
        return new int[][] {s, t};
    }

    @Test
    void leidenFindsModularityAboutPoint42AndConnectedCommunities() {
        int[][] e = edges();
        assertEquals(78, e[0].length);
        double[] w = ones(e[0].length);
        CommunityDetector.Partition p = CommunityDetector.detect(34, e[0], e[1], w, CommunityAlgorithm.LEIDEN,
                1.0, 42, 1);
        assertTrue(p.modularity() > 0.415 && p.modularity() < 0.4199, "modularity " + p.modularity());
        assertEquals(0, p.disconnected());
        assertTrue(p.communities() >= 3 && p.communities() <= 5, "communities " + p.communities());
        assertEquals(p.modularity(), Modularity.of(34, e[0], e[1], w, p.community(), 1.0), 1e-12);
    }

    @Test
    void louvainAlsoReachesAbovePoint40() {
        int[][] e = edges();
        CommunityDetector.Partition p = CommunityDetector.detect(34, e[0], e[1], ones(e[0].length),
                CommunityAlgorithm.LOUVAIN, 1.0, 7, 1);
        assertTrue(p.modularity() > 0.40, "modularity " + p.modularity());
    }

    @Test
    void sameSeedSamePartition() {
        int[][] e = edges();
        double[] w = ones(e[0].length);
        for (long seed : new long[] {1, 2, 3}) {
            CommunityDetector.Partition a = CommunityDetector.detect(34, e[0], e[1], w, CommunityAlgorithm.LEIDEN,
                    1.0, seed, 1);
            CommunityDetector.Partition b = CommunityDetector.detect(34, e[0], e[1], w, CommunityAlgorithm.LEIDEN,
                    1.0, seed, 1);
            assertArrayEquals(a.community(), b.community());
        }
    }

    @Test
    void classicTwoFactionSplitHasKnownModularity() {
        // the club's actual split (Mr Hi vs the officer); its modularity is 0.3715
        int[] officer = {9, 10, 15, 16, 19, 21, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34};
        int[] part = new int[34];
        for (int m : officer) {
            part[m - 1] = 1;
        }
        int[][] e = edges();
        assertEquals(0.3715, Modularity.of(34, e[0], e[1], ones(e[0].length), part, 1.0), 1e-3);
        // resolution 0 counts only internal weight: one block holding everything scores 1
        assertEquals(1.0, Modularity.of(34, e[0], e[1], ones(e[0].length), new int[34], 0.0), 1e-12);
    }

    private static double[] ones(int n) {
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1.0);
        return w;
    }
}
