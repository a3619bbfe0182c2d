package io.vieweratlas.export.layout;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForceAtlas2Test {

    private static final SyntheticGraph GRAPH = new SyntheticGraph(1200, 8, 12_000, 0.85, 3);

    private static double[][] run(long seed) {
        return new ForceAtlas2(LayoutOptions.defaults(seed)).layout(GRAPH.n, GRAPH.community, GRAPH.src, GRAPH.dst,
                GRAPH.weight);
    }

    @Test
    void sameSeedSameLayoutDifferentSeedDifferentLayout() {
        double[][] a = run(42);
        double[][] b = run(42);
        assertArrayEquals(a[0], b[0]);
        assertArrayEquals(a[1], b[1]);
        double[][] c = run(43);
        assertFalse(java.util.Arrays.equals(a[0], c[0]));
    }

    @Test
    void positionsDoNotDependOnTheNumberOfThreads() {
        // Large enough for several edge chunks (and their per-chunk force arrays) and all node chunks.
        SyntheticGraph g = new SyntheticGraph(3000, 12, 60_000, 0.8, 11);
        LayoutOptions options = LayoutOptions.defaults(5).withIterations(25);
        double[][] one = new ForceAtlas2(options, 1).layout(g.n, g.community, g.src, g.dst, g.weight);
        for (int threads : new int[]{2, 5, 16}) {
            double[][] many = new ForceAtlas2(options, threads).layout(g.n, g.community, g.src, g.dst, g.weight);
            assertArrayEquals(one[0], many[0], "x with " + threads + " threads");
            assertArrayEquals(one[1], many[1], "y with " + threads + " threads");
        }
        assertThrows(IllegalArgumentException.class, () -> new ForceAtlas2(options, 0));
    }

    @Test
    void defaultIterationsSeparatePlantedCommunitiesClearly() {
        // The criterion that chose the default iteration count (docs/BENCHMARKS.md): communities clearly
        // apart, i.e. almost every node's nearest node in its community and each community's mean
        // radius at most a quarter of the distance to the nearest other community; and relaxed, i.e.
        // nodes no farther from their neighbours' barycentre (relative to their community's radius)
        // than after the old 200 iterations (on this graph: 4.60; 50 default iterations give ~3.1).
        SyntheticGraph g = new SyntheticGraph(3000, 24, 60_000, 0.85, 5);
        double[][] xy = new ForceAtlas2(LayoutOptions.defaults(42)).layout(g.n, g.community, g.src, g.dst, g.weight);
        double ratio = LayoutQuality.edgeLengthRatio(xy, g.community, g.src, g.dst, g.weight);
        double purity = LayoutQuality.nearestNeighbourPurity(xy, g.community);
        double spread = LayoutQuality.spreadToGap(xy, g.community);
        double bary = LayoutQuality.barycentreRatio(xy, g.community, g.src, g.dst, g.weight);
        String all = "ratio " + ratio + ", purity " + purity + ", spread/gap " + spread + ", barycentre " + bary;
        assertTrue(purity >= 0.99, all);
        assertTrue(spread <= 0.25, all);
        assertTrue(ratio < 0.1, all);
        assertTrue(bary < 4.6, all);
    }

    @Test
    void communitiesAreSeparated() {
        double[][] xy = run(42);
        // Nearest neighbour in the picture belongs to the same community for almost every node.
        double purity = LayoutQuality.nearestNeighbourPurity(xy, GRAPH.community);
        assertTrue(purity > 0.9, "nearest-neighbour community purity " + purity);
        // Spread within a community is well below the distance between community centres.
        LayoutQuality.Centroids centres = LayoutQuality.Centroids.of(xy, GRAPH.community);
        double spread = 0;
        for (int i = 0; i < GRAPH.n; i++) {
            int c = GRAPH.community[i];
            spread += Math.hypot(xy[0][i] - centres.x()[c], xy[1][i] - centres.y()[c]);
        }
        spread /= GRAPH.n;
        double minCentre = Double.MAX_VALUE;
        int k = centres.count().length;
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                minCentre = Math.min(minCentre, Math.hypot(centres.x()[a] - centres.x()[b],
                        centres.y()[a] - centres.y()[b]));
            }
        }
        assertTrue(spread < 0.5 * minCentre, "mean spread " + spread + " vs closest centres " + minCentre);
    }

    @Test
    void layoutIsCentredAndScaled() {
        double[][] xy = run(7);
        double max = 0;
        double mx = 0;
        for (int i = 0; i < GRAPH.n; i++) {
            max = Math.max(max, Math.hypot(xy[0][i], xy[1][i]));
            mx += xy[0][i];
        }
        assertEquals(GraphLayout.RADIUS, max, 0.02);
        assertEquals(0, mx / GRAPH.n, 1.0);
    }

    @Test
    void degenerateGraphs() {
        ForceAtlas2 fa2 = new ForceAtlas2(LayoutOptions.defaults(1));
        assertEquals(0, fa2.layout(0, new int[0], new int[0], new int[0], new double[0])[0].length);
        double[][] one = fa2.layout(1, new int[]{-1}, new int[0], new int[0], new double[0]);
        assertEquals(0, one[0][0]);
        double[][] isolated = fa2.layout(50, new int[50], new int[0], new int[0], new double[0]);
        for (int i = 0; i < 50; i++) {
            assertTrue(Double.isFinite(isolated[0][i]) && Double.isFinite(isolated[1][i]));
        }
        double[][] pair = fa2.layout(2, new int[]{0, 0}, new int[]{0}, new int[]{1}, new double[]{0});
        assertTrue(Math.hypot(pair[0][0] - pair[0][1], pair[1][0] - pair[1][1]) > 0, "zero-weight edge still laid out");
    }

    @Test
    void rejectsBadInput() {
        ForceAtlas2 fa2 = new ForceAtlas2(LayoutOptions.defaults(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fa2.layout(2, new int[2], new int[]{0}, new int[]{5}, new double[]{1}));
        assertTrue(e.getMessage().contains("edge 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> fa2.layout(2, new int[3], new int[0], new int[0], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> LayoutOptions.defaults(1).withIterations(-1));
        assertThrows(IllegalArgumentException.class,
                () -> new LayoutOptions(1, 10, 0, 1, false, true, 1, 1, 1));
        IllegalArgumentException positions = assertThrows(IllegalArgumentException.class,
                () -> fa2.relax(3, new int[0], new int[0], new double[0], new double[2], new double[3]));
        assertTrue(positions.getMessage().contains("not 3"), positions.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> fa2.relax(2, new int[]{0}, new int[]{1}, new double[0], new double[2], new double[2]));
    }

    @Test
    void relaxContinuesTheUnscaledLayoutInPlace() {
        SyntheticGraph g = new SyntheticGraph(400, 5, 3000, 0.8, 3);
        ForceAtlas2 fa2 = new ForceAtlas2(LayoutOptions.defaults(5));
        double[][] start = fa2.unscaled(g.n, g.community, g.src, g.dst, g.weight);
        double[] x = start[0].clone();
        double[] y = start[1].clone();
        double[][] relaxed = new ForceAtlas2(LayoutOptions.defaults(5).withIterations(0)).relax(g.n, g.src, g.dst,
                g.weight, x, y);
        assertArrayEquals(start[0], relaxed[0], 0, "no iterations: nothing moves");
        double[][] again = fa2.relax(g.n, g.src, g.dst, g.weight, x, y);
        assertTrue(again[0] == x && again[1] == y, "moved in place");
        assertFalse(java.util.Arrays.equals(start[0], x), "iterations move the nodes");
    }
}
