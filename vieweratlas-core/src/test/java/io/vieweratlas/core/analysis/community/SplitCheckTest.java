package io.vieweratlas.core.analysis.community;

import io.vieweratlas.core.analysis.CommunityAlgorithm;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The split check undoes modularity's resolution limit and leaves communities without structure of
 * their own whole.
 */
class SplitCheckTest {

    /**
     * A ring of 30 five-node cliques, each joined to the next by one edge: the textbook case of the
     * resolution limit (Fortunato and Barthélemy 2007), where modularity at γ 1 merges neighbouring
     * cliques because 30 > 5·4 + 2.
     */
    @Test
    void ringOfCliquesIsSplitIntoItsCliques() {
        int cliques = 30;
        int size = 5;
        List<int[]> edges = new ArrayList<>();
        for (int c = 0; c < cliques; c++) {
            for (int i = 0; i < size; i++) {
                for (int j = i + 1; j < size; j++) {
                    edges.add(new int[] {c * size + i, c * size + j});
                }
            }
            int next = (c + 1) % cliques;
            edges.add(new int[] {Math.min(c * size, next * size + 1), Math.max(c * size, next * size + 1)});
        }
        int n = cliques * size;
        int[][] e = arrays(edges);
        double[] w = ones(edges.size());

        CommunityDetector.Partition plain = CommunityDetector.detect(n, e[0], e[1], w, CommunityAlgorithm.LEIDEN,
                1.0, 42, 1, false);
        assertTrue(plain.communities() < cliques, "modularity alone merges cliques: " + plain.communities());

        CommunityDetector.Partition checked = CommunityDetector.detect(n, e[0], e[1], w, CommunityAlgorithm.LEIDEN,
                1.0, 42, 1, true);
        assertEquals(cliques, checked.communities());
        assertEquals(cliques - plain.communities(), checked.splits());
        for (int c = 0; c < cliques; c++) {
            Set<Integer> ids = new HashSet<>();
            for (int i = 0; i < size; i++) {
                ids.add(checked.community()[c * size + i]);
            }
            assertEquals(1, ids.size(), "clique " + c + " lies in one community");
        }
    }

    /** Two dense random groups: modularity finds them, and neither is split further. */
    @Test
    void randomCommunitiesAreKeptWhole() {
        Random r = new Random(3);
        List<int[]> edges = new ArrayList<>();
        int n = 120;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (r.nextDouble() < (i / 60 == j / 60 ? 0.3 : 0.01)) {
                    edges.add(new int[] {i, j});
                }
            }
        }
        int[][] e = arrays(edges);
        double[] w = new double[edges.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.05 + r.nextDouble();
        }
        CommunityDetector.Partition checked = CommunityDetector.detect(n, e[0], e[1], w, CommunityAlgorithm.LEIDEN,
                1.0, 42, 1, true);
        assertEquals(2, checked.communities());
        assertEquals(0, checked.splits());
        assertArrayEquals(CommunityDetector.detect(n, e[0], e[1], w, CommunityAlgorithm.LEIDEN, 1.0, 42, 1, false)
                .community(), checked.community());
    }

    @Test
    void sameSeedGivesTheSamePartition() {
        Random r = new Random(5);
        List<int[]> edges = new ArrayList<>();
        int n = 400;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (r.nextDouble() < (i / 10 == j / 10 ? 0.6 : 0.004)) {
                    edges.add(new int[] {i, j});
                }
            }
        }
        int[][] e = arrays(edges);
        double[] w = ones(edges.size());
        CommunityDetector.Partition a = CommunityDetector.detect(n, e[0], e[1], w, CommunityAlgorithm.LEIDEN,
                2.0, 11, 2, true);
        CommunityDetector.Partition b = CommunityDetector.detect(n, e[0], e[1], w, CommunityAlgorithm.LEIDEN,
                2.0, 11, 2, true);
        assertArrayEquals(a.community(), b.community());
        assertEquals(a.splits(), b.splits());
        assertEquals(40, a.communities());
    }

    private static int[][] arrays(List<int[]> edges) {
        int[] s = new int[edges.size()];
        int[] t = new int[edges.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = edges.get(i)[0];
            t[i] = edges.get(i)[1];
        }
        return new int[][] {s, t};
    }

    private static double[] ones(int m) {
        double[] w = new double[m];
        java.util.Arrays.fill(w, 1.0);
        return w;
    }
}
