package io.vieweratlas.core.analysis;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

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
        Contingency table = Contingency.of(a, b);
        Map<Object, Integer> ca = table.a();
        Map<Object, Integer> cb = table.b();
        Map<Map.Entry<Object, Object>, Integer> joint = table.joint();
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

    /**
     * Adjusted Rand index (Hubert and Arabie 1985): the Rand index of pair agreements corrected for
     * chance, {@code (Σ_ij C(n_ij,2) − E) / (½(Σ_i C(a_i,2) + Σ_j C(b_j,2)) − E)} with
     * {@code E = Σ_i C(a_i,2) Σ_j C(b_j,2) / C(n,2)}: 1 for identical partitions, about 0 for
     * independent ones, negative below chance; 1 when both partitions are the same trivial one.
     *
     * @param a block label per item
     * @param b block label per item, same items
     * @return the adjusted Rand index
     */
    public static <K, L> double ari(Map<String, K> a, Map<String, L> b) {
        requireSameItems(a, b);
        int n = a.size();
        Contingency table = Contingency.of(a, b);
        Map<Object, Integer> ca = table.a();
        Map<Object, Integer> cb = table.b();
        Map<Map.Entry<Object, Object>, Integer> joint = table.joint();
        double index = 0;
        for (int c : joint.values()) {
            index += pairs(c);
        }
        double sumA = 0;
        for (int c : ca.values()) {
            sumA += pairs(c);
        }
        double sumB = 0;
        for (int c : cb.values()) {
            sumB += pairs(c);
        }
        double all = pairs(n);
        double expected = all == 0 ? 0 : sumA * sumB / all;
        double max = (sumA + sumB) / 2;
        if (max == expected) {
            return index == max ? 1.0 : 0.0;
        }
        return (index - expected) / (max - expected);
    }

    /**
     * For every block of {@code truth}, the best Jaccard similarity {@code |T ∩ F| / |T ∪ F|} of its
     * items with any block of {@code found}: how well each true block was recovered.
     *
     * @param truth block label per item (the reference)
     * @param found block label per item, same items
     * @return per block of {@code truth}, in its label's natural order, the best Jaccard in [0, 1]
     */
    public static <K extends Comparable<K>, L> SortedMap<K, Double> bestJaccard(Map<String, K> truth,
                                                                               Map<String, L> found) {
        requireSameItems(truth, found);
        Map<K, Integer> truthSize = new HashMap<>();
        Map<L, Integer> foundSize = new HashMap<>();
        Map<K, Map<L, Integer>> overlap = new HashMap<>();
        for (Map.Entry<String, K> e : truth.entrySet()) {
            K t = e.getValue();
            L f = found.get(e.getKey());
            truthSize.merge(t, 1, Integer::sum);
            foundSize.merge(f, 1, Integer::sum);
            overlap.computeIfAbsent(t, x -> new HashMap<>()).merge(f, 1, Integer::sum);
        }
        TreeMap<K, Double> best = new TreeMap<>();
        overlap.forEach((t, byFound) -> {
            double max = 0;
            for (Map.Entry<L, Integer> e : byFound.entrySet()) {
                int inter = e.getValue();
                double j = (double) inter / (truthSize.get(t) + foundSize.get(e.getKey()) - inter);
                max = Math.max(max, j);
            }
            best.put(t, max);
        });
        return best;
    }

    /** Block sizes of both partitions and of their intersections. */
    private record Contingency(Map<Object, Integer> a, Map<Object, Integer> b,
                               Map<Map.Entry<Object, Object>, Integer> joint) {
        static <K, L> Contingency of(Map<String, K> a, Map<String, L> b) {
            Contingency table = new Contingency(new HashMap<>(), new HashMap<>(), new HashMap<>());
            for (Map.Entry<String, K> e : a.entrySet()) {
                Object x = e.getValue();
                Object y = b.get(e.getKey());
                table.a.merge(x, 1, Integer::sum);
                table.b.merge(y, 1, Integer::sum);
                table.joint.merge(Map.entry(x, y), 1, Integer::sum);
            }
            return table;
        }
    }

    private static double pairs(long c) {
        return c * (c - 1) / 2.0;
    }

    private static void requireSameItems(Map<String, ?> a, Map<String, ?> b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (!a.keySet().equals(b.keySet())) {
            throw new IllegalArgumentException("partitions cover different items (" + a.size() + " vs " + b.size() + ")");
        }
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
