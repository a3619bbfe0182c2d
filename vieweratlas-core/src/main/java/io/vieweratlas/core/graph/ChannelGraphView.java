package io.vieweratlas.core.graph;

import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.GraphEdge;
import io.vieweratlas.core.model.GraphNode;
import org.jgrapht.GraphType;
import org.jgrapht.graph.AbstractGraph;
import org.jgrapht.graph.DefaultGraphType;

import java.util.AbstractSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A read-only, undirected, weighted JGraphT graph over an {@link AnalysisResult}'s node and edge lists:
 * vertices are channel logins, edges {@link ChannelEdge}s created on demand from the result's
 * {@link GraphEdge}s, weights the analysis weights. Sets returned are live, unmodifiable views.
 *
 * <p>The result is immutable and the index is built in the constructor, so a view is safe to share
 * between threads.
 */
final class ChannelGraphView extends AbstractGraph<String, ChannelEdge> {

    static final String READ_ONLY = "the channel graph of an analysis result is a read-only view:"
            + " copy it into a mutable JGraphT graph to change it (see ChannelGraphs.view)";

    private static final GraphType TYPE = new DefaultGraphType.Builder()
            .undirected().weighted(true).modifiable(false)
            .allowSelfLoops(false).allowMultipleEdges(false).allowCycles(true)
            .build();

    private final List<GraphNode> nodes;
    private final List<GraphEdge> edges;
    private final IncidenceIndex index;
    private final Set<String> vertexSet = new VertexSet();
    private final Set<ChannelEdge> edgeSet = new EdgeSet();

    ChannelGraphView(AnalysisResult result) {
        this.nodes = result.nodes();
        this.edges = result.edges();
        this.index = IncidenceIndex.of(nodes, edges);
    }

    // ---- structure ----

    @Override
    public GraphType getType() {
        return TYPE;
    }

    @Override
    public Set<String> vertexSet() {
        return vertexSet;
    }

    @Override
    public Set<ChannelEdge> edgeSet() {
        return edgeSet;
    }

    @Override
    public boolean containsVertex(String v) {
        return index.vertexOf(v) >= 0;
    }

    @Override
    public boolean containsEdge(ChannelEdge e) {
        return e != null && e.index() < edges.size() && edges.get(e.index()).equals(e.edge());
    }

    @Override
    public ChannelEdge getEdge(String sourceVertex, String targetVertex) {
        int s = index.vertexOf(sourceVertex);
        int t = index.vertexOf(targetVertex);
        if (s < 0 || t < 0) {
            return null;
        }
        int e = index.edgeBetween(s, t);
        return e < 0 ? null : new ChannelEdge(e, edges.get(e));
    }

    @Override
    public Set<ChannelEdge> getAllEdges(String sourceVertex, String targetVertex) {
        if (!containsVertex(sourceVertex) || !containsVertex(targetVertex)) {
            return null; // JGraphT's contract for a vertex not in the graph
        }
        ChannelEdge e = getEdge(sourceVertex, targetVertex);
        return e == null ? Set.of() : Set.of(e);
    }

    @Override
    public int degreeOf(String vertex) {
        return index.degree(requireVertex(vertex));
    }

    @Override
    public Set<ChannelEdge> edgesOf(String vertex) {
        return new IncidentEdges(vertex, requireVertex(vertex));
    }

    @Override
    public int inDegreeOf(String vertex) {
        return degreeOf(vertex);
    }

    @Override
    public Set<ChannelEdge> incomingEdgesOf(String vertex) {
        return edgesOf(vertex);
    }

    @Override
    public int outDegreeOf(String vertex) {
        return degreeOf(vertex);
    }

    @Override
    public Set<ChannelEdge> outgoingEdgesOf(String vertex) {
        return edgesOf(vertex);
    }

    @Override
    public String getEdgeSource(ChannelEdge e) {
        return requireEdge(e).source();
    }

    @Override
    public String getEdgeTarget(ChannelEdge e) {
        return requireEdge(e).target();
    }

    @Override
    public double getEdgeWeight(ChannelEdge e) {
        return requireEdge(e).weight();
    }

    /** None: the view creates no vertices. */
    @Override
    public Supplier<String> getVertexSupplier() {
        return null;
    }

    /** None: the view creates no edges. */
    @Override
    public Supplier<ChannelEdge> getEdgeSupplier() {
        return null;
    }

    private int requireVertex(String vertex) {
        Objects.requireNonNull(vertex, "vertex");
        int v = index.vertexOf(vertex);
        if (v < 0) {
            throw new IllegalArgumentException("no such vertex in graph: " + vertex);
        }
        return v;
    }

    private GraphEdge requireEdge(ChannelEdge e) {
        Objects.requireNonNull(e, "edge");
        if (!containsEdge(e)) {
            throw new IllegalArgumentException("no such edge in graph: " + e);
        }
        return e.edge();
    }

    // ---- mutators: all refused, whatever the argument ----

    @Override
    public ChannelEdge addEdge(String sourceVertex, String targetVertex) {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    @Override
    public boolean addEdge(String sourceVertex, String targetVertex, ChannelEdge e) {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    @Override
    public String addVertex() {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    @Override
    public boolean addVertex(String v) {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    @Override
    public boolean removeAllEdges(Collection<? extends ChannelEdge> edges) {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    @Override
    public Set<ChannelEdge> removeAllEdges(String sourceVertex, String targetVertex) {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    @Override
    public boolean removeAllVertices(Collection<? extends String> vertices) {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    @Override
    public ChannelEdge removeEdge(String sourceVertex, String targetVertex) {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    @Override
    public boolean removeEdge(ChannelEdge e) {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    @Override
    public boolean removeVertex(String v) {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    @Override
    public void setEdgeWeight(ChannelEdge e, double weight) {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    @Override
    public void setEdgeWeight(String sourceVertex, String targetVertex, double weight) {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    // ---- live set views ----

    /** Refuses every change with {@link #READ_ONLY}, where the JDK's defaults would throw without a message. */
    private abstract static class ReadOnlySet<T> extends AbstractSet<T> {
        @Override
        public boolean add(T t) {
            throw new UnsupportedOperationException(READ_ONLY);
        }

        @Override
        public boolean addAll(Collection<? extends T> c) {
            throw new UnsupportedOperationException(READ_ONLY);
        }

        @Override
        public boolean remove(Object o) {
            throw new UnsupportedOperationException(READ_ONLY);
        }

        @Override
        public boolean removeAll(Collection<?> c) {
            throw new UnsupportedOperationException(READ_ONLY);
        }

        @Override
        public boolean retainAll(Collection<?> c) {
            throw new UnsupportedOperationException(READ_ONLY);
        }

        @Override
        public boolean removeIf(Predicate<? super T> filter) {
            throw new UnsupportedOperationException(READ_ONLY);
        }

        @Override
        public void clear() {
            throw new UnsupportedOperationException(READ_ONLY);
        }
    }

    private final class VertexSet extends ReadOnlySet<String> {
        @Override
        public int size() {
            return nodes.size();
        }

        @Override
        public boolean contains(Object o) {
            return index.vertexOf(o) >= 0;
        }

        @Override
        public Iterator<String> iterator() {
            return new Positions<>(nodes.size()) {
                @Override
                String at(int i) {
                    return nodes.get(i).id();
                }
            };
        }
    }

    private final class EdgeSet extends ReadOnlySet<ChannelEdge> {
        @Override
        public int size() {
            return edges.size();
        }

        @Override
        public boolean contains(Object o) {
            return o instanceof ChannelEdge e && containsEdge(e);
        }

        @Override
        public Iterator<ChannelEdge> iterator() {
            return new Positions<>(edges.size()) {
                @Override
                ChannelEdge at(int i) {
                    return new ChannelEdge(i, edges.get(i));
                }
            };
        }
    }

    private final class IncidentEdges extends ReadOnlySet<ChannelEdge> {
        private final String login;
        private final int vertex;

        IncidentEdges(String login, int vertex) {
            this.login = login;
            this.vertex = vertex;
        }

        @Override
        public int size() {
            return index.degree(vertex);
        }

        @Override
        public boolean contains(Object o) {
            return o instanceof ChannelEdge e && containsEdge(e)
                    && (e.source().equals(login) || e.target().equals(login));
        }

        @Override
        public Iterator<ChannelEdge> iterator() {
            return new Positions<>(index.degree(vertex)) {
                @Override
                ChannelEdge at(int k) {
                    int e = index.incidentEdge(vertex, k);
                    return new ChannelEdge(e, edges.get(e));
                }
            };
        }
    }

    /** Iterates positions {@code 0 .. size - 1}, mapping each to an element; {@code remove} is refused. */
    private abstract static class Positions<T> implements Iterator<T> {
        private final int size;
        private int next;

        Positions(int size) {
            this.size = size;
        }

        abstract T at(int i);

        @Override
        public boolean hasNext() {
            return next < size;
        }

        @Override
        public T next() {
            if (next >= size) {
                throw new NoSuchElementException();
            }
            return at(next++);
        }

        @Override
        public void remove() {
            throw new UnsupportedOperationException(READ_ONLY);
        }
    }
}
