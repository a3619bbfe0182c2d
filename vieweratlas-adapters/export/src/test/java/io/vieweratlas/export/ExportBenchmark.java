package io.vieweratlas.export;

import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.Community;
import io.vieweratlas.core.model.GraphEdge;
import io.vieweratlas.core.model.GraphNode;
import io.vieweratlas.core.port.GraphExporter;
import io.vieweratlas.export.layout.LayoutOptions;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Times the layout and each exporter on the graph of an {@code analyze} output directory (read back
 * from its {@code graph_nodes.csv}, {@code graph_edges.csv} and {@code communities.csv}; languages are
 * not in those files and stay empty): {@code ExportBenchmark DIR OUT [runs] [iterations]}. Writes the
 * exports of the last run into {@code OUT}.
 */
public final class ExportBenchmark {
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private ExportBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        LayoutOptions layout = LayoutOptions.defaults(42);
        if (args.length > 3) {
            layout = layout.withIterations(Integer.parseInt(args[3]));
        }
        AnalysisResult result = read(dir);
        Files.createDirectories(out);
        for (int run = 0; run < runs; run++) {
            LayoutSource source = new LayoutSource(layout);
            long t0 = System.nanoTime();
            source.apply(result);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "run %d: layout %.0f ms", run,
                    (System.nanoTime() - t0) / 1e6));
            ExportOptions defaults = ExportOptions.defaults(42);
            List<GraphExporter> exporters = List.of(new GexfExporter(source), new GraphmlExporter(source),
                    new NodeLinkJsonExporter(source),
                    new PngExporter(source, defaults.pngSize(), defaults.labelTopN(), defaults.pngMaxEdges()),
                    new HtmlExporter(source));
            for (GraphExporter e : exporters) {
                long t = System.nanoTime();
                long c = THREADS.getCurrentThreadCpuTime();
                try (OutputStream o = Boolean.getBoolean("bench.null") ? OutputStream.nullOutputStream()
                        : Files.newOutputStream(out.resolve(e.fileName()))) {
                    e.write(result, o);
                }
                line.append(String.format(Locale.ROOT, "; %s %.0f ms (cpu %.0f)", e.fileName(),
                        (System.nanoTime() - t) / 1e6, (THREADS.getCurrentThreadCpuTime() - c) / 1e6));
            }
            long r0 = THREADS.getCurrentThreadCpuTime();
            new PngExporter(source, defaults.pngSize(), defaults.labelTopN(), defaults.pngMaxEdges()).render(result);
            line.append(String.format(Locale.ROOT, "; png render only (cpu %.0f)", (THREADS.getCurrentThreadCpuTime() - r0) / 1e6));
            System.out.println(line);
        }
    }

    /** The graph of an analyze output directory. */
    public static AnalysisResult read(Path dir) throws IOException {
        List<GraphNode> nodes = new ArrayList<>();
        for (String[] r : rows(dir.resolve("graph_nodes.csv"))) {
            nodes.add(new GraphNode(r[0], Integer.parseInt(r[1]), Long.parseLong(r[2]), r[3], "", r[4],
                    Integer.parseInt(r[5]), r[6]));
        }
        List<GraphEdge> edges = new ArrayList<>();
        for (String[] r : rows(dir.resolve("graph_edges.csv"))) {
            edges.add(new GraphEdge(r[0], r[1], Double.parseDouble(r[2]), Integer.parseInt(r[3])));
        }
        List<Community> communities = new ArrayList<>();
        for (String[] r : rows(dir.resolve("communities.csv"))) {
            int id = Integer.parseInt(r[0]);
            List<String> members = new ArrayList<>();
            for (GraphNode n : nodes) {
                if (n.community() == id) {
                    members.add(n.id());
                }
            }
            communities.add(Fixtures.community(id, r[1], members));
        }
        return Fixtures.result(nodes, edges, communities);
    }

    /** RFC 4180 rows after the header. */
    private static List<String[]> rows(Path file) throws IOException {
        String s = Files.readString(file, StandardCharsets.UTF_8);
        List<String[]> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(f.toString());
                f.setLength(0);
            } else if (c == '\n') {
                fields.add(f.toString());
                f.setLength(0);
                rows.add(fields.toArray(new String[0]));
                fields.clear();
            } else if (c != '\r') {
                f.append(c);
            }
        }
        return rows.subList(1, rows.size());
    }
}
