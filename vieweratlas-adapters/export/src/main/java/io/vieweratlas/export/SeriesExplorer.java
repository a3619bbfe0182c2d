package io.vieweratlas.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vieweratlas.core.analysis.timeline.Timeline;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.GraphEdge;
import io.vieweratlas.core.model.GraphNode;
import io.vieweratlas.export.layout.GraphLayout;
import io.vieweratlas.export.layout.LayoutOptions;
import io.vieweratlas.export.layout.Position;
import io.vieweratlas.export.layout.SeriesLayout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The explorer of a series of rolling windows ({@code community_timeline.html}): one offline page with a
 * time slider over the windows on one stable map ({@link SeriesLayout}), communities coloured by their
 * tracked (stable) id, the timeline's births, deaths, splits and merges per window, a comparison of two
 * or three channels and filters. Windows are added oldest first as they are analysed; the page is
 * written once the timeline is known.
 *
 * <p>Every window keeps all of its channels and edges, so each number the page shows (audience, shared
 * viewers, shares) comes from the same result as that window's CSV files. To keep the page small the
 * per-window channel and edge tables are packed as unsigned LEB128 varints (channel indexes and
 * positions as deltas) in base64; edge weights are kept to 1/10,000 of the window's largest weight,
 * enough for the weight filter. Only channel-level numbers are embedded: a three-way comparison shows
 * the pairwise overlaps exactly and the viewers common to all three as the range the pairwise counts
 * allow, because the viewers themselves are never part of an export.
 */
final class SeriesExplorer {

    /** The file name of the page. */
    static final String FILE_NAME = "community_timeline.html";
    /** Layout iterations of each window after the first, started from the previous positions. */
    static final int FOLLOW_ITERATIONS = 15;
    /** Positions are stored in quarters of a layout unit. */
    private static final double POSITION_STEP = 4;
    /** Weight codes run from 0 to this (the window's largest weight). */
    static final int WEIGHT_CODES = 10_000;

    private static final String TEMPLATE = HtmlExporter.page(" class=\"series\"", HtmlExporter.resource("series.html"));
    private static final String CSS = HtmlExporter.resource("explorer.css") + HtmlExporter.resource("series.css");
    private static final String JS = HtmlExporter.COMMON_JS + HtmlExporter.resource("series.js");
    private static final JsonFactory JSON = new JsonFactory();

    private final SeriesLayout layout;
    private final List<Window> windows = new ArrayList<>();
    private AnalysisResult newest;

    /** A series explorer whose map is laid out with {@code options}. */
    SeriesExplorer(LayoutOptions options) {
        this.layout = new SeriesLayout(Objects.requireNonNull(options, "options"), FOLLOW_ITERATIONS);
    }

    /** What the page keeps of one window. */
    private record Window(Instant end, String[] ids, double[] x, double[] y, int[] viewers, int[] community,
                          String[] game, String[] language, String[] title, int[] src, int[] dst, int[] shared,
                          double[] weight) {
    }

    /**
     * Adds the next window (windows come oldest first) and lays it out from the previous positions.
     *
     * @param end    the window's end, as the timeline names it
     * @param result the window's analysis
     */
    void add(Instant end, AnalysisResult result) {
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(result, "result");
        if (!windows.isEmpty() && !end.isAfter(windows.get(windows.size() - 1).end())) {
            throw new IllegalArgumentException("windows must come oldest first: " + end + " after "
                    + windows.get(windows.size() - 1).end());
        }
        GraphLayout positions = layout.next(result);
        // In login order, as the page's channel table is (results hold them so; sorted here rather than assumed).
        List<GraphNode> nodes = result.nodes().stream().sorted(Comparator.comparing(GraphNode::id)).toList();
        int n = nodes.size();
        String[] ids = new String[n];
        double[] x = new double[n];
        double[] y = new double[n];
        int[] viewers = new int[n];
        int[] community = new int[n];
        String[] game = new String[n];
        String[] language = new String[n];
        String[] title = new String[n];
        Map<String, Integer> index = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            GraphNode node = nodes.get(i);
            ids[i] = node.id();
            Position p = positions.require(node.id());
            x[i] = p.x();
            y[i] = p.y();
            viewers[i] = node.viewers();
            community[i] = node.community();
            game[i] = node.game();
            language[i] = node.language();
            title[i] = node.title();
            index.put(node.id(), i);
        }
        List<GraphEdge> edges = result.edges();
        int[] src = new int[edges.size()];
        int[] dst = new int[edges.size()];
        int[] shared = new int[edges.size()];
        double[] weight = new double[edges.size()];
        int m = 0;
        for (GraphEdge e : edges) {
            Integer s = index.get(e.source());
            Integer t = index.get(e.target());
            if (s == null || t == null || s.equals(t)) {
                continue;
            }
            src[m] = Math.min(s, t);
            dst[m] = Math.max(s, t);
            shared[m] = (int) Math.min(Integer.MAX_VALUE, e.shared());
            weight[m] = e.weight();
            m++;
        }
        windows.add(new Window(end, ids, x, y, viewers, community, game, language, title, Arrays.copyOf(src, m),
                Arrays.copyOf(dst, m), Arrays.copyOf(shared, m), Arrays.copyOf(weight, m)));
        newest = result;
    }

    /** Windows added so far. */
    int size() {
        return windows.size();
    }

    /**
     * The page for the windows added, with community identities and events from {@code timeline}.
     *
     * @param timeline the timeline of the same windows
     * @return the page, UTF-8
     * @throws IllegalStateException when no window was added
     */
    byte[] html(Timeline timeline) throws IOException {
        Objects.requireNonNull(timeline, "timeline");
        if (windows.isEmpty()) {
            throw new IllegalStateException("no windows to write");
        }
        String title = "ViewerAtlas \u2014 channel map over time";
        String page = TEMPLATE
                .replace("__TITLE__", Text.xml(title))
                .replace("/*__CSS__*/", CSS)
                .replace("/*__JS__*/", JS)
                .replace("/*__DATA__*/", data(timeline, title));
        return page.getBytes(StandardCharsets.UTF_8);
    }

    /** The embedded data document, safe inside a script element. */
    String data(Timeline timeline, String title) throws IOException {
        TreeSet<String> all = new TreeSet<>();
        TreeSet<String> gameSet = new TreeSet<>();
        TreeSet<String> languageSet = new TreeSet<>();
        for (Window w : windows) {
            all.addAll(Arrays.asList(w.ids()));
            gameSet.addAll(Arrays.asList(w.game()));
            languageSet.addAll(Arrays.asList(w.language()));
        }
        List<String> channels = new ArrayList<>(all);
        Map<String, Integer> channelIndex = indexOf(channels);
        List<String> games = new ArrayList<>(gameSet);
        Map<String, Integer> gameIndex = indexOf(games);
        List<String> languages = new ArrayList<>(languageSet);
        Map<String, Integer> languageIndex = indexOf(languages);
        Map<Instant, Timeline.Window> tracked = new HashMap<>();
        timeline.windows().forEach(w -> tracked.put(w.end(), w));

        // Latest title and last window of each channel.
        String[] titles = new String[channels.size()];
        int[] last = new int[channels.size()];
        int[] firstSeen = new int[channels.size()];
        Arrays.fill(firstSeen, -1);
        for (int k = 0; k < windows.size(); k++) {
            Window w = windows.get(k);
            for (int i = 0; i < w.ids().length; i++) {
                int c = channelIndex.get(w.ids()[i]);
                titles[c] = w.title()[i];
                last[c] = k;
                if (firstSeen[c] < 0) {
                    firstSeen[c] = k;
                }
            }
        }
        StringWriter sw = new StringWriter(1 << 20);
        try (JsonGenerator g = JSON.createGenerator(sw)) {
            g.writeStartObject();
            g.writeStringField("title", title);
            g.writeStringField("subtitle", windows.size() + " windows \u00b7 " + Descriptions.parameters(newest));
            Object threshold = newest.config().getOrDefault("analysis.overlap_threshold",
                    newest.config().get("overlap_threshold"));
            if (threshold instanceof Number t) {
                g.writeNumberField("threshold", t.longValue());
            }
            g.writeNumberField("weightCodes", WEIGHT_CODES);
            g.writeNumberField("positionStep", POSITION_STEP);
            strings(g, "channels", channels);
            strings(g, "titles", Arrays.asList(titles));
            strings(g, "games", games);
            strings(g, "languages", languages);
            // Channels that stopped streaming inside the series: seen, then absent from the last window.
            g.writeArrayFieldStart("stopped");
            for (int c = 0; c < channels.size(); c++) {
                if (last[c] < windows.size() - 1) {
                    g.writeStartArray();
                    g.writeNumber(c);
                    g.writeNumber(last[c]);
                    g.writeEndArray();
                }
            }
            g.writeEndArray();
            g.writeObjectFieldStart("colors");
            TreeSet<Integer> stableIds = new TreeSet<>();
            timeline.windows().forEach(w -> w.communities().forEach(c -> stableIds.add(c.stableId())));
            for (int id : stableIds) {
                g.writeStringField(Integer.toString(id), Palette.hex(id));
            }
            g.writeStringField("-1", Palette.hex(GraphNode.UNASSIGNED));
            g.writeEndObject();
            int[] lastX = new int[channels.size()];
            int[] lastY = new int[channels.size()];
            g.writeArrayFieldStart("windows");
            for (Window w : windows) {
                Timeline.Window tw = tracked.get(w.end());
                Map<Integer, Integer> stable = new HashMap<>();
                if (tw != null) {
                    tw.communities().forEach(c -> stable.put(c.community(), c.stableId()));
                }
                g.writeStartObject();
                g.writeStringField("start", tw == null ? "" : tw.start().toString());
                g.writeStringField("end", w.end().toString());
                g.writeNumberField("nodes", w.ids().length);
                g.writeNumberField("edges", w.src().length);
                double maxWeight = 0;
                for (double v : w.weight()) {
                    maxWeight = Math.max(maxWeight, v);
                }
                g.writeNumberField("maxWeight", Double.parseDouble(Text.num(maxWeight)));
                g.writeArrayFieldStart("communities");
                if (tw != null) {
                    for (Timeline.TrackedCommunity c : tw.communities()) {
                        g.writeStartArray();
                        g.writeNumber(c.stableId());
                        g.writeString(c.label());
                        g.writeNumber(c.size());
                        g.writeEndArray();
                    }
                }
                g.writeEndArray();
                g.writeArrayFieldStart("events");
                for (Timeline.Event e : timeline.events()) {
                    if (!e.windowEnd().equals(w.end()) || e.type() == Timeline.EventType.CONTINUE) {
                        continue;
                    }
                    g.writeStartArray();
                    g.writeString(e.type().name().toLowerCase(Locale.ROOT));
                    g.writeStartArray();
                    for (int id : e.from()) {
                        g.writeNumber(id);
                    }
                    g.writeEndArray();
                    g.writeStartArray();
                    for (int id : e.to()) {
                        g.writeNumber(id);
                    }
                    g.writeEndArray();
                    g.writeEndArray();
                }
                g.writeEndArray();
                // Channels whose tracked community changed since the previous window: [channel, from, to].
                g.writeArrayFieldStart("moves");
                for (Timeline.Move mv : timeline.moves()) {
                    Integer c = channelIndex.get(mv.channel());
                    if (!mv.windowEnd().equals(w.end()) || c == null) {
                        continue;
                    }
                    g.writeStartArray();
                    g.writeNumber(c);
                    g.writeNumber(mv.from());
                    g.writeNumber(mv.to());
                    g.writeEndArray();
                }
                g.writeEndArray();
                byte[][] packed = pack(w, channelIndex, gameIndex, languageIndex, stable, maxWeight, lastX, lastY);
                g.writeStringField("data", Base64.getEncoder().encodeToString(packed[0]));
                g.writeStringField("edgeData", Base64.getEncoder().encodeToString(packed[1]));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        // '<' only occurs inside JSON strings, where \u003c means the same; this keeps "</script>" out.
        return sw.toString().replace("<", "\\u003c");
    }

    /**
     * One window's tables as varints, channels and edges apart (the page decodes a window's edges when it
     * first shows the window): the channel count, then per channel (in channel order) its index delta, x
     * and y as zig-zag deltas from its last stored position, audience, stable community + 1, game and
     * language; then per channel its edges to later channels: count, then per edge the target's delta,
     * shared viewers and weight code.
     */
    private static byte[][] pack(Window w, Map<String, Integer> channelIndex, Map<String, Integer> gameIndex,
                               Map<String, Integer> languageIndex, Map<Integer, Integer> stable, double maxWeight,
                               int[] lastX, int[] lastY) {
        int n = w.ids().length;
        // Local order = global channel order: both sorted by login.
        int[] global = new int[n];
        for (int i = 0; i < n; i++) {
            global[i] = channelIndex.get(w.ids()[i]);
            if (i > 0 && global[i] <= global[i - 1]) {
                throw new IllegalArgumentException("window " + w.end() + " lists channel '" + w.ids()[i] + "' twice");
            }
        }
        Varints out = new Varints(n * 12 + w.src().length * 5);
        out.put(n);
        int previous = -1;
        for (int i = 0; i < n; i++) {
            int c = global[i];
            out.put(c - previous);
            previous = c;
            int qx = (int) Math.round(w.x()[i] * POSITION_STEP);
            int qy = (int) Math.round(w.y()[i] * POSITION_STEP);
            out.putSigned(qx - lastX[c]);
            out.putSigned(qy - lastY[c]);
            lastX[c] = qx;
            lastY[c] = qy;
            out.put(w.viewers()[i]);
            int community = w.community()[i];
            out.put(community < 0 ? 0 : stable.getOrDefault(community, -1) + 1);
            out.put(gameIndex.get(w.game()[i]));
            out.put(languageIndex.get(w.language()[i]));
        }
        byte[] channelTable = out.toByteArray();
        out = new Varints(w.src().length * 5);
        int m = w.src().length;
        Integer[] order = new Integer[m];
        for (int k = 0; k < m; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> w.src()[a] != w.src()[b] ? Integer.compare(w.src()[a], w.src()[b])
                : Integer.compare(w.dst()[a], w.dst()[b]));
        int k = 0;
        for (int i = 0; i < n; i++) {
            int start = k;
            while (k < m && w.src()[order[k]] == i) {
                k++;
            }
            out.put(k - start);
            int at = i;
            for (int j = start; j < k; j++) {
                int e = order[j];
                out.put(w.dst()[e] - at);
                at = w.dst()[e];
                out.put(w.shared()[e]);
                out.put(maxWeight > 0 ? (int) Math.round(w.weight()[e] / maxWeight * WEIGHT_CODES) : 0);
            }
        }
        return new byte[][]{channelTable, out.toByteArray()};
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v == null ? "" : v);
        }
        g.writeEndArray();
    }

    private static Map<String, Integer> indexOf(List<String> values) {
        Map<String, Integer> m = new TreeMap<>();
        for (int i = 0; i < values.size(); i++) {
            m.put(values.get(i), i);
        }
        return m;
    }

    /** Unsigned LEB128 varints; signed values zig-zag encoded. */
    private static final class Varints {
        private final ByteArrayOutputStream bytes;

        Varints(int capacity) {
            bytes = new ByteArrayOutputStream(Math.max(16, capacity));
        }

        void put(long v) {
            if (v < 0) {
                throw new IllegalArgumentException("negative value " + v + " where a count or index belongs");
            }
            while (v >= 0x80) {
                bytes.write((int) (v & 0x7F) | 0x80);
                v >>>= 7;
            }
            bytes.write((int) v);
        }

        void putSigned(long v) {
            put((v << 1) ^ (v >> 63));
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }
}
