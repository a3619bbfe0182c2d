package io.vieweratlas.export;

import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.Community;
import io.vieweratlas.core.model.GraphEdge;
import io.vieweratlas.core.model.GraphNode;
import io.vieweratlas.core.port.GraphExporter;
import io.vieweratlas.export.layout.GraphLayout;
import io.vieweratlas.export.layout.Position;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The community map ({@code community_graph.png}), drawn with Java2D in headless mode: nodes sized
 * by audience (square-root scale) and coloured by community, the strongest edges faint with opacity
 * by weight, labels with a halo for the largest channels, a legend of community labels and sizes and
 * a title with the data window and parameters.
 */
public final class PngExporter implements GraphExporter {

    static {
        // Rendering must never need a display (servers, CI).
        System.setProperty("java.awt.headless", "true");
    }

    private static final Color BACKGROUND = new Color(0x10, 0x13, 0x1A);
    private static final Color TEXT = new Color(0xE8, 0xEA, 0xEE);
    private static final Color MUTED = new Color(0x9A, 0xA0, 0xAB);
    private static final int LEGEND_ROWS = 24;

    private final Function<AnalysisResult, GraphLayout> layout;
    private final int size;
    private final int labelTopN;
    private final int maxEdges;

    /**
     * @param layout    positions
     * @param size      width and height in pixels (500..10000)
     * @param labelTopN how many of the largest channels get a label (0..1000)
     * @param maxEdges  at most this many edges are drawn, strongest first (keeps large graphs fast)
     */
    public PngExporter(Function<AnalysisResult, GraphLayout> layout, int size, int labelTopN, int maxEdges) {
        this.layout = Objects.requireNonNull(layout, "layout");
        if (size < 500 || size > 10_000) {
            throw new IllegalArgumentException("png size must be in 500..10000 pixels, was " + size);
        }
        if (labelTopN < 0 || labelTopN > 1000) {
            throw new IllegalArgumentException("label_top_n must be in 0..1000, was " + labelTopN);
        }
        if (maxEdges < 0) {
            throw new IllegalArgumentException("maxEdges must be >= 0, was " + maxEdges);
        }
        this.size = size;
        this.labelTopN = labelTopN;
        this.maxEdges = maxEdges;
    }

    @Override
    public String fileName() {
        return "community_graph.png";
    }

    @Override
    public void write(AnalysisResult result, OutputStream out) throws IOException {
        // Deflate level 3, what ImageIO's writer used at quality 0.6: the strongest level costs seconds
        // on a 3000 px map for a few percent.
        PngEncoder.write(render(result), out, 3);
    }

    /** Renders the map as an image (exposed for callers that want to post-process it). */
    public BufferedImage render(AnalysisResult result) {
        GraphLayout positions = layout.apply(result);
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, size, size);
            double unit = size / 3000.0;
            // Map area: below the title and left of the legend, so no cluster hides behind it.
            double top = 210 * unit;
            double margin = 90 * unit;
            double legend = legendWidth(g, result, unit);
            double right = legend > 0 ? size - legend - 150 * unit - 40 * unit : size - margin;
            double areaW = right - margin;
            double areaH = size - margin - top;
            // Fit the bounding box of the layout (not its radius) so the map uses the whole area.
            double x0 = Double.MAX_VALUE;
            double y0 = Double.MAX_VALUE;
            double x1 = -Double.MAX_VALUE;
            double y1 = -Double.MAX_VALUE;
            for (Position p : positions.positions().values()) {
                x0 = Math.min(x0, p.x());
                y0 = Math.min(y0, p.y());
                x1 = Math.max(x1, p.x());
                y1 = Math.max(y1, p.y());
            }
            double pad = 60 * unit;
            double scale = result.nodes().size() > 1
                    ? Math.min((areaW - pad) / Math.max(x1 - x0, 1e-9), (areaH - pad) / Math.max(y1 - y0, 1e-9)) : 1;
            double cx = margin + areaW / 2.0 - (positions.size() > 0 ? (x0 + x1) / 2 * scale : 0);
            double cy = top + areaH / 2.0 - (positions.size() > 0 ? (y0 + y1) / 2 * scale : 0);
            Map<String, double[]> screen = new HashMap<>();
            for (GraphNode n : result.nodes()) {
                Position p = positions.require(n.id());
                screen.put(n.id(), new double[]{cx + p.x() * scale, cy + p.y() * scale});
            }
            Map<String, GraphNode> byId = new HashMap<>();
            result.nodes().forEach(n -> byId.put(n.id(), n));
            drawEdges(g, result, screen, byId, unit);
            NodeSize radius = new NodeSize(result.nodes(), 2.2 * unit, 34 * unit);
            drawNodes(g, result, screen, radius, unit);
            drawLabels(g, result, screen, radius, unit);
            drawTitle(g, result, unit);
            drawLegend(g, result, unit);
        } finally {
            g.dispose();
        }
        return img;
    }

    private void drawEdges(Graphics2D g, AnalysisResult r, Map<String, double[]> screen, Map<String, GraphNode> byId,
                           double unit) {
        List<GraphEdge> drawn = strongest(r.edges(), maxEdges);
        if (drawn.isEmpty()) {
            return;
        }
        double maxW = Math.log1p(drawn.get(0).weight());
        double minW = Math.log1p(drawn.get(drawn.size() - 1).weight());
        // Edges are grouped by colour and one of eight opacity steps and each group is drawn as one
        // path: far faster than stroking line by line, and the weakest groups go first.
        java.util.TreeMap<Long, Path2D.Double> groups = new java.util.TreeMap<>();
        for (GraphEdge e : drawn) {
            double[] a = screen.get(e.source());
            double[] b = screen.get(e.target());
            if (a == null || b == null) {
                continue;
            }
            double t = maxW > minW ? (Math.log1p(e.weight()) - minW) / (maxW - minW) : 1;
            long step = Math.min(7, (long) (t * 8));
            GraphNode s = byId.get(e.source());
            GraphNode d = byId.get(e.target());
            long rgb = s.community() == d.community() ? Palette.rgb(s.community()) : 0x7A8090;
            Path2D.Double path = groups.computeIfAbsent(step << 24 | rgb, k -> new Path2D.Double());
            path.moveTo(a[0], a[1]);
            path.lineTo(b[0], b[1]);
        }
        // Thin faint lines look the same without antialiasing, which is several times faster here.
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_NORMALIZE);
        g.setStroke(new BasicStroke(1.0f));
        for (var group : groups.entrySet()) {
            long key = group.getKey();
            int rgb = (int) (key & 0xFFFFFF);
            int alpha = (int) Math.round(12 + 60 * (key >> 24) / 7.0);
            g.setColor(new Color(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF, alpha));
            g.draw(group.getValue());
        }
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    }

    /**
     * The {@code limit} strongest edges, strongest first, ties by endpoints so the choice is
     * deterministic. Only edges at least as strong as the {@code limit}-th weight (found on a primitive
     * copy of the weights) are sorted with the full comparator: a few of the 366,703 edges of the
     * large benchmark graph instead of all of them.
     */
    static List<GraphEdge> strongest(List<GraphEdge> edges, int limit) {
        if (limit <= 0 || edges.isEmpty()) {
            return List.of();
        }
        List<GraphEdge> candidates;
        if (limit >= edges.size()) {
            candidates = new ArrayList<>(edges);
        } else {
            double[] weights = new double[edges.size()];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = edges.get(i).weight();
            }
            java.util.Arrays.sort(weights);
            double cut = weights[weights.length - limit];
            candidates = new ArrayList<>();
            for (GraphEdge e : edges) {
                // Compared as the comparator does (Double.compare), so that the same edges qualify.
                if (Double.compare(e.weight(), cut) >= 0) {
                    candidates.add(e);
                }
            }
        }
        if (byEndpoints(candidates)) {
            candidates = byWeightDescending(candidates);
        } else {
            candidates.sort(Comparator.comparingDouble(GraphEdge::weight).reversed()
                    .thenComparing(GraphEdge::source).thenComparing(GraphEdge::target));
        }
        return candidates.subList(0, Math.min(limit, candidates.size()));
    }

    /** Whether the edges are in (source, target) order, as an analysis lists them. */
    private static boolean byEndpoints(List<GraphEdge> edges) {
        for (int i = 1; i < edges.size(); i++) {
            GraphEdge a = edges.get(i - 1);
            GraphEdge b = edges.get(i);
            int c = a.source().compareTo(b.source());
            if (c > 0 || c == 0 && a.target().compareTo(b.target()) > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * A stable sort by weight, strongest first, on primitives (a counting sort over the distinct
     * weights): for edges in endpoint order this is the order of the full comparator, without
     * comparing strings for every tie.
     */
    private static List<GraphEdge> byWeightDescending(List<GraphEdge> edges) {
        int m = edges.size();
        double[] distinct = new double[m];
        for (int i = 0; i < m; i++) {
            distinct[i] = edges.get(i).weight();
        }
        java.util.Arrays.sort(distinct);
        int u = 0;
        for (int i = 0; i < m; i++) {
            if (u == 0 || Double.compare(distinct[u - 1], distinct[i]) != 0) {
                distinct[u++] = distinct[i];
            }
        }
        int[] rank = new int[m];
        int[] start = new int[u + 1];
        for (int i = 0; i < m; i++) {
            // Rank 0 is the strongest weight.
            rank[i] = u - 1 - java.util.Arrays.binarySearch(distinct, 0, u, edges.get(i).weight());
            start[rank[i] + 1]++;
        }
        for (int r = 0; r < u; r++) {
            start[r + 1] += start[r];
        }
        GraphEdge[] out = new GraphEdge[m];
        for (int i = 0; i < m; i++) {
            out[start[rank[i]]++] = edges.get(i);
        }
        return java.util.Arrays.asList(out);
    }

    private static void drawNodes(Graphics2D g, AnalysisResult r, Map<String, double[]> screen, NodeSize radius,
                                  double unit) {
        List<GraphNode> nodes = new ArrayList<>(r.nodes());
        // Small nodes first so large ones stay visible on top.
        nodes.sort(Comparator.comparingInt(GraphNode::viewers).thenComparing(GraphNode::id));
        Ellipse2D.Double circle = new Ellipse2D.Double();
        g.setStroke(new BasicStroke((float) Math.max(0.8, 1.5 * unit)));
        Color outline = new Color(0x10, 0x13, 0x1A, 200);
        for (GraphNode n : nodes) {
            double[] p = screen.get(n.id());
            double rad = radius.of(n);
            circle.setFrame(p[0] - rad, p[1] - rad, 2 * rad, 2 * rad);
            g.setColor(new Color(Palette.rgb(n.community())));
            g.fill(circle);
            g.setColor(outline);
            g.draw(circle);
        }
    }

    private void drawLabels(Graphics2D g, AnalysisResult r, Map<String, double[]> screen, NodeSize radius,
                            double unit) {
        List<GraphNode> nodes = new ArrayList<>(r.nodes());
        nodes.sort(Comparator.comparingInt(GraphNode::viewers).reversed().thenComparing(GraphNode::id));
        List<GraphNode> labelled = nodes.subList(0, Math.min(labelTopN, nodes.size()));
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, (int) Math.round(30 * unit));
        List<double[]> placed = new ArrayList<>();
        FontRenderContext frc = g.getFontRenderContext();
        for (GraphNode n : labelled) {
            double[] p = screen.get(n.id());
            TextLayout text = new TextLayout(n.id(), font, frc);
            double w = text.getBounds().getWidth();
            double h = text.getAscent();
            double x = p[0] - w / 2;
            double y = p[1] - radius.of(n) - 8 * unit;
            double[] box = {x - 4, y - h - 4, x + w + 4, y + 6};
            if (placed.stream().anyMatch(o -> o[0] < box[2] && box[0] < o[2] && o[1] < box[3] && box[1] < o[3])) {
                continue; // a larger channel's label already sits here
            }
            placed.add(box);
            halo(g, text, x, y, unit);
        }
    }

    private static void halo(Graphics2D g, TextLayout text, double x, double y, double unit) {
        Shape outline = text.getOutline(AffineTransform.getTranslateInstance(x, y));
        g.setStroke(new BasicStroke((float) (7 * unit), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(new Color(0x10, 0x13, 0x1A, 230));
        g.draw(outline);
        g.setColor(TEXT);
        g.fill(outline);
    }

    private static void drawTitle(Graphics2D g, AnalysisResult r, double unit) {
        g.setColor(TEXT);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, (int) Math.round(62 * unit)));
        g.drawString("ViewerAtlas \u2014 Twitch communities by shared viewers", (float) (90 * unit),
                (float) (100 * unit));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.round(32 * unit)));
        g.setColor(MUTED);
        g.drawString(Descriptions.window(r) + "   \u00b7   " + Descriptions.counts(r), (float) (90 * unit),
                (float) (148 * unit));
        g.drawString(Descriptions.parameters(r) + "   \u00b7   node size: audience (sqrt)", (float) (90 * unit),
                (float) (188 * unit));
    }

    /** Legend rows: community id, label, size; the unassigned group last. */
    private static List<String[]> legendEntries(AnalysisResult r) {
        List<String[]> entries = new ArrayList<>();
        for (Community c : r.communities().subList(0, Math.min(LEGEND_ROWS, r.communities().size()))) {
            entries.add(new String[]{Integer.toString(c.id()), c.label(), String.format(Locale.ROOT, "%,d", c.size())});
        }
        long unassigned = r.nodes().stream().filter(n -> !n.assigned()).count();
        if (unassigned > 0) {
            entries.add(new String[]{"-1", "Unassigned", String.format(Locale.ROOT, "%,d", unassigned)});
        }
        return entries;
    }

    private static Font legendFont(double unit) {
        return new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.round(26 * unit));
    }

    /** Width of the legend's text column, 0 when there is no legend. */
    private static double legendWidth(Graphics2D g, AnalysisResult r, double unit) {
        List<String[]> entries = legendEntries(r);
        if (entries.isEmpty()) {
            return 0;
        }
        FontMetrics fm = g.getFontMetrics(legendFont(unit));
        double width = 0;
        for (String[] e : entries) {
            width = Math.max(width, fm.stringWidth(e[1]) + fm.stringWidth(e[2]) + 30 * unit);
        }
        return Math.min(Math.max(width, 300 * unit), 900 * unit);
    }

    private void drawLegend(Graphics2D g, AnalysisResult r, double unit) {
        List<String[]> entries = legendEntries(r);
        boolean more = r.communities().size() > LEGEND_ROWS;
        int rows = entries.size() + (more ? 1 : 0);
        if (entries.isEmpty()) {
            return;
        }
        Font font = legendFont(unit);
        Font head = new Font(Font.SANS_SERIF, Font.BOLD, (int) Math.round(28 * unit));
        FontMetrics fm = g.getFontMetrics(font);
        double line = 38 * unit;
        double width = legendWidth(g, r, unit);
        double x = size - width - 120 * unit;
        double y = 240 * unit;
        double height = (rows + 1) * line + 30 * unit;
        g.setColor(new Color(0x18, 0x1C, 0x25, 225));
        g.fill(new RoundRectangle2D.Double(x - 30 * unit, y - 20 * unit, width + 90 * unit, height, 24 * unit,
                24 * unit));
        g.setFont(head);
        g.setColor(TEXT);
        g.drawString("Communities (channels)", (float) x, (float) (y + 22 * unit));
        g.setFont(font);
        double ty = y + 22 * unit + line;
        for (String[] e : entries) {
            g.setColor(new Color(Palette.rgb(Integer.parseInt(e[0]))));
            g.fill(new Ellipse2D.Double(x, ty - 20 * unit, 22 * unit, 22 * unit));
            g.setColor(TEXT);
            String label = ellipsize(e[1], fm, width - fm.stringWidth(e[2]) - 20 * unit);
            g.drawString(label, (float) (x + 36 * unit), (float) ty);
            g.setColor(MUTED);
            g.drawString(e[2], (float) (x + 36 * unit + width - fm.stringWidth(e[2])), (float) ty);
            ty += line;
        }
        if (more) {
            g.setColor(MUTED);
            g.drawString(String.format(Locale.ROOT, "\u2026 and %d smaller communities",
                    r.communities().size() - LEGEND_ROWS), (float) (x + 36 * unit), (float) ty);
        }
    }

    private static String ellipsize(String s, FontMetrics fm, double max) {
        if (fm.stringWidth(s) <= max) {
            return s;
        }
        String t = s;
        while (!t.isEmpty() && fm.stringWidth(t + "\u2026") > max) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "\u2026";
    }
}
