package io.vieweratlas.export;

import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.GraphEdge;
import io.vieweratlas.core.model.GraphNode;
import io.vieweratlas.core.port.GraphExporter;
import io.vieweratlas.export.layout.GraphLayout;
import io.vieweratlas.export.layout.Position;

import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * GEXF 1.3 ({@code graph.gexf}) for Gephi: undirected weighted edges with the shared-viewer count,
 * node attributes (community, label, viewers, viewer count, game, language, title) and the viz
 * namespace (colour by community, size by audience, layout position); with a stability run also
 * {@code confidence} and {@code low_confidence}.
 */
public final class GexfExporter implements GraphExporter {

    /** GEXF 1.3 namespace. */
    public static final String NS = "http://gexf.net/1.3";
    /** GEXF 1.3 viz namespace. */
    public static final String VIZ_NS = "http://gexf.net/1.3/viz";

    // Per-edge markup, encoded once (366,703 edges on the large benchmark graph).
    private static final byte[] EDGE_ID = Utf8Out.ascii("      <edge id=\"");
    private static final byte[] SOURCE = Utf8Out.ascii("\" source=\"");
    private static final byte[] TARGET = Utf8Out.ascii("\" target=\"");
    private static final byte[] WEIGHT = Utf8Out.ascii("\" weight=\"");
    private static final byte[] SHARED = Utf8Out.ascii("\">\n        <attvalues>\n          <attvalue for=\"shared\" value=\"");
    private static final byte[] EDGE_END = Utf8Out.ascii("\"/>\n        </attvalues>\n      </edge>\n");

    private final Function<AnalysisResult, GraphLayout> layout;
    private final NodeAnnotations annotations;

    /** An exporter taking positions from {@code layout}, without annotations. */
    public GexfExporter(Function<AnalysisResult, GraphLayout> layout) {
        this(layout, NodeAnnotations.none());
    }

    /** An exporter taking positions from {@code layout} that also writes {@code annotations}. */
    public GexfExporter(Function<AnalysisResult, GraphLayout> layout, NodeAnnotations annotations) {
        this.layout = Objects.requireNonNull(layout, "layout");
        this.annotations = Objects.requireNonNull(annotations, "annotations");
    }

    @Override
    public String fileName() {
        return "graph.gexf";
    }

    @Override
    public void write(AnalysisResult result, OutputStream out) throws IOException {
        GraphLayout positions = layout.apply(result);
        NodeSize size = new NodeSize(result.nodes(), 2, 40);
        Utf8Out w = new Utf8Out(out, 1 << 16);
        w.text("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        w.text("<gexf xmlns=\"" + NS + "\" xmlns:viz=\"" + VIZ_NS + "\" "
                + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                + "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n");
        w.text("  <meta lastmodifieddate=\"" + result.timestamp().atOffset(ZoneOffset.UTC).toLocalDate() + "\">\n");
        w.text("    <creator>ViewerAtlas</creator>\n");
        w.text("    <description>" + Text.xml(Descriptions.summary(result)) + "</description>\n");
        w.text("  </meta>\n");
        w.text("  <graph defaultedgetype=\"undirected\" mode=\"static\">\n");
        w.text("    <attributes class=\"node\">\n");
        attribute(w, "community", "integer");
        attribute(w, "label", "string");
        attribute(w, "viewers", "integer");
        attribute(w, "viewer_count", "long");
        attribute(w, "game", "string");
        attribute(w, "language", "string");
        attribute(w, "title", "string");
        if (annotations.hasConfidence()) {
            attribute(w, "confidence", "double");
            attribute(w, "low_confidence", "boolean");
        }
        w.text("    </attributes>\n");
        w.text("    <attributes class=\"edge\">\n");
        attribute(w, "shared", "integer");
        w.text("    </attributes>\n");
        w.text("    <nodes>\n");
        for (GraphNode n : result.nodes()) {
            Position p = positions.require(n.id());
            int rgb = Palette.rgb(n.community());
            w.text("      <node id=\"").xml(n.id()).text("\" label=\"").xml(n.id()).text("\">\n");
            w.text("        <attvalues>\n");
            value(w, "community", Integer.toString(n.community()));
            value(w, "label", n.label());
            value(w, "viewers", Integer.toString(n.viewers()));
            value(w, "viewer_count", Long.toString(n.viewerCount()));
            value(w, "game", n.game());
            value(w, "language", n.language());
            value(w, "title", n.title());
            // Channels in no community have no confidence: the attributes stay absent for them.
            Optional<Double> confidence = annotations.confidenceOf(n.id());
            if (confidence.isPresent()) {
                value(w, "confidence", Text.num(confidence.get()));
                value(w, "low_confidence", Boolean.toString(annotations.lowConfidence(n.id())));
            }
            w.text("        </attvalues>\n");
            w.text("        <viz:color r=\"").number(rgb >> 16 & 0xFF).text("\" g=\"").number(rgb >> 8 & 0xFF)
                    .text("\" b=\"").number(rgb & 0xFF).text("\"/>\n");
            // Gephi's y axis points up; negate so the picture matches the PNG and HTML views.
            w.text("        <viz:position x=\"").text(Text.coord(p.x())).text("\" y=\"").text(Text.coord(-p.y()))
                    .text("\" z=\"0.0\"/>\n");
            w.text("        <viz:size value=\"").text(Text.coord(size.of(n))).text("\"/>\n");
            w.text("      </node>\n");
        }
        w.text("    </nodes>\n");
        w.text("    <edges>\n");
        int id = 0;
        for (GraphEdge e : result.edges()) {
            w.bytes(EDGE_ID).number(id++).bytes(SOURCE).xml(e.source()).bytes(TARGET).xml(e.target()).bytes(WEIGHT)
                    .text(Text.num(e.weight())).bytes(SHARED).number(e.shared()).bytes(EDGE_END);
        }
        w.text("    </edges>\n");
        w.text("  </graph>\n");
        w.text("</gexf>\n");
        w.flush();
    }

    private static void attribute(Utf8Out w, String id, String type) throws IOException {
        w.text("      <attribute id=\"" + id + "\" title=\"" + id + "\" type=\"" + type + "\"/>\n");
    }

    private static void value(Utf8Out w, String id, String v) throws IOException {
        w.text("          <attvalue for=\"").text(id).text("\" value=\"").xml(v).text("\"/>\n");
    }
}
