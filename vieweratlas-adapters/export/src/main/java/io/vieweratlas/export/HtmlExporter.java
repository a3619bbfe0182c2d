package io.vieweratlas.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.Community;
import io.vieweratlas.core.model.GraphEdge;
import io.vieweratlas.core.model.GraphNode;
import io.vieweratlas.core.port.GraphExporter;
import io.vieweratlas.export.layout.GraphLayout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The interactive explorer ({@code community_graph.html}): one self-contained page that works offline
 * (no network requests). The script, style and the graph (channel-level data only: positions,
 * audiences, communities, shared-viewer counts) are embedded; the data sits in a JSON script element
 * with {@code <} escaped so that no channel title can close it. With a stability run the page also shows
 * each channel's confidence and rings low-confidence channels with a dashed circle.
 */
public final class HtmlExporter implements GraphExporter {

    private static final String TEMPLATE = page("", resource("explorer.html"));
    private static final String CSS = resource("explorer.css");
    /** The helpers both explorer pages use, inlined before each page's own script. */
    static final String COMMON_JS = resource("explorer-common.js");
    private static final String JS = resource("explorer.js");
    private static final JsonFactory JSON = new JsonFactory();
    private static final Pattern CONFIDENCE_BLOCKS =
            Pattern.compile("^[ ]*//<confidence\\n.*?^[ ]*//confidence>\\n", Pattern.MULTILINE | Pattern.DOTALL);
    private static final Pattern CONFIDENCE_MARKERS =
            Pattern.compile("^[ ]*//(<confidence|confidence>)\\n", Pattern.MULTILINE);

    private final Function<AnalysisResult, GraphLayout> layout;
    private final NodeAnnotations annotations;

    /** An exporter taking positions from {@code layout}, without annotations. */
    public HtmlExporter(Function<AnalysisResult, GraphLayout> layout) {
        this(layout, NodeAnnotations.none());
    }

    /** An exporter taking positions from {@code layout} that also writes {@code annotations}. */
    public HtmlExporter(Function<AnalysisResult, GraphLayout> layout, NodeAnnotations annotations) {
        this.layout = Objects.requireNonNull(layout, "layout");
        this.annotations = Objects.requireNonNull(annotations, "annotations");
    }

    @Override
    public String fileName() {
        return "community_graph.html";
    }

    @Override
    public void write(AnalysisResult result, OutputStream out) throws IOException {
        String title = "ViewerAtlas \u2014 channel map";
        String page = TEMPLATE
                .replace("__TITLE__", Text.xml(title))
                .replace("/*__CSS__*/", CSS)
                .replace("/*__JS__*/", script())
                .replace("/*__DATA__*/", data(result, title));
        out.write(page.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The explorer script after the shared helpers: the confidence parts (between {@code //<confidence} and {@code //confidence>}
     * lines) only when there is confidence, so that a page without it is the same as before they existed.
     */
    private String script() {
        return COMMON_JS + (annotations.hasConfidence() ? CONFIDENCE_MARKERS.matcher(JS).replaceAll("")
                : CONFIDENCE_BLOCKS.matcher(JS).replaceAll(""));
    }

    /** The embedded data document, safe inside a script element. */
    String data(AnalysisResult result, String title) throws IOException {
        GraphLayout positions = layout.apply(result);
        List<GraphNode> nodes = result.nodes();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            index.put(nodes.get(i).id(), i);
        }
        NodeSize size = new NodeSize(nodes, 3, 28);
        StringWriter sw = new StringWriter(1 << 16);
        try (JsonGenerator g = JSON.createGenerator(sw)) {
            g.writeStartObject();
            g.writeStringField("title", title);
            g.writeStringField("subtitle", Descriptions.window(result) + " \u00b7 " + Descriptions.counts(result)
                    + " \u00b7 " + Descriptions.parameters(result));
            g.writeArrayFieldStart("communities");
            for (Community c : result.communities()) {
                community(g, c.id(), c.label(), c.size());
            }
            long unassigned = nodes.stream().filter(n -> !n.assigned()).count();
            if (unassigned > 0) {
                community(g, GraphNode.UNASSIGNED, "Unassigned", unassigned);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("nodes");
            g.writeArrayFieldStart("id");
            for (GraphNode n : nodes) {
                g.writeString(n.id());
            }
            g.writeEndArray();
            g.writeArrayFieldStart("x");
            for (GraphNode n : nodes) {
                g.writeNumber(positions.require(n.id()).x());
            }
            g.writeEndArray();
            g.writeArrayFieldStart("y");
            for (GraphNode n : nodes) {
                g.writeNumber(positions.require(n.id()).y());
            }
            g.writeEndArray();
            g.writeArrayFieldStart("r");
            for (GraphNode n : nodes) {
                g.writeNumber(Math.round(size.of(n) * 10) / 10.0);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("v");
            for (GraphNode n : nodes) {
                g.writeNumber(n.viewers());
            }
            g.writeEndArray();
            g.writeArrayFieldStart("c");
            for (GraphNode n : nodes) {
                g.writeNumber(n.community());
            }
            g.writeEndArray();
            g.writeArrayFieldStart("g");
            for (GraphNode n : nodes) {
                g.writeString(n.game());
            }
            g.writeEndArray();
            g.writeArrayFieldStart("l");
            for (GraphNode n : nodes) {
                g.writeString(n.language());
            }
            g.writeEndArray();
            g.writeArrayFieldStart("t");
            for (GraphNode n : nodes) {
                g.writeString(n.title());
            }
            g.writeEndArray();
            if (annotations.hasConfidence()) {
                // q: confidence per channel (null when in no community); lq: 1 when below the level.
                g.writeArrayFieldStart("q");
                for (GraphNode n : nodes) {
                    Optional<Double> q = annotations.confidenceOf(n.id());
                    if (q.isPresent()) {
                        g.writeNumber(Double.parseDouble(Text.num(q.get())));
                    } else {
                        g.writeNull();
                    }
                }
                g.writeEndArray();
                g.writeArrayFieldStart("lq");
                for (GraphNode n : nodes) {
                    g.writeNumber(annotations.lowConfidence(n.id()) ? 1 : 0);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            if (annotations.hasConfidence()) {
                g.writeNumberField("confidenceLevel", annotations.confidenceLevel());
            }
            g.writeObjectFieldStart("edges");
            List<GraphEdge> edges = result.edges().stream()
                    .filter(e -> index.containsKey(e.source()) && index.containsKey(e.target())).toList();
            g.writeArrayFieldStart("s");
            for (GraphEdge e : edges) {
                g.writeNumber(index.get(e.source()));
            }
            g.writeEndArray();
            g.writeArrayFieldStart("t");
            for (GraphEdge e : edges) {
                g.writeNumber(index.get(e.target()));
            }
            g.writeEndArray();
            g.writeArrayFieldStart("n");
            for (GraphEdge e : edges) {
                g.writeNumber(e.shared());
            }
            g.writeEndArray();
            g.writeArrayFieldStart("w");
            for (GraphEdge e : edges) {
                double w = e.weight();
                if (w == Math.rint(w) && Math.abs(w) < 1e6) {
                    // What the line below writes for a whole number ("22.0"), without a parse and a
                    // Double.toString per edge.
                    g.writeNumber(Long.toString((long) w) + ".0");
                } else {
                    g.writeNumber(Double.parseDouble(Text.num(w)));
                }
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        }
        // '<' only occurs inside JSON strings, where \u003c means the same; this keeps "</script>" out.
        return sw.toString().replace("<", "\\u003c");
    }

    private static void community(JsonGenerator g, int id, String label, long size) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", id);
        g.writeStringField("label", label);
        g.writeNumberField("size", size);
        g.writeStringField("color", Palette.hex(id));
        g.writeEndObject();
    }

    /**
     * The page both explorers share (head, top bar with search, map, data and script elements) with one
     * explorer's attributes of {@code <body>} and the rest of its {@code <main>}.
     */
    static String page(String bodyAttributes, String main) {
        return resource("page.html").replace("__BODY_ATTRIBUTES__", bodyAttributes).replace("<!--__MAIN__-->", main);
    }

    static String resource(String name) {
        try (InputStream in = HtmlExporter.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource io/vieweratlas/export/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
