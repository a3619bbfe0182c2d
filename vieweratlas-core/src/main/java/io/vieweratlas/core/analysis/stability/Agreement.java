package io.vieweratlas.core.analysis.stability;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Agreement between two partitions of the same items given as one label per item. A negative
 * label means "in no community" (unassigned); every such item counts as a block of its own, so
 * two runs that leave the same channels unassigned agree on them without being told they belong
 * together.
 */
public final class Agreement {

    private Agreement() {
    }

    /**
     * Adjusted Rand index (Hubert and Arabie): 1 for identical partitions up to renaming, about 0
     * for independent ones, possibly negative. 1 when there are fewer than two items or when
     * both partitions are trivial in the same way (all singletons, or one block).
     */
    public static double adjustedRand(int[] a, int[] b) {
        Contingency t = Contingency.of(a, b);
        double n = a.length;
        if (n < 2) {
            return 1.0;
        }
        double sumIj = 0;
        for (int v : t.joint.values()) {
            sumIj += pairs(v);
        }
        double sumA = 0;
        for (int v : t.rows.values()) {
            sumA += pairs(v);
        }
        double sumB = 0;
        for (int v : t.cols.values()) {
            sumB += pairs(v);
        }
        double expected = sumA * sumB / pairs(n);
        double max = (sumA + sumB) / 2;
        double eps = 1e-9 * Math.max(1.0, max);
        if (Math.abs(max - expected) <= eps) {
            // both partitions trivial (all singletons, or everything in one block): ARI is 0/0
            return Math.abs(sumIj - expected) <= eps ? 1.0 : 0.0;
        }
        return (sumIj - expected) / (max - expected);
    }

    /**
     * Normalised mutual information {@code 2 I(A;B) / (H(A) + H(B))}, in [0, 1]; 1 when both
     * partitions have zero entropy (one block each).
     */
    public static double nmi(int[] a, int[] b) {
        Contingency t = Contingency.of(a, b);
        int n = a.length;
        if (n == 0) {
            return 1.0;
        }
        double ha = entropy(t.rows, n);
        double hb = entropy(t.cols, n);
        if (ha + hb == 0) {
            return 1.0;
        }
        double mi = 0;
        for (Map.Entry<Long, Integer> e : t.joint.entrySet()) {
            int x = (int) (e.getKey() >> 32);
            int y = (int) (long) e.getKey();
            double pxy = (double) e.getValue() / n;
            double px = (double) t.rows.get(x) / n;
            double py = (double) t.cols.get(y) / n;
            mi += pxy * Math.log(pxy / (px * py));
        }
        return Math.max(0.0, Math.min(1.0, 2 * mi / (ha + hb)));
    }

    private static double pairs(double k) {
        return k * (k - 1) / 2;
    }

    private static double entropy(Map<Integer, Integer> counts, int n) {
        double h = 0;
        for (int c : counts.values()) {
            double p = (double) c / n;
            h -= p * Math.log(p);
        }
        return h;
    }

    /** Block sizes of each partition and of their intersection; unassigned items become singletons. */
    private record Contingency(Map<Integer, Integer> rows, Map<Integer, Integer> cols, Map<Long, Integer> joint) {
        static Contingency of(int[] a, int[] b) {
            Objects.requireNonNull(a, "a");
            Objects.requireNonNull(b, "b");
            if (a.length != b.length) {
                throw new IllegalArgumentException("partitions cover different item counts (" + a.length + " vs "
                        + b.length + ")");
            }
            Map<Integer, Integer> rows = new HashMap<>();
            Map<Integer, Integer> cols = new HashMap<>();
            Map<Long, Integer> joint = new HashMap<>();
            for (int i = 0; i < a.length; i++) {
                // unassigned: a block of its own, labelled below every real block
                int x = a[i] >= 0 ? a[i] : -1 - i;
                int y = b[i] >= 0 ? b[i] : -1 - i;
                rows.merge(x, 1, Integer::sum);
                cols.merge(y, 1, Integer::sum);
                joint.merge(((long) x << 32) | (y & 0xffffffffL), 1, Integer::sum);
            }
            return new Contingency(rows, cols, joint);
        }
    }
}
