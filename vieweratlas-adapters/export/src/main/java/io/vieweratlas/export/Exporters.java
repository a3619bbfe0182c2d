package io.vieweratlas.export;

import io.vieweratlas.core.port.GraphExporter;

import java.util.ArrayList;
import java.util.List;

/** Builds the configured set of graph exporters, all sharing one layout computation per result. */
public final class Exporters {
    private Exporters() {
    }

    /** The exporters switched on in {@code options}, in a fixed order (GEXF, GraphML, JSON, PNG, HTML). */
    public static List<GraphExporter> of(ExportOptions options) {
        LayoutSource layout = new LayoutSource(options.layout());
        List<GraphExporter> list = new ArrayList<>();
        if (options.gexf()) {
            list.add(new GexfExporter(layout));
        }
        if (options.graphml()) {
            list.add(new GraphmlExporter(layout));
        }
        if (options.json()) {
            list.add(new NodeLinkJsonExporter(layout));
        }
        if (options.png()) {
            list.add(new PngExporter(layout, options.pngSize(), options.labelTopN(), options.pngMaxEdges()));
        }
        if (options.html()) {
            list.add(new HtmlExporter(layout));
        }
        return List.copyOf(list);
    }
}
