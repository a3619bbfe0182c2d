package io.vieweratlas.export;

import io.vieweratlas.core.port.GraphExporter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Builds the configured set of graph exporters, all sharing one layout computation per result. */
public final class Exporters {
    private Exporters() {
    }

    /** The exporters switched on in {@code options}, in a fixed order (GEXF, GraphML, JSON, PNG, HTML). */
    public static List<GraphExporter> of(ExportOptions options) {
        return of(options, NodeAnnotations.none());
    }

    /**
     * The exporters switched on in {@code options}, in a fixed order; GEXF, GraphML, JSON and HTML also
     * carry {@code annotations} (per-channel confidence) when it has any.
     */
    public static List<GraphExporter> of(ExportOptions options, NodeAnnotations annotations) {
        Objects.requireNonNull(annotations, "annotations");
        LayoutSource layout = new LayoutSource(options.layout());
        List<GraphExporter> list = new ArrayList<>();
        if (options.gexf()) {
            list.add(new GexfExporter(layout, annotations));
        }
        if (options.graphml()) {
            list.add(new GraphmlExporter(layout, annotations));
        }
        if (options.json()) {
            list.add(new NodeLinkJsonExporter(layout, annotations));
        }
        if (options.png()) {
            list.add(new PngExporter(layout, options.pngSize(), options.labelTopN(), options.pngMaxEdges()));
        }
        if (options.html()) {
            list.add(new HtmlExporter(layout, annotations));
        }
        return List.copyOf(list);
    }
}
