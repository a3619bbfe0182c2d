package io.vieweratlas.export.layout;

import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.GraphEdge;
import io.vieweratlas.core.model.GraphNode;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A result's graph as the arrays the force layout works on: node {@code i} is the result's node {@code i},
 * an edge joins two distinct listed nodes. Both the single-window and the series layout start from it.
 *
 * @param n         number of nodes
 * @param community community of each node, {@code -1} for none
 * @param src       edge sources (node indexes)
 * @param dst       edge targets
 * @param weight    edge weights
 */
record IndexedGraph(int n, int[] community, int[] src, int[] dst, double[] weight) {

    static IndexedGraph of(AnalysisResult result) {
        List<GraphNode> nodes = result.nodes();
        int n = nodes.size();
        Map<String, Integer> index = new HashMap<>(n * 2);
        int[] community = new int[n];
        for (int i = 0; i < n; i++) {
            index.put(nodes.get(i).id(), i);
            community[i] = nodes.get(i).community();
        }
        List<GraphEdge> edges = result.edges();
        int[] src = new int[edges.size()];
        int[] dst = new int[edges.size()];
        double[] weight = new double[edges.size()];
        int e = 0;
        for (GraphEdge edge : edges) {
            Integer s = index.get(edge.source());
            Integer t = index.get(edge.target());
            if (s == null || t == null || s.equals(t)) {
                continue; // an edge to a channel not in the node list cannot be placed; skip it
            }
            src[e] = s;
            dst[e] = t;
            weight[e] = edge.weight();
            e++;
        }
        return new IndexedGraph(n, community, Arrays.copyOf(src, e), Arrays.copyOf(dst, e), Arrays.copyOf(weight, e));
    }
}
