package io.vieweratlas.export;

import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.GraphEdge;
import io.vieweratlas.core.model.GraphNode;
import io.vieweratlas.core.port.GraphExporter;
import io.vieweratlas.export.layout.GraphLayout;
import io.vieweratlas.export.layout.Position;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
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
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        w.write("<gexf xmlns=\"" + NS + "\" xmlns:viz=\"" + VIZ_NS + "\" "
                + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                + "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n");
        w.write("  <meta lastmodifieddate=\"" + result.timestamp().atOffset(ZoneOffset.UTC).toLocalDate() + "\">\n");
        w.write("    <creator>ViewerAtlas</creator>\n");
        w.write("    <description>" + Text.xml(Descriptions.summary(result)) + "</description>\n");
        w.write("  </meta>\n");
        w.write("  <graph defaultedgetype=\"undirected\" mode=\"static\">\n");
        w.write("    <attributes class=\"node\">\n");
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
        w.write("    </attributes>\n");
        w.write("    <attributes class=\"edge\">\n");
        attribute(w, "shared", "integer");
        w.write("    </attributes>\n");
        w.write("    <nodes>\n");
        for (GraphNode n : result.nodes()) {
            Position p = positions.require(n.id());
            int rgb = Palette.rgb(n.community());
            w.write("      <node id=\"" + Text.xml(n.id()) + "\" label=\"" + Text.xml(n.id()) + "\">\n");
            w.write("        <attvalues>\n");
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
            w.write("        </attvalues>\n");
            w.write("        <viz:color r=\"" + (rgb >> 16 & 0xFF) + "\" g=\"" + (rgb >> 8 & 0xFF) + "\" b=\""
                    + (rgb & 0xFF) + "\"/>\n");
            // Gephi's y axis points up; negate so the picture matches the PNG and HTML views.
            w.write("        <viz:position x=\"" + Text.coord(p.x()) + "\" y=\"" + Text.coord(-p.y())
                    + "\" z=\"0.0\"/>\n");
            w.write("        <viz:size value=\"" + Text.coord(size.of(n)) + "\"/>\n");
            w.write("      </node>\n");
        }
        w.write("    </nodes>\n");
        w.write("    <edges>\n");
        int id = 0;
        for (GraphEdge e : result.edges()) {
            w.write("      <edge id=\"" + id++ + "\" source=\"" + Text.xml(e.source()) + "\" target=\""
                    + Text.xml(e.target()) + "\" weight=\"" + Text.num(e.weight()) + "\">\n");
            w.write("        <attvalues>\n");
            value(w, "shared", Integer.toString(e.shared()));
            w.write("        </attvalues>\n");
            w.write("      </edge>\n");
        }
        w.write("    </edges>\n");
        w.write("  </graph>\n");
        w.write("</gexf>\n");
        w.flush();
    }

    private static void attribute(Writer w, String id, String type) throws IOException {
        w.write("      <attribute id=\"" + id + "\" title=\"" + id + "\" type=\"" + type + "\"/>\n");
    }

    private static void value(Writer w, String id, String v) throws IOException {
        w.write("          <attvalue for=\"" + id + "\" value=\"" + Text.xml(v) + "\"/>\n");
    }
}
