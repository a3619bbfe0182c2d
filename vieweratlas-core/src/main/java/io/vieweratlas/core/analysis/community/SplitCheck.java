package io.vieweratlas.core.analysis.community;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Splits communities that hide communities of their own.
 *
 * <p>Modularity has a resolution limit: two small communities that one stray edge links score
 * higher merged than apart once their strengths are small against the whole graph's, whatever
 * their internal structure (Fortunato and Barthélemy, PNAS 104, 2007). On lakes with many small
 * communities this merges them in pairs. Looking at a community on its own removes the rest of
 * the graph from the comparison: each community is clustered again as a graph of its own
 * (modularity, {@code γ = 1}), and the split is kept when its modularity exceeds, by
 * {@value #MARGIN}, the best that the same clustering finds on {@value #NULL_GRAPHS} random graphs
 * with the community's own degree sequence and edge weights (degree-preserving edge swaps). A
 * community without structure of its own splits about as well as its randomised copies and is
 * kept whole; two communities merged by the resolution limit split far better than theirs (0.4
 * against 0.1 on the quality benchmark's family). The parts of a kept split are checked again.
 *
 * <p>The margin was chosen on the quality benchmark's full family (docs/GUIDE.md, section 2.1):
 * with it no lake scores lower than without the check; with 0.02, sparse lakes (one snapshot),
 * whose random subgraphs already split well, lose up to 0.01 NMI.
 *
 * <p>Deterministic: every random choice is drawn from a stream seeded with the detection seed and
 * the community's smallest node, so the result does not depend on the order communities are
 * checked in.
 */
final class SplitCheck {

    /** How much better than its random copies a community's split must be to be kept. */
    static final double MARGIN = 0.1;
    /** Random copies per check; a split that fails against the first is not tried on the rest. */
    static final int NULL_GRAPHS = 3;
    /** Swaps tried per edge when randomising; ten give a copy without memory of the original order. */
    private static final int SWAPS_PER_EDGE = 10;
    /** Smallest community checked: fewer nodes cannot hold two communities of two. */
    private static final int SMALLEST_CHECKED = 4;

    /** Clusters a graph of {@code nodes} nodes at a resolution and seed, as the detector does. */
    interface Clusterer {
        int[] cluster(int nodes, int[] source, int[] target, double[] weight, double resolution, long seed);
    }

    /**
     * The outcome.
     *
     * @param clusters cluster per node (ids need not be contiguous)
     * @param splits   communities that were split (each kept split counts once)
     */
    record Result(int[] clusters, int splits) {
    }

    private SplitCheck() {
    }

    /**
     * Checks every cluster of {@code clusters} (one id per node, {@code >= 0}) and returns the
     * clusters after the kept splits.
     */
    static Result apply(int nodes, int[] source, int[] target, double[] weight, int[] clusters, long seed,
                        Clusterer clusterer) {
        int k = 0;
        for (int c : clusters) {
            k = Math.max(k, c + 1);
        }
        int[] count = new int[k + 1];
        for (int c : clusters) {
            count[c + 1]++;
        }
        for (int c = 0; c < k; c++) {
            count[c + 1] += count[c];
        }
        int[] members = new int[nodes];
        int[] fill = Arrays.copyOf(count, k);
        for (int i = 0; i < nodes; i++) {
            members[fill[clusters[i]]++] = i;
        }
        Adjacency adjacency = Adjacency.of(nodes, source, target, weight);
        int[] out = new int[nodes];
        int next = 0;
        int splits = 0;
        int[] local = new int[nodes];
        Arrays.fill(local, -1);
        for (int c = 0; c < k; c++) {
            if (count[c + 1] == count[c]) {
                continue;
            }
            List<int[]> parts = new ArrayList<>();
            splits += check(Arrays.copyOfRange(members, count[c], count[c + 1]), adjacency, local, seed, clusterer,
                    parts);
            for (int[] part : parts) {
                for (int node : part) {
                    out[node] = next;
                }
                next++;
            }
        }
        return new Result(out, splits);
    }

    /** Checks one group of nodes (ascending), adding its final parts to {@code parts}; returns the splits kept. */
    private static int check(int[] group, Adjacency adjacency, int[] local, long seed, Clusterer clusterer,
                             List<int[]> parts) {
        if (group.length < SMALLEST_CHECKED) {
            parts.add(group);
            return 0;
        }
        Subgraph sub = Subgraph.of(group, adjacency, local);
        if (sub.source.length == 0) {
            parts.add(group);
            return 0;
        }
        int[] split = clusterer.cluster(group.length, sub.source, sub.target, sub.weight, 1.0, seed);
        int pieces = Arrays.stream(split).max().orElse(0) + 1;
        if (pieces < 2) {
            parts.add(group);
            return 0;
        }
        double q = Modularity.of(group.length, sub.source, sub.target, sub.weight, split, 1.0);
        if (q <= MARGIN) {
            // the best split of a random copy has modularity of about 0 or more (the copy as one
            // community has 0), so this split cannot beat it by the margin: no copy is drawn
            parts.add(group);
            return 0;
        }
        SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (group[0] + 1L)));
        for (int r = 0; r < NULL_GRAPHS; r++) {
            int[][] swapped = Subgraph.rewired(sub.source, sub.target, random);
            int[] nullSplit = clusterer.cluster(group.length, swapped[0], swapped[1], sub.weight, 1.0, seed + r + 1);
            double nullQ = Modularity.of(group.length, swapped[0], swapped[1], sub.weight, nullSplit, 1.0);
            if (q <= nullQ + MARGIN) {
                parts.add(group);
                return 0;
            }
        }
        int kept = 1;
        for (int p = 0; p < pieces; p++) {
            int[] part = indicesOf(group, split, p);
            if (part.length > 0) {
                kept += check(part, adjacency, local, seed, clusterer, parts);
            }
        }
        return kept;
    }

    private static int[] indicesOf(int[] group, int[] split, int piece) {
        int n = 0;
        for (int x : split) {
            if (x == piece) {
                n++;
            }
        }
        int[] out = new int[n];
        int j = 0;
        for (int i = 0; i < group.length; i++) {
            if (split[i] == piece) {
                out[j++] = group[i];
            }
        }
        return out;
    }

    /** The graph as neighbour lists (both directions). */
    private record Adjacency(int[] offset, int[] neighbour, double[] weight) {
        static Adjacency of(int nodes, int[] source, int[] target, double[] weight) {
            int[] offset = new int[nodes + 1];
            for (int e = 0; e < source.length; e++) {
                offset[source[e] + 1]++;
                offset[target[e] + 1]++;
            }
            for (int i = 0; i < nodes; i++) {
                offset[i + 1] += offset[i];
            }
            int[] fill = Arrays.copyOf(offset, nodes);
            int[] nb = new int[2 * source.length];
            double[] w = new double[2 * source.length];
            for (int e = 0; e < source.length; e++) {
                nb[fill[source[e]]] = target[e];
                w[fill[source[e]]++] = weight[e];
                nb[fill[target[e]]] = source[e];
                w[fill[target[e]]++] = weight[e];
            }
            return new Adjacency(offset, nb, w);
        }
    }

    /** The edges inside one group, in local node numbers. */
    private record Subgraph(int[] source, int[] target, double[] weight) {
        static Subgraph of(int[] group, Adjacency adjacency, int[] local) {
            for (int i = 0; i < group.length; i++) {
                local[group[i]] = i;
            }
            int m = 0;
            for (int u : group) {
                for (int p = adjacency.offset[u]; p < adjacency.offset[u + 1]; p++) {
                    if (local[adjacency.neighbour[p]] > local[u]) {
                        m++;
                    }
                }
            }
            int[] s = new int[m];
            int[] t = new int[m];
            double[] w = new double[m];
            int e = 0;
            for (int u : group) {
                for (int p = adjacency.offset[u]; p < adjacency.offset[u + 1]; p++) {
                    int v = local[adjacency.neighbour[p]];
                    if (v > local[u]) {
                        s[e] = local[u];
                        t[e] = v;
                        w[e++] = adjacency.weight[p];
                    }
                }
            }
            for (int u : group) {
                local[u] = -1;
            }
            return new Subgraph(s, t, w);
        }

        /**
         * A random graph with the same degrees: double edge swaps that keep the graph simple. Edge
         * weights stay with their edge slots, so each node keeps its edge count and the weights
         * are dealt out again at random.
         */
        static int[][] rewired(int[] source, int[] target, SplittableRandom random) {
            int m = source.length;
            int[] a = source.clone();
            int[] b = target.clone();
            if (m < 2) {
                return new int[][] {a, b};
            }
            EdgeSet present = new EdgeSet(m);
            for (int e = 0; e < m; e++) {
                present.add(key(a[e], b[e]));
            }
            for (long tries = (long) SWAPS_PER_EDGE * m; tries > 0; tries--) {
                int e = random.nextInt(m);
                int f = random.nextInt(m);
                int u = a[e];
                int v = b[e];
                int x = a[f];
                int y = b[f];
                if (random.nextBoolean()) {
                    int swap = x;
                    x = y;
                    y = swap;
                }
                if (e == f || u == y || x == v || u == x || v == y) {
                    continue;
                }
                long uy = key(u, y);
                long xv = key(x, v);
                if (present.contains(uy) || present.contains(xv)) {
                    continue;
                }
                present.remove(key(u, v));
                present.remove(key(x, y));
                present.add(uy);
                present.add(xv);
                a[e] = Math.min(u, y);
                b[e] = Math.max(u, y);
                a[f] = Math.min(x, v);
                b[f] = Math.max(x, v);
            }
            return new int[][] {a, b};
        }

        private static long key(int u, int v) {
            return ((long) Math.min(u, v) << 32) | Math.max(u, v);
        }
    }

    /**
     * The edges present during swapping, as an open-addressing hash set of packed node pairs
     * (linear probing, deletion by backward shift): the swaps test and change membership ten
     * times per edge, which boxed {@code Long}s in a {@code HashSet} made the check's main cost.
     */
    private static final class EdgeSet {
        private static final long EMPTY = -1L;
        private final long[] slots;
        private final int mask;

        EdgeSet(int expected) {
            int capacity = Integer.highestOneBit(Math.max(4, expected * 4) - 1) << 1;
            slots = new long[capacity];
            Arrays.fill(slots, EMPTY);
            mask = capacity - 1;
        }

        private int home(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h >>> 40) & mask;
        }

        boolean contains(long key) {
            for (int i = home(key); ; i = (i + 1) & mask) {
                if (slots[i] == key) {
                    return true;
                }
                if (slots[i] == EMPTY) {
                    return false;
                }
            }
        }

        void add(long key) {
            int i = home(key);
            while (slots[i] != EMPTY) {
                if (slots[i] == key) {
                    return;
                }
                i = (i + 1) & mask;
            }
            slots[i] = key;
        }

        void remove(long key) {
            int i = home(key);
            while (slots[i] != key) {
                if (slots[i] == EMPTY) {
                    return;
                }
                i = (i + 1) & mask;
            }
            // shift later entries of the probe run back, so that lookups never stop early
            int gap = i;
            for (int j = (gap + 1) & mask; slots[j] != EMPTY; j = (j + 1) & mask) {
                int h = home(slots[j]);
                boolean movable = gap <= j ? h <= gap || h > j : h <= gap && h > j;
                if (movable) {
                    slots[gap] = slots[j];
                    gap = j;
                }
            }
            slots[gap] = EMPTY;
        }
    }
}
