package io.vieweratlas.core.analysis.community;

/**
 * Modularity with a resolution parameter, for an undirected weighted graph given as an edge list
 * (each edge once, no self-loops) and a partition:
 *
 * <pre>
 *   Q = Σ_c [ L_c / m  −  γ · ( d_c / (2m) )² ]
 * </pre>
 *
 * where {@code m} is the total edge weight, {@code L_c} the total weight of edges with both ends
 * in community {@code c}, {@code d_c} the sum of the weighted degrees (strengths) of its nodes and
 * {@code γ} the resolution. This equals Newman's {@code (1/2m) Σ_ij [A_ij − γ k_i k_j / 2m] δ(c_i, c_j)};
 * at {@code γ = 1} it is the classic modularity (Zachary's karate club: about 0.42 for the best
 * partition). Nodes without edges do not change {@code Q}.
 */
public final class Modularity {

    private Modularity() {
    }

    /**
     * Computes {@code Q}.
     *
     * @param nodes      number of nodes
     * @param source     one end per edge
     * @param target     other end per edge
     * @param weight     weight per edge
     * @param community  community per node, {@code >= 0}
     * @param resolution {@code γ}
     * @return the modularity, 0 for a graph without edges
     */
    public static double of(int nodes, int[] source, int[] target, double[] weight, int[] community,
                            double resolution) {
        int k = 0;
        for (int i = 0; i < nodes; i++) {
            if (community[i] < 0) {
                throw new IllegalArgumentException("community of node " + i + " is negative");
            }
            k = Math.max(k, community[i] + 1);
        }
        double[] internal = new double[k];
        double[] degree = new double[k];
        double m = 0;
        for (int e = 0; e < source.length; e++) {
            double w = weight[e];
            m += w;
            int a = community[source[e]];
            int b = community[target[e]];
            degree[a] += w;
            degree[b] += w;
            if (a == b) {
                internal[a] += w;
            }
        }
        if (m == 0) {
            return 0;
        }
        double q = 0;
        for (int c = 0; c < k; c++) {
            double share = degree[c] / (2 * m);
            q += internal[c] / m - resolution * share * share;
        }
        return q;
    }
}
