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
        double[] degree = new double[n];
        double[] weights = new double[m];
        double[] shared = new double[m];
        for (int e = 0; e < m; e++) {
            int a = g.source()[e];
            int b = g.target()[e];
            degree[a]++;
            degree[b]++;
            weights[e] = g.weight()[e];
            shared[e] = g.shared()[e];
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
        return new AnalysisStatistics.Graph(n, m, density, components, isolated, distribution(degree),
                distribution(weights), distribution(shared), g.pairCounting(), g.pairIncrements());
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
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
