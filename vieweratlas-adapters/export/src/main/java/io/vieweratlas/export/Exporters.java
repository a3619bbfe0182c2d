package io.vieweratlas.export;

import io.vieweratlas.core.port.GraphExporter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Builds the configured set of graph exporters, all sharing one layout computation per result. */
public final class Exporters {
    private Exporters() {
    }

    /** The exporters switched on in {@code options}, in a fixed order (PNG, GEXF, GraphML, JSON, HTML). */
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
        // The picture first: it takes longest (a 3000 px render and its encoding), so when the exports
        // run on several threads it starts first and the others share the remaining threads.
        if (options.png()) {
            list.add(new PngExporter(layout, options.pngSize(), options.labelTopN(), options.pngMaxEdges()));
        }
        if (options.gexf()) {
            list.add(new GexfExporter(layout, annotations));
        }
        if (options.graphml()) {
            list.add(new GraphmlExporter(layout, annotations));
        }
        if (options.json()) {
            list.add(new NodeLinkJsonExporter(layout, annotations));
        }
        if (options.html()) {
            list.add(new HtmlExporter(layout, annotations));
        }
        return List.copyOf(list);
    }
}
