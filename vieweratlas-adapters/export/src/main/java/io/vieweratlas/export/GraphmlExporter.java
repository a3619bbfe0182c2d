package io.vieweratlas.export;

import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.GraphEdge;
import io.vieweratlas.core.model.GraphNode;
import io.vieweratlas.core.port.GraphExporter;
import io.vieweratlas.export.layout.GraphLayout;
import io.vieweratlas.export.layout.Position;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * GraphML ({@code graph.graphml}) readable by igraph, NetworkX and Gephi: every attribute is declared
 * as a {@code <key>} with its {@code attr.type}; positions as {@code x}/{@code y}, colour as
 * {@code #rrggbb}.
 */
public final class GraphmlExporter implements GraphExporter {

    /** GraphML namespace. */
    public static final String NS = "http://graphml.graphdrawing.org/xmlns";

    // Per-edge markup, encoded once (366,703 edges on the large benchmark graph).
    private static final byte[] EDGE_ID = Utf8Out.ascii("    <edge id=\"e");
    private static final byte[] SOURCE = Utf8Out.ascii("\" source=\"");
    private static final byte[] TARGET = Utf8Out.ascii("\" target=\"");
    private static final byte[] WEIGHT = Utf8Out.ascii("\">\n      <data key=\"weight\">");
    private static final byte[] SHARED = Utf8Out.ascii("</data>\n      <data key=\"shared\">");
    private static final byte[] EDGE_END = Utf8Out.ascii("</data>\n    </edge>\n");

    private final Function<AnalysisResult, GraphLayout> layout;
    private final NodeAnnotations annotations;

    /** An exporter taking positions from {@code layout}, without annotations. */
    public GraphmlExporter(Function<AnalysisResult, GraphLayout> layout) {
        this(layout, NodeAnnotations.none());
    }

    /** An exporter taking positions from {@code layout} that also writes {@code annotations}. */
    public GraphmlExporter(Function<AnalysisResult, GraphLayout> layout, NodeAnnotations annotations) {
        this.layout = Objects.requireNonNull(layout, "layout");
        this.annotations = Objects.requireNonNull(annotations, "annotations");
    }

    @Override
    public String fileName() {
        return "graph.graphml";
    }

    @Override
    public void write(AnalysisResult result, OutputStream out) throws IOException {
        GraphLayout positions = layout.apply(result);
        NodeSize size = new NodeSize(result.nodes(), 2, 40);
        Utf8Out w = new Utf8Out(out, 1 << 16);
        w.text("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        w.text("<graphml xmlns=\"" + NS + "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                + "xsi:schemaLocation=\"" + NS + " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
        key(w, "node", "community", "int");
        key(w, "node", "label", "string");
        key(w, "node", "viewers", "int");
        key(w, "node", "viewer_count", "long");
        key(w, "node", "game", "string");
        key(w, "node", "language", "string");
        key(w, "node", "title", "string");
        if (annotations.hasConfidence()) {
            key(w, "node", "confidence", "double");
            key(w, "node", "low_confidence", "boolean");
        }
        key(w, "node", "x", "double");
        key(w, "node", "y", "double");
        key(w, "node", "size", "double");
        key(w, "node", "color", "string");
        key(w, "edge", "weight", "double");
        key(w, "edge", "shared", "int");
        w.text("  <graph id=\"vieweratlas\" edgedefault=\"undirected\">\n");
        w.text("    <desc>" + Text.xml(Descriptions.summary(result)) + "</desc>\n");
        for (GraphNode n : result.nodes()) {
            Position p = positions.require(n.id());
            w.text("    <node id=\"").xml(n.id()).text("\">\n");
            data(w, "community", Integer.toString(n.community()));
            data(w, "label", n.label());
            data(w, "viewers", Integer.toString(n.viewers()));
            data(w, "viewer_count", Long.toString(n.viewerCount()));
            data(w, "game", n.game());
            data(w, "language", n.language());
            data(w, "title", n.title());
            // Channels in no community have no confidence: no data elements for them.
            Optional<Double> confidence = annotations.confidenceOf(n.id());
            if (confidence.isPresent()) {
                data(w, "confidence", Text.num(confidence.get()));
                data(w, "low_confidence", Boolean.toString(annotations.lowConfidence(n.id())));
            }
            data(w, "x", Text.coord(p.x()));
            data(w, "y", Text.coord(p.y()));
            data(w, "size", Text.coord(size.of(n)));
            data(w, "color", Palette.hex(n.community()));
            w.text("    </node>\n");
        }
        int id = 0;
        for (GraphEdge e : result.edges()) {
            w.bytes(EDGE_ID).number(id++).bytes(SOURCE).xml(e.source()).bytes(TARGET).xml(e.target()).bytes(WEIGHT)
                    .text(Text.num(e.weight())).bytes(SHARED).number(e.shared()).bytes(EDGE_END);
        }
        w.text("  </graph>\n");
        w.text("</graphml>\n");
        w.flush();
    }

    private static void key(Utf8Out w, String on, String name, String type) throws IOException {
        w.text("  <key id=\"" + name + "\" for=\"" + on + "\" attr.name=\"" + name + "\" attr.type=\"" + type
                + "\"/>\n");
    }

    private static void data(Utf8Out w, String key, String value) throws IOException {
        w.text("      <data key=\"").text(key).text("\">").xml(value).text("</data>\n");
    }
}
