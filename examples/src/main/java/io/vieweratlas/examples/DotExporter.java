package io.vieweratlas.examples;

import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.GraphEdge;
import io.vieweratlas.core.model.GraphNode;
import io.vieweratlas.core.port.GraphExporter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Example 3, a custom exporter: writes the channel graph in Graphviz DOT, one colour per
 * community ({@code dot -Tsvg graph.dot > graph.svg}, or better {@code sfdp} for large graphs).
 * It implements the {@link GraphExporter} port, so it plugs in wherever the built-in exporters do.
 */
public final class DotExporter implements GraphExporter {

    /** A 12-colour palette; communities beyond it reuse colours, unassigned channels are grey. */
    private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
        "#e377c2", "#bcbd22", "#17becf", "#aec7e8", "#ffbb78", "#98df8a"};

    /** Creates the exporter. */
    public DotExporter() {
    }

    @Override
    public String fileName() {
        return "graph.dot";
    }

    @Override
    public void write(AnalysisResult result, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write("graph vieweratlas {\n  node [style=filled, fontname=\"Helvetica\"];\n");
        for (GraphNode n : result.nodes()) {
            String colour = n.assigned() ? COLOURS[n.community() % COLOURS.length] : "#cccccc";
            w.write(String.format(Locale.ROOT, "  %s [fillcolor=\"%s\", label=%s, tooltip=%s];%n",
                    quote(n.id()), colour, quote(n.id()), quote(n.label())));
        }
        for (GraphEdge e : result.edges()) {
            w.write(String.format(Locale.ROOT, "  %s -- %s [weight=%.6f, penwidth=%.2f];%n",
                    quote(e.source()), quote(e.target()), e.weight(), 0.5 + 2.5 * Math.min(1.0, e.weight())));
        }
        w.write("}\n");
        w.flush(); // the port says: do not close the stream
    }

    /** A DOT string literal: double-quoted, with quotes and backslashes escaped. */
    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
