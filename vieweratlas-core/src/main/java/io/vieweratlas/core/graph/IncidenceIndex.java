package io.vieweratlas.core.graph;

import io.vieweratlas.core.model.GraphEdge;
import io.vieweratlas.core.model.GraphNode;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each channel's edges are in a result's edge list: a login-to-position map over the nodes and,
 * per node, its neighbours' positions (ascending) with the positions of the edges to them, in
 * compressed sparse row form (the layout of JGraphT's {@code org.jgrapht.opt.graph.sparse} graphs).
 * It holds positions only; logins and weights stay in the result's lists. Sorted neighbours make an
 * edge lookup a binary search, which algorithms such as clustering coefficients do for every pair of
 * a vertex's neighbours.
 *
 * <p>Building it checks what a simple undirected JGraphT graph needs and a hand-built result might
 * violate: unique logins, endpoints that are nodes, no loops, at most one edge per pair.
 */
final class IncidenceIndex {

    private final Map<String, Integer> vertexOf;
    /** Node {@code v}'s entries are at {@code offsets[v] .. offsets[v + 1] - 1} of the two arrays below. */
    private final int[] offsets;
    /** Neighbour positions among the nodes, ascending within each node's entries. */
    private final int[] neighbour;
    /** Position in the edge list of the edge to the neighbour at the same entry. */
    private final int[] incident;

    private IncidenceIndex(Map<String, Integer> vertexOf, int[] offsets, int[] neighbour, int[] incident) {
        this.vertexOf = vertexOf;
        this.offsets = offsets;
        this.neighbour = neighbour;
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
        // (neighbour, edge) packed in a long, so that sorting a node's entries orders them by neighbour.
        long[] entries = new long[2 * m];
        int[] next = Arrays.copyOf(offsets, n);
        for (int e = 0; e < m; e++) {
            int s = ends[2 * e];
            int t = ends[2 * e + 1];
            entries[next[s]++] = (long) t << 32 | e;
            entries[next[t]++] = (long) s << 32 | e;
        }
        int[] neighbour = new int[2 * m];
        int[] incident = new int[2 * m];
        for (int v = 0; v < n; v++) {
            Arrays.sort(entries, offsets[v], offsets[v + 1]);
            for (int k = offsets[v]; k < offsets[v + 1]; k++) {
                neighbour[k] = (int) (entries[k] >>> 32);
                incident[k] = (int) entries[k];
                if (k > offsets[v] && neighbour[k] == neighbour[k - 1]) {
                    int first = Math.min(incident[k - 1], incident[k]);
                    int second = Math.max(incident[k - 1], incident[k]);
                    GraphEdge edge = edges.get(second);
                    throw new IllegalArgumentException("edges " + first + " and " + second + " of the result both join "
                            + edge.source() + " and " + edge.target() + ": the channel graph has one edge per pair");
                }
            }
        }
        return new IncidenceIndex(vertexOf, offsets, neighbour, incident);
    }

    private static int endpoint(Map<String, Integer> vertexOf, GraphEdge edge, String login, int e) {
        Integer v = vertexOf.get(login);
        if (v == null) {
            throw new IllegalArgumentException("edge " + e + " of the result (" + edge.source() + " -- " + edge.target()
                    + ") names channel '" + login + "', which is not among the result's nodes");
        }
        return v;
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

    /** Position in the edge list of the edge between nodes {@code u} and {@code v}, or -1 when there is none. */
    int edgeBetween(int u, int v) {
        int k = Arrays.binarySearch(neighbour, offsets[u], offsets[u + 1], v);
        return k < 0 ? -1 : incident[k];
    }
}
