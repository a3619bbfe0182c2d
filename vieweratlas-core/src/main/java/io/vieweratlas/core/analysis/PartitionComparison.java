package io.vieweratlas.core.analysis;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** Compares two partitions of the same items. */
public final class PartitionComparison {

    private PartitionComparison() {
    }

    /**
     * Normalised mutual information {@code NMI = 2 I(A;B) / (H(A) + H(B))} (arithmetic-mean
     * normalisation), 1 for identical partitions up to renaming; 1 when both have a single block.
     *
     * @param a block label per item
     * @param b block label per item, same length
     */
    public static <K, L> double nmi(Map<String, K> a, Map<String, L> b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (!a.keySet().equals(b.keySet())) {
            throw new IllegalArgumentException("partitions cover different items (" + a.size() + " vs " + b.size() + ")");
        }
        int n = a.size();
        if (n == 0) {
            return 1.0;
        }
        Map<Object, Integer> ca = new HashMap<>();
        Map<Object, Integer> cb = new HashMap<>();
        Map<Map.Entry<Object, Object>, Integer> joint = new HashMap<>();
        for (Map.Entry<String, K> e : a.entrySet()) {
            Object x = e.getValue();
            Object y = b.get(e.getKey());
            ca.merge(x, 1, Integer::sum);
            cb.merge(y, 1, Integer::sum);
            joint.merge(Map.entry(x, y), 1, Integer::sum);
        }
        double ha = entropy(ca, n);
        double hb = entropy(cb, n);
        if (ha + hb == 0) {
            return 1.0;
        }
        double mi = 0;
        for (Map.Entry<Map.Entry<Object, Object>, Integer> e : joint.entrySet()) {
            double pxy = (double) e.getValue() / n;
            double px = (double) ca.get(e.getKey().getKey()) / n;
            double py = (double) cb.get(e.getKey().getValue()) / n;
            mi += pxy * Math.log(pxy / (px * py));
        }
        return 2 * mi / (ha + hb);
    }

    private static double entropy(Map<Object, Integer> counts, int n) {
        double h = 0;
        for (int c : counts.values()) {
            double p = (double) c / n;
            h -= p * Math.log(p);
        }
        return h;
    }
}
