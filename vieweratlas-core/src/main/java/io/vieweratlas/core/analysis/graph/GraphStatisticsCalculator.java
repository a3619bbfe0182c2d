package io.vieweratlas.core.analysis.graph;

import io.vieweratlas.core.model.AnalysisStatistics;

import java.util.Arrays;

/** Statistics of an {@link OverlapGraph}: size, density, components, degree and weight distributions. */
public final class GraphStatisticsCalculator {

    private GraphStatisticsCalculator() {
    }

    /** Computes the statistics of {@code g}. */
    public static AnalysisStatistics.Graph of(OverlapGraph g) {
        int n = g.nodes();
        int m = g.edgeCount();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        int[] degree = new int[n];
        int[] src = g.source();
        int[] dst = g.target();
        for (int e = 0; e < m; e++) {
            int a = src[e];
            int b = dst[e];
            degree[a]++;
            degree[b]++;
            int ra = find(parent, a);
            int rb = find(parent, b);
            if (ra != rb) {
                parent[Math.max(ra, rb)] = Math.min(ra, rb);
            }
        }
        int components = 0;
        int isolated = 0;
        for (int i = 0; i < n; i++) {
            if (find(parent, i) == i) {
                components++;
            }
            if (degree[i] == 0) {
                isolated++;
            }
        }
        double density = n < 2 ? 0 : 2.0 * m / ((double) n * (n - 1));
        AnalysisStatistics.Distribution shared = distribution(g.shared());
        // weighting "shared" makes the weights the shared counts: same distribution, no second pass
        AnalysisStatistics.Distribution weights = sameValues(g.weight(), g.shared()) ? shared
                : distribution(g.weight().clone());
        return new AnalysisStatistics.Graph(n, m, density, components, isolated, distribution(degree), weights,
                shared, g.pairCounting(), g.pairIncrements());
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    private static boolean sameValues(double[] weights, int[] counts) {
        for (int e = 0; e < weights.length; e++) {
            if (weights[e] != counts[e]) {
                return false;
            }
        }
        return true;
    }

    /**
     * As {@link #distribution(double[])} of the same values as doubles, without sorting: counts are
     * small non-negative integers (degrees, shared viewers), so a histogram gives the median in
     * linear time. Summing integers is exact in any order while the total stays below 2^53, so the
     * mean equals the sorted sum's; beyond that, or for a wide range of values, it sorts.
     */
    static AnalysisStatistics.Distribution distribution(int[] values) {
        int len = values.length;
        if (len == 0) {
            return AnalysisStatistics.Distribution.EMPTY;
        }
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        long sum = 0;
        for (int v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        if (min < 0 || max > 4L * len + 1024 || sum >= 1L << 53) {
            double[] d = new double[len];
            for (int i = 0; i < len; i++) {
                d[i] = values[i];
            }
            return distribution(d);
        }
        int[] histogram = new int[max + 1];
        for (int v : values) {
            histogram[v]++;
        }
        double median = len % 2 == 1 ? valueAtRank(histogram, len / 2)
                : ((double) valueAtRank(histogram, len / 2 - 1) + valueAtRank(histogram, len / 2)) / 2;
        return new AnalysisStatistics.Distribution(min, median, (double) sum / len, max);
    }

    /** The value at 0-based {@code rank} in sorted order. */
    private static int valueAtRank(int[] histogram, int rank) {
        int seen = 0;
        for (int v = 0; v < histogram.length; v++) {
            seen += histogram[v];
            if (seen > rank) {
                return v;
            }
        }
        throw new IllegalArgumentException("rank " + rank + " beyond " + seen + " values");
    }

    /** Min, median, mean and max of {@code values} (sorted in place). */
    static AnalysisStatistics.Distribution distribution(double[] values) {
        if (values.length == 0) {
            return AnalysisStatistics.Distribution.EMPTY;
        }
        Arrays.sort(values);
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        int len = values.length;
        double median = len % 2 == 1 ? values[len / 2] : (values[len / 2 - 1] + values[len / 2]) / 2;
        return new AnalysisStatistics.Distribution(values[0], median, sum / len, values[len - 1]);
    }
}
