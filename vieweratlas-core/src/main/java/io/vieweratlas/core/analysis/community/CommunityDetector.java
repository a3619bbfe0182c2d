package io.vieweratlas.core.analysis.community;

import io.vieweratlas.core.analysis.CommunityAlgorithm;
import nl.cwts.networkanalysis.Clustering;
import nl.cwts.networkanalysis.IterativeCPMClusteringAlgorithm;
import nl.cwts.networkanalysis.LeidenAlgorithm;
import nl.cwts.networkanalysis.LouvainAlgorithm;
import nl.cwts.networkanalysis.Network;
import nl.cwts.util.LargeDoubleArray;
import nl.cwts.util.LargeIntArray;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Random;

/**
 * Stage 4: communities that maximise {@link Modularity} with resolution {@code γ}, by the Leiden
 * algorithm (default; communities are guaranteed connected) or Louvain, as implemented by the
 * Leiden authors' library (CWTS {@code networkanalysis}). Modularity is optimised as CPM on a
 * network whose node weights are the strengths, with CPM resolution {@code γ / 2m}, which is the
 * same objective. A {@code java.util.Random} seeded with {@code seed} drives all randomness, so
 * equal input and seed give an equal partition.
 *
 * <p>Communities are numbered by size (largest first; ties by their first node index, i.e. by the
 * smallest channel login); communities below {@code minCommunitySize} become
 * {@link #UNASSIGNED}.
 */
public final class CommunityDetector {

    /** Community of nodes in communities below the minimum size. */
    public static final int UNASSIGNED = -1;
    private static final int MAX_ITERATIONS = 100;

    private CommunityDetector() {
    }

    /**
     * A detected partition.
     *
     * @param community               community per node (0 = largest) or {@link #UNASSIGNED}
     * @param communities             communities of at least the minimum size
     * @param communitiesBeforeMinSize communities found in total
     * @param modularity              {@link Modularity} of the full detected partition (before unassigning)
     * @param disconnected            communities whose nodes are not connected by edges inside the community
     * @param iterations              algorithm iterations until no further change
     * @param splits                  communities the split check divided (0 without the check)
     */
    public record Partition(int[] community, int communities, int communitiesBeforeMinSize, double modularity,
                            int disconnected, int iterations, int splits) {
    }

    /**
     * Detects communities.
     *
     * @param nodes  node count
     * @param source one end per edge (each undirected edge once)
     * @param target other end per edge
     * @param weight positive weight per edge
     */
    public static Partition detect(int nodes, int[] source, int[] target, double[] weight,
                                   CommunityAlgorithm algorithm, double resolution, long seed,
                                   int minCommunitySize) {
        return detect(nodes, source, target, weight, algorithm, resolution, seed, minCommunitySize, false);
    }

    /**
     * Detects communities and, with {@code splitCheck}, then splits every community that holds
     * communities of its own which modularity's resolution limit merged (the check and why it is
     * needed: {@code SplitCheck}; the option is {@code split_communities}).
     *
     * @param nodes  node count
     * @param source one end per edge (each undirected edge once)
     * @param target other end per edge
     * @param weight positive weight per edge
     */
    public static Partition detect(int nodes, int[] source, int[] target, double[] weight,
                                   CommunityAlgorithm algorithm, double resolution, long seed,
                                   int minCommunitySize, boolean splitCheck) {
        Raw result = nodes == 0 ? new Raw(new int[0], 0)
                : cluster(nodes, source, target, weight, algorithm, resolution, seed);
        int[] raw = result.clusters;
        int iterations = result.iterations;
        int splits = 0;
        if (splitCheck && nodes > 0) {
            SplitCheck.Result checked = SplitCheck.apply(nodes, source, target, weight, raw, seed,
                    (n, s, t, w, gamma, sd) -> cluster(n, s, t, w, algorithm, gamma, sd).clusters);
            raw = checked.clusters();
            splits = checked.splits();
        }
        double q = Modularity.of(nodes, source, target, weight, raw, resolution);
        int k = 0;
        for (int c : raw) {
            k = Math.max(k, c + 1);
        }
        int[] size = new int[k];
        int[] first = new int[k];
        Arrays.fill(first, Integer.MAX_VALUE);
        for (int i = 0; i < nodes; i++) {
            size[raw[i]]++;
            first[raw[i]] = Math.min(first[raw[i]], i);
        }
        Integer[] order = new Integer[k];
        for (int c = 0; c < k; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (a, b) -> size[a] != size[b] ? Integer.compare(size[b], size[a])
                : Integer.compare(first[a], first[b]));
        int[] newId = new int[k];
        int kept = 0;
        int nonEmpty = 0;
        for (int c : order) {
            if (size[c] == 0) {
                newId[c] = UNASSIGNED;
                continue;
            }
            nonEmpty++;
            newId[c] = size[c] >= minCommunitySize ? kept++ : UNASSIGNED;
        }
        int[] community = new int[nodes];
        for (int i = 0; i < nodes; i++) {
            community[i] = newId[raw[i]];
        }
        int disconnected = countDisconnected(nodes, source, target, raw, k);
        return new Partition(community, kept, nonEmpty, q, disconnected, iterations, splits);
    }

    private record Raw(int[] clusters, int iterations) {
    }

    private static Raw cluster(int nodes, int[] source, int[] target, double[] weight,
                               CommunityAlgorithm algorithm, double resolution, long seed) {
        int m = source.length;
        long[] firstNeighbor = new long[nodes + 1];
        for (int e = 0; e < m; e++) {
            firstNeighbor[source[e] + 1]++;
            firstNeighbor[target[e] + 1]++;
        }
        for (int i = 0; i < nodes; i++) {
            firstNeighbor[i + 1] += firstNeighbor[i];
        }
        int[] fill = new int[nodes];
        for (int i = 0; i < nodes; i++) {
            fill[i] = (int) firstNeighbor[i];
        }
        int[] nb = new int[2 * m];
        double[] w = new double[2 * m];
        // keep every neighbour list sorted, as the library expects
        if (sortedPairs(source, target)) {
            // edges (source < target) in (source, target) order, as the overlap graph gives them: in
            // one pass, node u receives its smaller neighbours v from the edges (v, u) of the
            // earlier sources, ascending, then its larger ones from its own edges (u, v), ascending
            for (int e = 0; e < m; e++) {
                int s = source[e];
                int t = target[e];
                double x = weight[e];
                nb[fill[s]] = t;
                w[fill[s]++] = x;
                nb[fill[t]] = s;
                w[fill[t]++] = x;
            }
        } else {
            // any other order: edges (source < target) sorted by target give each node its smaller
            // neighbours in order, edges sorted by source its larger ones
            int[] byTarget = sortedByTarget(source, target);
            int[] bySource = sortedBySource(source, target);
            for (int idx : byTarget) {
                int u = target[idx];
                nb[fill[u]] = source[idx];
                w[fill[u]++] = weight[idx];
            }
            for (int idx : bySource) {
                int u = source[idx];
                nb[fill[u]] = target[idx];
                w[fill[u]++] = weight[idx];
            }
        }
        Network network = new Network(nodes, true, firstNeighbor, new LargeIntArray(nb), new LargeDoubleArray(w),
                false);
        double twoM = 0;
        for (double x : w) {
            twoM += x;
        }
        if (twoM == 0) {
            int[] singles = new int[nodes];
            for (int i = 0; i < nodes; i++) {
                singles[i] = i;
            }
            return new Raw(singles, 0);
        }
        double cpm = resolution / twoM;
        Random random = new Random(seed);
        IterativeCPMClusteringAlgorithm alg = algorithm == CommunityAlgorithm.LEIDEN
                ? new LeidenAlgorithm(cpm, 1, LeidenAlgorithm.DEFAULT_RANDOMNESS, random)
                : new LouvainAlgorithm(cpm, 1, random);
        Clustering clustering = new Clustering(nodes);
        int it = 0;
        while (it < MAX_ITERATIONS) {
            it++;
            if (!alg.improveClustering(network, clustering)) {
                break;
            }
        }
        return new Raw(clustering.getClusters().clone(), it);
    }

    /** Whether every edge has {@code source < target} and the edges are in (source, target) order. */
    static boolean sortedPairs(int[] source, int[] target) {
        int ps = -1;
        int pt = -1;
        for (int e = 0; e < source.length; e++) {
            int s = source[e];
            int t = target[e];
            if (s >= t || s < ps || s == ps && t < pt) {
                return false;
            }
            ps = s;
            pt = t;
        }
        return true;
    }

    private static int[] sortedByTarget(int[] source, int[] target) {
        return sortedBy(target, source);
    }

    private static int[] sortedBySource(int[] source, int[] target) {
        return sortedBy(source, target);
    }

    /** Edge indices sorted by (primary, secondary), as packed longs (no boxing). */
    private static int[] sortedBy(int[] primary, int[] secondary) {
        int m = primary.length;
        long[] keys = new long[m];
        for (int e = 0; e < m; e++) {
            keys[e] = ((long) primary[e] << 42) | ((long) secondary[e] << 21) | e;
        }
        if (m >= (1 << 21) || primary.length > 0 && maxOf(primary, secondary) >= (1 << 21)) {
            return sortedBoxed(primary, secondary);
        }
        Arrays.sort(keys);
        int[] out = new int[m];
        for (int e = 0; e < m; e++) {
            out[e] = (int) (keys[e] & ((1 << 21) - 1));
        }
        return out;
    }

    private static int maxOf(int[] a, int[] b) {
        int max = 0;
        for (int x : a) {
            max = Math.max(max, x);
        }
        for (int x : b) {
            max = Math.max(max, x);
        }
        return max;
    }

    private static int[] sortedBoxed(int[] primary, int[] secondary) {
        int m = primary.length;
        Integer[] idx = new Integer[m];
        for (int e = 0; e < m; e++) {
            idx[e] = e;
        }
        Arrays.sort(idx, (a, b) -> primary[a] != primary[b] ? Integer.compare(primary[a], primary[b])
                : Integer.compare(secondary[a], secondary[b]));
        int[] out = new int[m];
        for (int e = 0; e < m; e++) {
            out[e] = idx[e];
        }
        return out;
    }

    /** Communities (of {@code raw}, ids below {@code k}) whose nodes do not form one connected piece. */
    static int countDisconnected(int nodes, int[] source, int[] target, int[] raw, int k) {
        int m = source.length;
        int[] off = new int[nodes + 1];
        for (int e = 0; e < m; e++) {
            if (raw[source[e]] == raw[target[e]]) {
                off[source[e] + 1]++;
                off[target[e] + 1]++;
            }
        }
        for (int i = 0; i < nodes; i++) {
            off[i + 1] += off[i];
        }
        int[] fill = Arrays.copyOf(off, nodes);
        int[] adj = new int[off[nodes]];
        for (int e = 0; e < m; e++) {
            if (raw[source[e]] == raw[target[e]]) {
                adj[fill[source[e]]++] = target[e];
                adj[fill[target[e]]++] = source[e];
            }
        }
        boolean[] seen = new boolean[nodes];
        int[] pieces = new int[k];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int s = 0; s < nodes; s++) {
            if (seen[s]) {
                continue;
            }
            pieces[raw[s]]++;
            seen[s] = true;
            queue.add(s);
            while (!queue.isEmpty()) {
                int u = queue.poll();
                for (int p = off[u]; p < off[u + 1]; p++) {
                    int v = adj[p];
                    if (!seen[v]) {
                        seen[v] = true;
                        queue.add(v);
                    }
                }
            }
        }
        int disconnected = 0;
        for (int c = 0; c < k; c++) {
            if (pieces[c] > 1) {
                disconnected++;
            }
        }
        return disconnected;
    }
}
