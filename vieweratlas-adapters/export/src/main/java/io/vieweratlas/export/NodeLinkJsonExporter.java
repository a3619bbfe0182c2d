package io.vieweratlas.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
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
 * Node-link JSON ({@code graph.json}) in the shape of NetworkX {@code node_link_data}
 * ({@code directed}, {@code multigraph}, {@code graph}, {@code nodes} with {@code id}, {@code links}
 * with {@code source}/{@code target}), so {@code networkx.node_link_graph(json.load(f))} reads it;
 * also usable directly by d3.
 */
public final class NodeLinkJsonExporter implements GraphExporter {

    private static final JsonFactory JSON = new JsonFactory();

    private final Function<AnalysisResult, GraphLayout> layout;
    private final NodeAnnotations annotations;

    /** An exporter taking positions from {@code layout}, without annotations. */
    public NodeLinkJsonExporter(Function<AnalysisResult, GraphLayout> layout) {
        this(layout, NodeAnnotations.none());
    }

    /** An exporter taking positions from {@code layout} that also writes {@code annotations}. */
    public NodeLinkJsonExporter(Function<AnalysisResult, GraphLayout> layout, NodeAnnotations annotations) {
        this.layout = Objects.requireNonNull(layout, "layout");
        this.annotations = Objects.requireNonNull(annotations, "annotations");
    }

    @Override
    public String fileName() {
        return "graph.json";
    }

    @Override
    public void write(AnalysisResult result, OutputStream out) throws IOException {
        GraphLayout positions = layout.apply(result);
        NodeSize size = new NodeSize(result.nodes(), 2, 40);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.writeStartObject();
            g.writeBooleanField("directed", false);
            g.writeBooleanField("multigraph", false);
            g.writeObjectFieldStart("graph");
            g.writeStringField("name", "vieweratlas");
            g.writeStringField("window", Descriptions.window(result));
            g.writeStringField("parameters", Descriptions.parameters(result));
            g.writeStringField("timestamp", result.timestamp().toString());
            g.writeEndObject();
            g.writeArrayFieldStart("nodes");
            for (GraphNode n : result.nodes()) {
                Position p = positions.require(n.id());
                g.writeStartObject();
                g.writeStringField("id", n.id());
                g.writeNumberField("community", n.community());
                g.writeStringField("label", n.label());
                g.writeNumberField("viewers", n.viewers());
                g.writeNumberField("viewer_count", n.viewerCount());
                g.writeStringField("game", n.game());
                g.writeStringField("language", n.language());
                g.writeStringField("title", n.title());
                Optional<Double> confidence = annotations.confidenceOf(n.id());
                if (confidence.isPresent()) {
                    g.writeNumberField("confidence", confidence.get());
                    g.writeBooleanField("low_confidence", annotations.lowConfidence(n.id()));
                }
                g.writeNumberField("x", p.x());
                g.writeNumberField("y", p.y());
                g.writeNumberField("size", Math.round(size.of(n) * 100) / 100.0);
                g.writeStringField("color", Palette.hex(n.community()));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("links");
            for (GraphEdge e : result.edges()) {
                g.writeStartObject();
                g.writeStringField("source", e.source());
                g.writeStringField("target", e.target());
                g.writeNumberField("weight", e.weight());
                g.writeNumberField("shared", e.shared());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
    }
}
