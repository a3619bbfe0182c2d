package io.vieweratlas.core.analysis;

import io.vieweratlas.core.ViewerAtlas;

import io.vieweratlas.core.analysis.aggregate.Aggregator;
import io.vieweratlas.core.analysis.aggregate.Audiences;
import io.vieweratlas.core.analysis.aggregate.PresenceIngest;
import io.vieweratlas.core.analysis.aggregate.PresenceTable;
import io.vieweratlas.core.analysis.filter.AudienceFilter;
import io.vieweratlas.core.analysis.graph.OverlapGraph;
import io.vieweratlas.core.analysis.graph.OverlapGraphBuilder;
import io.vieweratlas.core.analysis.label.CommunityLabeler;
import io.vieweratlas.core.analysis.viewer.ViewerKeys;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.ChannelMeta;
import io.vieweratlas.core.model.Evidence;
import io.vieweratlas.core.model.FilterStep;
import io.vieweratlas.core.model.GraphEdge;
import io.vieweratlas.core.model.GraphNode;
import io.vieweratlas.core.model.LoadReport;
import io.vieweratlas.core.model.PresencePolicy;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.PresenceSource;
import org.apache.commons.math3.distribution.HypergeometricDistribution;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static io.vieweratlas.core.analysis.Snapshots.T0;
import static io.vieweratlas.core.analysis.Snapshots.snap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipelineTest {

    /** Logins by key, of every snapshot aggregated so far: audiences hold keys, tests read logins. */
    private static final Map<ViewerKeys.Key, String> LOGINS = new java.util.concurrent.ConcurrentHashMap<>();

    /** {@link PresenceIngest#of}, remembering the logins so that audiences can be read back. */
    private static PresenceTable ingest(List<PresenceSnapshot> snaps, PresencePolicy policy) {
        for (PresenceSnapshot s : snaps) {
            for (String login : s.chatters(PresencePolicy.INCLUSIVE)) {
                LOGINS.put(ViewerKeys.of(login), login);
            }
        }
        return PresenceIngest.of(snaps, policy);
    }

    private static Audiences aggregate(List<PresenceSnapshot> snaps, TimeRange range) {
        PresenceTable table = ingest(snaps, PresencePolicy.STRICT);
        return Aggregator.aggregate(table, range).audiences();
    }

    private static List<String> audience(Audiences a, String channel) {
        int c = a.channels().indexOf(channel);
        List<String> out = new ArrayList<>();
        for (int i = a.offsets()[c]; i < a.offsets()[c + 1]; i++) {
            out.add(LOGINS.get(a.viewers().key(a.members()[i])));
        }
        Collections.sort(out);
        return out;
    }

    @Test
    void aggregationUnitesChattersAndPicksMetadata() {
        PresenceSnapshot first = snap("alpha", 0, "Chess", "en", 10, "x", "y");
        PresenceSnapshot second = snap("alpha", 10, "Chess", "", 15, "y", "z");
        PresenceSnapshot dup = second.toBuilder().contentId("vod:9").chatter("w").build();
        PresenceSnapshot third = snap("alpha", 20, "Art", "en", 3, "q");
        PresenceTable table = ingest(List.of(third, dup, first, second), PresencePolicy.STRICT);
        Aggregator.Aggregation agg = Aggregator.aggregate(table, TimeRange.ALL);
        Audiences a = agg.audiences();
        assertEquals(List.of("alpha"), a.channels());
        assertEquals(List.of("q", "x", "y", "z"), audience(a, "alpha"));
        assertEquals(3, a.observations()[0]);
        assertEquals(new ChannelMeta("alpha", 15, "Chess", "en", "title of alpha at 20"), a.meta().get(0));
        assertEquals(List.of("alpha@2026-01-10T12:10:00Z/vod:9"), agg.duplicateSnapshots());
        assertEquals(3, agg.snapshotsInWindow());

        // a window of 15 minutes anchored at the newest snapshot keeps minutes 10 and 20
        TimeRange last = AnalysisWindow.last(Duration.ofMinutes(15)).resolve(table.newest());
        Audiences recent = Aggregator.aggregate(table, last).audiences();
        assertEquals(List.of("q", "y", "z"), audience(recent, "alpha"));
        assertEquals(2, recent.observations()[0]);
        // since/until
        Audiences early = aggregate(List.of(first, second, third), TimeRange.between(T0, T0.plusSeconds(600)));
        assertEquals(List.of("x", "y"), audience(early, "alpha"));
    }

    @Test
    void metadataMissingIsReported() {
        PresenceTable table = ingest(List.of(snap("nogame", 0, "", "en", 1, "a"),
                snap("full", 0, "G", "en", 1, "a")), PresencePolicy.STRICT);
        assertEquals(List.of("nogame"), Aggregator.aggregate(table, TimeRange.ALL).missingMetadata());
    }

    @Test
    void strictPresenceKeepsOnlyMessageAuthors() {
        PresenceSnapshot s = PresenceSnapshot.builder("chan", T0).evidence("talker", Evidence.MESSAGE)
                .evidence("lurker", Evidence.JOIN).build();
        assertEquals(List.of("talker"), audience(Aggregator.aggregate(
                ingest(List.of(s), PresencePolicy.STRICT), TimeRange.ALL).audiences(), "chan"));
        assertEquals(List.of("lurker", "talker"), audience(Aggregator.aggregate(
                ingest(List.of(s), PresencePolicy.INCLUSIVE), TimeRange.ALL).audiences(), "chan"));
    }

    @Test
    void filtersRemoveBotsHeavyAccountsAndSmallChannelsAndReportCounts() {
        List<PresenceSnapshot> snaps = new ArrayList<>();
        // heavy: present in 4 channels; bot nightbot in 5; small: one viewer; once: 1 observation
        snaps.add(snap("c1", 0, "G", "en", 1, "nightbot", "heavy", "a", "b"));
        snaps.add(snap("c1", 5, "G", "en", 1, "a"));
        snaps.add(snap("c2", 0, "G", "en", 1, "nightbot", "heavy", "a", "c"));
        snaps.add(snap("c2", 5, "G", "en", 1, "c"));
        snaps.add(snap("c3", 0, "G", "en", 1, "nightbot", "heavy", "d", "e"));
        snaps.add(snap("c3", 5, "G", "en", 1, "e"));
        snaps.add(snap("small", 0, "G", "en", 1, "nightbot", "heavy", "f"));
        snaps.add(snap("small", 5, "G", "en", 1, "f"));
        snaps.add(snap("once", 0, "G", "en", 1, "nightbot", "g", "h", "i"));
        AnalysisParameters p = AnalysisParameters.builder().maxChannelsPerViewer(3).minObservations(2)
                .minChannelViewers(2).build();
        AudienceFilter.Filtered f = AudienceFilter.apply(aggregate(snaps, TimeRange.ALL), p);
        assertEquals(List.of(
                new FilterStep("bots", AnalysisParameters.DEFAULT_BOTS.size(), 1, 5, 0),
                new FilterStep("heavy_accounts", 3, 1, 4, 0),
                new FilterStep("min_observations", 2, 3, 3, 1),
                new FilterStep("min_channel_viewers", 2, 1, 1, 1)), f.steps());
        assertEquals(List.of("c1", "c2", "c3"), f.audiences().channels());
        assertEquals(List.of("a", "b"), audience(f.audiences(), "c1"));
    }

    @Test
    void weightsFollowTheirFormulas() {
        // a: 4 viewers, b: 6 viewers, 2 shared; 20 viewers in total
        List<PresenceSnapshot> snaps = new ArrayList<>();
        snaps.add(snap("a", 0, "G", "en", 1, "s1", "s2", "a1", "a2"));
        snaps.add(snap("b", 0, "G", "en", 1, "s1", "s2", "b1", "b2", "b3", "b4"));
        String[] others = new String[12];
        for (int i = 0; i < 12; i++) {
            others[i] = "o" + i;
        }
        snaps.add(snap("c", 0, "G", "en", 1, others));
        Audiences a = aggregate(snaps, TimeRange.ALL);
        assertEquals(2.0, weight(a, Weighting.SHARED), 1e-12);
        assertEquals(2.0 / 8, weight(a, Weighting.JACCARD), 1e-12);
        assertEquals(2.0 / 4, weight(a, Weighting.OVERLAP), 1e-12);
        double p = new HypergeometricDistribution(20, 4, 6).upperCumulativeProbability(2);
        AnalysisParameters sig = AnalysisParameters.builder().overlapThreshold(1).weighting(Weighting.SIGNIFICANCE)
                .significanceLevel(0.5).build();
        OverlapGraph g = OverlapGraphBuilder.build(a, sig);
        assertEquals(1, g.edgeCount());
        assertEquals(-Math.log10(p), g.weight()[0], 1e-9);
        // p ≈ 0.28 is not significant at 1 %
        assertEquals(0, OverlapGraphBuilder.build(a, sig.toBuilder().significanceLevel(0.01).build()).edgeCount());
        // threshold 3 drops the only edge
        assertEquals(0, OverlapGraphBuilder.build(a, AnalysisParameters.builder().overlapThreshold(3).build())
                .edgeCount());
    }

    private static double weight(Audiences a, Weighting w) {
        OverlapGraph g = OverlapGraphBuilder.build(a, AnalysisParameters.builder().overlapThreshold(1).weighting(w).build());
        assertEquals(1, g.edgeCount());
        assertEquals(0, g.source()[0]);
        assertEquals(1, g.target()[0]);
        assertEquals(2, g.shared()[0]);
        return g.weight()[0];
    }

    @Test
    void graphCountsMatchBruteForce() {
        Random r = new Random(5);
        List<PresenceSnapshot> snaps = new ArrayList<>();
        List<List<String>> aud = new ArrayList<>();
        for (int c = 0; c < 40; c++) {
            List<String> l = new ArrayList<>();
            for (int v = 0; v < 300; v++) {
                if (r.nextInt(10) == 0) {
                    l.add("v" + v);
                }
            }
            aud.add(l);
            snaps.add(snap(String.format("ch%02d", c), 0, "G", "en", 1, l.toArray(String[]::new)));
        }
        Audiences a = aggregate(snaps, TimeRange.ALL);
        OverlapGraph g = OverlapGraphBuilder.build(a, AnalysisParameters.builder().overlapThreshold(3).build());
        Map<String, Integer> got = new TreeMap<>();
        for (int e = 0; e < g.edgeCount(); e++) {
            got.put(g.source()[e] + "-" + g.target()[e], g.shared()[e]);
        }
        Map<String, Integer> want = new TreeMap<>();
        for (int i = 0; i < 40; i++) {
            for (int j = i + 1; j < 40; j++) {
                List<String> s = new ArrayList<>(aud.get(i));
                s.retainAll(aud.get(j));
                if (s.size() >= 3) {
                    want.put(i + "-" + j, s.size());
                }
            }
        }
        assertEquals(want, got);
    }

    @Test
    void labelsFollowTheOriginalRules() {
        assertEquals(new CommunityLabeler.Label("Chess (en)", "game_language"), CommunityLabeler.label(0, List.of(
                meta("Chess", "en"), meta("Chess", "en"), meta("Chess", "de"), meta("Art", "fr"), meta("Chess", ""))));
        assertEquals(new CommunityLabeler.Label("Chess", "game"), CommunityLabeler.label(0, List.of(
                meta("Chess", "en"), meta("Chess", "de"), meta("Chess", "fr"), meta("Art", "es"), meta("Chess", ""))));
        assertEquals(new CommunityLabeler.Label("de-speaking Variety", "language_variety"),
                CommunityLabeler.label(0, List.of(meta("A", "de"), meta("B", "de"), meta("C", "en"), meta("A", "de"))));
        assertEquals(new CommunityLabeler.Label("A / B mix", "mix"), CommunityLabeler.label(0, List.of(
                meta("B", "en"), meta("A", "de"), meta("A", "fr"), meta("B", "es"), meta("C", "it"))));
        assertEquals(new CommunityLabeler.Label("Variety Community (3)", "variety"), CommunityLabeler.label(3,
                List.of(meta("", "en"), meta("", "de"), meta("A", "fr"))));
    }

    private static ChannelMeta meta(String game, String lang) {
        return new ChannelMeta("c", 0, game, lang, "");
    }

    @Test
    void plantedCommunitiesAreRecoveredAndBotsRemoved() {
        List<PresenceSnapshot> snaps = Snapshots.planted(8, 25, 6000, 0.2, 11);
        AnalysisResult r = ViewerAtlas.analysis().source(source(snaps)).parameters(AnalysisParameters.defaults()).run();
        Map<String, Integer> truth = new TreeMap<>();
        for (GraphNode n : r.nodes()) {
            truth.put(n.id(), Integer.parseInt(n.id().substring(1, 3)));
        }
        Map<String, Integer> found = new TreeMap<>();
        r.nodes().forEach(n -> found.put(n.id(), n.community()));
        assertTrue(PartitionComparison.nmi(truth, found) > 0.99, "NMI " + PartitionComparison.nmi(truth, found));
        assertEquals(8, r.communities().size());
        assertEquals(0, r.statistics().detection().disconnectedCommunities());
        FilterStep bots = r.statistics().filters().get(0);
        assertEquals(new FilterStep("bots", AnalysisParameters.DEFAULT_BOTS.size(), 2, 400, 0), bots);
        assertEquals("Game0 (en)", r.communities().stream().filter(c -> c.channels().get(0).startsWith("g00"))
                .findFirst().orElseThrow().label());
        for (GraphEdge e : r.edges()) {
            assertTrue(e.source().compareTo(e.target()) < 0);
        }
    }

    @Test
    void sameInputInAnyOrderGivesEqualResults() {
        List<PresenceSnapshot> snaps = Snapshots.planted(5, 12, 2000, 0.3, 3);
        List<PresenceSnapshot> shuffled = new ArrayList<>(snaps);
        Collections.shuffle(shuffled, new Random(1));
        AnalysisParameters p = AnalysisParameters.defaults();
        AnalysisResult a = ViewerAtlas.analysis().source(source(snaps)).parameters(p).run();
        AnalysisResult b = ViewerAtlas.analysis().source(source(shuffled)).parameters(p).run();
        assertEquals(a, b);
        for (CommunityAlgorithm alg : CommunityAlgorithm.values()) {
            AnalysisParameters q = p.toBuilder().algorithm(alg).seed(99).build();
            assertEquals(ViewerAtlas.analysis().source(source(snaps)).parameters(q).run(),
                    ViewerAtlas.analysis().source(source(shuffled)).parameters(q).run());
        }
    }

    @Test
    void emptyInputGivesEmptyResult() {
        AnalysisResult r = ViewerAtlas.analysis().source(source(List.of())).run();
        assertTrue(r.nodes().isEmpty());
        assertTrue(r.communities().isEmpty());
        assertEquals(0.0, r.statistics().detection().modularity());
    }

    @Test
    void parametersAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AnalysisParameters.builder().overlapThreshold(-1).build());
        assertTrue(e.getMessage().contains("overlap_threshold"));
        assertThrows(IllegalArgumentException.class, () -> AnalysisParameters.builder().resolution(-1).build());
        assertThrows(IllegalArgumentException.class, () -> Weighting.fromWireName("cosine"));
        assertEquals(Weighting.JACCARD, Weighting.fromWireName("Jaccard"));
        assertEquals(List.of("a", "b"), AnalysisParameters.builder().bots(List.of("B", "a", "b")).build().bots());
        AnalysisParameters auto = AnalysisParameters.defaults();
        assertEquals(50, auto.heavyAccountLimit(100));
        assertEquals(100, auto.heavyAccountLimit(5000));
        assertEquals(7, auto.toBuilder().maxChannelsPerViewer(7).build().heavyAccountLimit(5000));
    }

    static PresenceSource source(List<PresenceSnapshot> snaps) {
        return (range, consumer) -> {
            long n = 0;
            for (PresenceSnapshot s : snaps) {
                if (range.contains(s.timestamp())) {
                    consumer.accept(s);
                    n++;
                }
            }
            return new LoadReport(n, List.of());
        };
    }
}
