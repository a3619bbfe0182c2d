package io.vieweratlas.core.graph;

import io.vieweratlas.core.model.GraphEdge;
import io.vieweratlas.core.model.GraphNode;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each channel's edges are in a result's edge list: a login-to-position map over the nodes and,
 * per node, the positions of its edges in compressed sparse row form (the layout of JGraphT's
 * {@code org.jgrapht.opt.graph.sparse} graphs). It holds positions only; logins and weights stay in
 * the result's lists.
 *
 * <p>Building it checks what a simple undirected JGraphT graph needs and a hand-built result might
 * violate: unique logins, endpoints that are nodes, no loops, at most one edge per pair.
 */
final class IncidenceIndex {

    private final Map<String, Integer> vertexOf;
    /** Node {@code v}'s edge positions are {@code incident[offsets[v]] .. incident[offsets[v + 1] - 1]}. */
    private final int[] offsets;
    private final int[] incident;

    private IncidenceIndex(Map<String, Integer> vertexOf, int[] offsets, int[] incident) {
        this.vertexOf = vertexOf;
        this.offsets = offsets;
        this.incident = incident;
    }

    /**
     * Indexes {@code edges} by endpoint.
     *
     * @throws IllegalArgumentException naming the node or edge position when the lists do not form a
     *                                  simple graph
     */
    static IncidenceIndex of(List<GraphNode> nodes, List<GraphEdge> edges) {
        int n = nodes.size();
        int m = edges.size();
        Map<String, Integer> vertexOf = HashMap.newHashMap(n);
        for (int v = 0; v < n; v++) {
            Integer first = vertexOf.putIfAbsent(nodes.get(v).id(), v);
            if (first != null) {
                throw new IllegalArgumentException("nodes " + first + " and " + v + " of the result are both channel '"
                        + nodes.get(v).id() + "': a graph has each vertex once");
            }
        }
        // Endpoint positions are needed twice (degree count, then fill); keep them for the build only.
        int[] ends = new int[2 * m];
        int[] offsets = new int[n + 1];
        for (int e = 0; e < m; e++) {
            GraphEdge edge = edges.get(e);
            int s = endpoint(vertexOf, edge, edge.source(), e);
            int t = endpoint(vertexOf, edge, edge.target(), e);
            if (s == t) {
                throw new IllegalArgumentException("edge " + e + " of the result joins channel '" + edge.source()
                        + "' to itself: the channel graph has no loops");
            }
            ends[2 * e] = s;
            ends[2 * e + 1] = t;
            offsets[s + 1]++;
            offsets[t + 1]++;
        }
        for (int v = 0; v < n; v++) {
            offsets[v + 1] += offsets[v];
        }
        int[] incident = new int[2 * m];
        int[] next = Arrays.copyOf(offsets, n);
        for (int e = 0; e < m; e++) {
            incident[next[ends[2 * e]]++] = e;
            incident[next[ends[2 * e + 1]]++] = e;
        }
        rejectParallelEdges(edges, offsets, incident, ends);
        return new IncidenceIndex(vertexOf, offsets, incident);
    }

    private static int endpoint(Map<String, Integer> vertexOf, GraphEdge edge, String login, int e) {
        Integer v = vertexOf.get(login);
        if (v == null) {
            throw new IllegalArgumentException("edge " + e + " of the result (" + edge.source() + " -- " + edge.target()
                    + ") names channel '" + login + "', which is not among the result's nodes");
        }
        return v;
    }

    /** Marks, per node, the neighbours already seen: a second edge to one of them is a parallel edge. */
    private static void rejectParallelEdges(List<GraphEdge> edges, int[] offsets, int[] incident, int[] ends) {
        int n = offsets.length - 1;
        int[] seenFrom = new int[n];
        int[] seenAt = new int[n];
        Arrays.fill(seenFrom, -1);
        for (int v = 0; v < n; v++) {
            for (int k = offsets[v]; k < offsets[v + 1]; k++) {
                int e = incident[k];
                int other = ends[2 * e] == v ? ends[2 * e + 1] : ends[2 * e];
                if (seenFrom[other] == v) {
                    GraphEdge edge = edges.get(e);
                    throw new IllegalArgumentException("edges " + seenAt[other] + " and " + e + " of the result both join "
                            + edge.source() + " and " + edge.target() + ": the channel graph has one edge per pair");
                }
                seenFrom[other] = v;
                seenAt[other] = e;
            }
        }
    }

    /** Number of vertices. */
    int vertexCount() {
        return offsets.length - 1;
    }

    /** Position of {@code login} among the nodes, or -1 when it is not one (or is null). */
    int vertexOf(Object login) {
        Integer v = vertexOf.get(login);
        return v == null ? -1 : v;
    }

    /** Number of edges at node {@code v}. */
    int degree(int v) {
        return offsets[v + 1] - offsets[v];
    }

    /** Position in the edge list of node {@code v}'s {@code k}-th edge, {@code 0 <= k < degree(v)}. */
    int incidentEdge(int v, int k) {
        return incident[offsets[v] + k];
    }
}
