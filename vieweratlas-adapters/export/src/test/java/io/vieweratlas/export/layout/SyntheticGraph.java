package io.vieweratlas.export.layout;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/** A planted-partition graph for layout tests and the benchmark: dense inside communities, sparse across. */
final class SyntheticGraph {
    final int n;
    final int[] community;
    final int[] src;
    final int[] dst;
    final double[] weight;

    SyntheticGraph(int n, int communities, int edges, double inside, long seed) {
        this.n = n;
        SplittableRandom r = new SplittableRandom(seed);
        community = new int[n];
        for (int i = 0; i < n; i++) {
            community[i] = i % communities;
        }
        src = new int[edges];
        dst = new int[edges];
        weight = new double[edges];
        Set<Long> seen = new HashSet<>();
        int e = 0;
        while (e < edges) {
            int a = r.nextInt(n);
            int b;
            if (r.nextDouble() < inside) {
                b = (r.nextInt(n / communities) * communities + community[a]) % n;
            } else {
                b = r.nextInt(n);
            }
            if (a == b) {
                continue;
            }
            int s = Math.min(a, b);
            int t = Math.max(a, b);
            if (!seen.add((long) s * n + t)) {
                continue;
            }
            src[e] = s;
            dst[e] = t;
            weight[e] = 1 + r.nextInt(50);
            e++;
        }
    }
}
