package io.vieweratlas.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vieweratlas.core.analysis.stability.Calibration;
import io.vieweratlas.core.analysis.stability.StabilityReport;
import io.vieweratlas.core.analysis.timeline.Timeline;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.GraphNode;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Files of the analyses over time: stability ({@code stability.json}, {@code channel_confidence.csv}),
 * the community timeline ({@code timeline.json}, {@code timeline.csv}) and the calibration table
 * ({@code calibration.csv}, {@code calibration.json}). Channel-level only; keys in a fixed order and
 * numbers in {@link Numbers} form, so equal input gives identical bytes.
 */
final class OverTimeOutputs {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private OverTimeOutputs() {
    }

    /** {@code stability.json}: agreement between seeds, per-community and per-channel confidence. */
    public static byte[] stabilityJson(StabilityReport s) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("runs", s.runs());
        doc.put("seeds", s.seeds());
        doc.put("adjusted_rand_mean", s.meanAdjustedRand());
        doc.put("adjusted_rand_min", s.minAdjustedRand());
        doc.put("nmi_mean", s.meanNmi());
        doc.put("nmi_min", s.minNmi());
        doc.put("confidence_level", s.confidenceLevel());
        doc.put("confidence_rule", "mean share, over all runs, of the channel's community members (in this "
                + "analysis) that land in the same community as the channel");
        Map<String, Object> communities = new LinkedHashMap<>();
        s.communityConfidence().forEach((c, v) -> communities.put(Integer.toString(c), v));
        doc.put("community_confidence", communities);
        doc.put("low_confidence", s.lowConfidence());
        doc.put("channels", new LinkedHashMap<>(s.confidence()));
        return json(doc);
    }

    /** {@code channel_confidence.csv}: {@code channel,community,label,confidence,low_confidence} per node. */
    public static byte[] confidenceCsv(AnalysisResult result, StabilityReport s) {
        StringWriter w = new StringWriter();
        try {
            CsvExporters.line(w, "channel", "community", "label", "confidence", "low_confidence");
            for (GraphNode n : result.nodes()) {
                Double c = s.confidence().get(n.id());
                CsvExporters.line(w, n.id(), Integer.toString(n.community()), n.label(),
                        c == null ? "" : Numbers.format(c), Boolean.toString(s.flagged(n.id())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code timeline.json}: windows with their communities under stable ids, events and moved channels. */
    public static byte[] timelineJson(Timeline t) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("jaccard_threshold", t.jaccardThreshold());
        doc.put("rule", "communities of consecutive windows are linked when their member Jaccard is at least the "
                + "threshold; a community keeps a predecessor's stable id when each is the other's best link");
        List<Object> windows = new ArrayList<>();
        for (Timeline.Window w : t.windows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("start", w.start().toString());
            m.put("end", w.end().toString());
            List<Object> cs = new ArrayList<>();
            for (Timeline.TrackedCommunity c : w.communities()) {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("stable_id", c.stableId());
                cm.put("community", c.community());
                cm.put("label", c.label());
                cm.put("size", c.size());
                cm.put("jaccard", c.jaccard());
                cs.add(cm);
            }
            m.put("communities", cs);
            windows.add(m);
        }
        doc.put("windows", windows);
        List<Object> events = new ArrayList<>();
        for (Timeline.Event e : t.events()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("window_end", e.windowEnd().toString());
            m.put("type", e.type().name().toLowerCase(java.util.Locale.ROOT));
            m.put("from", e.from());
            m.put("to", e.to());
            events.add(m);
        }
        doc.put("events", events);
        List<Object> moves = new ArrayList<>();
        for (Timeline.Move mv : t.moves()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("window_end", mv.windowEnd().toString());
            m.put("channel", mv.channel());
            m.put("from", mv.from());
            m.put("to", mv.to());
            moves.add(m);
        }
        doc.put("moved_channels", moves);
        return json(doc);
    }

    /** {@code timeline.csv}: one row per community and window. */
    public static byte[] timelineCsv(Timeline t) {
        StringWriter w = new StringWriter();
        try {
            CsvExporters.line(w, "window_start", "window_end", "stable_id", "community", "label", "size", "jaccard");
            for (Timeline.Window win : t.windows()) {
                for (Timeline.TrackedCommunity c : win.communities()) {
                    CsvExporters.line(w, win.start().toString(), win.end().toString(), Integer.toString(c.stableId()),
                            Integer.toString(c.community()), c.label(), Integer.toString(c.size()),
                            Numbers.format(c.jaccard()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code calibration.csv}: one row per setting, the recommended one marked. */
    public static byte[] calibrationCsv(Calibration.Result r) {
        StringWriter w = new StringWriter();
        try {
            CsvExporters.line(w, "threshold", "resolution", "channels", "edges", "communities", "modularity",
                    "unassigned_share", "ari_mean", "ari_min", "nmi_mean", "recommended");
            for (Calibration.Row row : r.rows()) {
                CsvExporters.line(w, Integer.toString(row.threshold()), Numbers.format(row.resolution()),
                        Integer.toString(row.channels()), Integer.toString(row.edges()),
                        Integer.toString(row.communities()), Numbers.format(row.modularity()),
                        Numbers.format(row.unassignedShare()), Numbers.format(row.meanAdjustedRand()),
                        Numbers.format(row.minAdjustedRand()), Numbers.format(row.meanNmi()),
                        Boolean.toString(row.equals(r.recommended())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code calibration.json}: the rule, whether it was met, and the chosen threshold and resolution. */
    public static byte[] calibrationJson(Calibration.Result r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("rule", Calibration.RULE);
        doc.put("rule_met", r.ruleMet());
        doc.put("runs_per_setting", r.runs());
        Map<String, Object> chosen = new LinkedHashMap<>();
        chosen.put("overlap_threshold", r.recommended().threshold());
        chosen.put("resolution", r.recommended().resolution());
        doc.put("chosen", chosen);
        doc.put("settings", r.rows().size());
        return json(doc);
    }

    /** Writes {@code bytes} to {@code dir/name} through a temporary file (creating {@code dir}). */
    public static Path write(Path dir, String name, byte[] bytes) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(name);
        Path tmp = dir.resolve("." + name + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    private static byte[] json(Object doc) {
        try {
            return (MAPPER.writeValueAsString(doc) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
