package io.vieweratlas.core.analysis;

import io.vieweratlas.core.analysis.aggregate.PresenceIngest;
import io.vieweratlas.core.analysis.pipeline.AudienceAnalysis;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.GraphNode;
import io.vieweratlas.core.model.LoadReport;
import io.vieweratlas.core.model.PresencePolicy;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.StreamMetadata;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;

/** Test helpers that make snapshots and planted-partition data. */
final class Snapshots {

    static final Instant T0 = Instant.parse("2026-01-10T12:00:00Z");

    private Snapshots() {
    }

    static PresenceSnapshot snap(String channel, int minutes, String game, String lang, long viewers,
                                 String... chatters) {
        return PresenceSnapshot.builder(channel, T0.plusSeconds(60L * minutes))
                .stream(new StreamMetadata(viewers, game, lang, "title of " + channel + " at " + minutes,
                        Optional.empty()))
                .chatters(List.of(chatters)).build();
    }

    /**
     * Planted partition: {@code groups} communities of {@code perGroup} channels; each viewer has a
     * home community and visits 2-4 of its channels, with probability {@code noise} one channel
     * elsewhere; every channel also has the bots nightbot and streamelements.
     */
    static List<PresenceSnapshot> planted(int groups, int perGroup, int viewers, double noise, long seed) {
        Random r = new Random(seed);
        List<List<String>> chatters = new ArrayList<>();
        int n = groups * perGroup;
        for (int c = 0; c < n; c++) {
            List<String> l = new ArrayList<>();
            l.add("nightbot");
            l.add("streamelements");
            chatters.add(l);
        }
        for (int v = 0; v < viewers; v++) {
            int g = r.nextInt(groups);
            int visits = 2 + r.nextInt(3);
            for (int k = 0; k < visits; k++) {
                chatters.get(g * perGroup + r.nextInt(perGroup)).add("viewer" + v);
            }
            if (r.nextDouble() < noise) {
                chatters.get(r.nextInt(n)).add("viewer" + v);
            }
        }
        List<PresenceSnapshot> out = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            int g = c / perGroup;
            out.add(snap(channel(c, perGroup), 0, "Game" + g, g % 2 == 0 ? "en" : "de", 100 + c,
                    chatters.get(c).toArray(String[]::new)));
        }
        return out;
    }

    static String channel(int c, int perGroup) {
        return String.format(java.util.Locale.ROOT, "g%02d_ch%03d", c / perGroup, c);
    }

    /** Runs the pipeline on {@code snaps}: strict presence, all of time. */
    static AnalysisResult analyse(List<PresenceSnapshot> snaps, AnalysisParameters p) {
        return AudienceAnalysis.run(PresenceIngest.of(snaps, PresencePolicy.STRICT), LoadReport.EMPTY,
                AnalysisWindow.ALL, p).result();
    }

    /** Community per channel of {@code r} ({@link GraphNode#UNASSIGNED} for unassigned ones). */
    static Map<String, Integer> communities(AnalysisResult r) {
        return r.nodes().stream().collect(Collectors.toMap(GraphNode::id, GraphNode::community));
    }
}
