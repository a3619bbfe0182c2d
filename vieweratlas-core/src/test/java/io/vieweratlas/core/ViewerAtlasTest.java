package io.vieweratlas.core;

import io.vieweratlas.core.analysis.AnalysisParameters;
import io.vieweratlas.core.analysis.Weighting;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.Community;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.PresenceSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ViewerAtlasTest {

    private static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");

    /** Two groups of three channels; each group shares its own ten viewers. */
    private static PresenceSource twoGroups(Instant at) {
        PresenceSources.RowsBuilder rows = PresenceSources.rows();
        for (String group : List.of("a", "b")) {
            for (int c = 1; c <= 3; c++) {
                for (int v = 0; v < 10; v++) {
                    rows.add(group + "chan" + c, group + "viewer" + v, at);
                }
            }
        }
        return rows.build();
    }

    private static Set<Set<String>> blocks(AnalysisResult r) {
        return r.communities().stream().map(c -> Set.copyOf(c.channels())).collect(Collectors.toSet());
    }

    @Test
    void findsTheTwoGroupsThroughTheFacade() {
        AnalysisResult r = ViewerAtlas.analysis().source(twoGroups(T0))
                .weighting(Weighting.JACCARD).leiden(1.0, 7).threshold(5).run();
        assertEquals(Set.of(Set.of("achan1", "achan2", "achan3"), Set.of("bchan1", "bchan2", "bchan3")), blocks(r));
        assertEquals(6, r.nodes().size());
        assertEquals(6, r.edges().size());
        r.edges().forEach(e -> assertEquals(1.0, e.weight(), 1e-12)); // identical audiences: Jaccard 1
        assertEquals("jaccard", r.config().get("weighting"));
        assertEquals(7L, r.config().get("seed"));
        assertEquals(5, r.config().get("overlap_threshold"));
        assertTrue(r.statistics().detection().modularity() > 0.4, "modularity " + r.statistics().detection().modularity());
    }

    @Test
    void sameInputAndSeedGiveAnEqualResult() {
        AnalysisResult a = ViewerAtlas.analysis().source(twoGroups(T0)).leiden(1.0, 3).run();
        AnalysisResult b = ViewerAtlas.analysis().source(twoGroups(T0)).leiden(1.0, 3).run();
        assertEquals(a, b);
    }

    @Test
    void thresholdAboveTheSharedCountLeavesNoEdges() {
        AnalysisResult r = ViewerAtlas.analysis().source(twoGroups(T0)).threshold(11).run();
        assertEquals(0, r.edges().size());
        assertEquals(List.of(), r.communities());
    }

    @Test
    void windowsSelectSnapshotsByTime() {
        Instant later = T0.plus(Duration.ofDays(3));
        // Old data: group a; new data: group b.
        List<PresenceSnapshot> all = new java.util.ArrayList<>();
        twoGroups(T0).forEachSnapshot(TimeRange.ALL, s -> {
            if (s.channel().startsWith("a")) {
                all.add(s);
            }
        });
        twoGroups(later).forEachSnapshot(TimeRange.ALL, s -> {
            if (s.channel().startsWith("b")) {
                all.add(s);
            }
        });
        // each window holds one three-channel clique: at resolutions above 1 modularity prefers
        // singletons to a lone clique, so the windows are analysed at resolution 1
        AnalysisResult lastDay = ViewerAtlas.analysis().snapshots(all).window(Duration.ofDays(1)).leiden(1.0, 42)
                .run();
        assertEquals(Set.of(Set.of("bchan1", "bchan2", "bchan3")), blocks(lastDay));
        AnalysisResult firstDay = ViewerAtlas.analysis().snapshots(all)
                .window(TimeRange.between(T0, T0.plus(Duration.ofDays(1)))).leiden(1.0, 42).run();
        assertEquals(Set.of(Set.of("achan1", "achan2", "achan3")), blocks(firstDay));
        AnalysisResult everything = ViewerAtlas.analysis().snapshots(all).run();
        assertEquals(2, everything.communities().size());
    }

    @Test
    void parametersCanBeTakenWholeAndAdjusted() {
        AnalysisParameters base = AnalysisParameters.builder().minCommunitySize(4).build();
        ViewerAtlas.AnalysisBuilder b = ViewerAtlas.analysis().parameters(base).louvain(0.5, 9);
        AnalysisParameters p = b.parameters();
        assertEquals(4, p.minCommunitySize());
        assertEquals(0.5, p.resolution());
        assertEquals(9, p.seed());
        // min size 4 > groups of 3: nothing is assigned.
        List<Community> communities = b.source(twoGroups(T0)).run().communities();
        assertEquals(List.of(), communities);
    }

    @Test
    void missingSourceAndBadValuesFailClearly() {
        IllegalStateException noSource = assertThrows(IllegalStateException.class, () -> ViewerAtlas.analysis().run());
        assertTrue(noSource.getMessage().contains("source"), noSource.getMessage());
        IllegalArgumentException badResolution = assertThrows(IllegalArgumentException.class,
                () -> ViewerAtlas.analysis().source(twoGroups(T0)).leiden(-1, 1).run());
        assertTrue(badResolution.getMessage().contains("resolution"), badResolution.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ViewerAtlas.analysis().window(Duration.ZERO));
    }

    @Test
    void runTimedReportsTheStagesAndTheSameResultAsRun() {
        ViewerAtlas.AnalysisBuilder b = ViewerAtlas.analysis().source(twoGroups(T0)).leiden(1.0, 5);
        io.vieweratlas.core.analysis.AnalysisRun timed = b.runTimed();
        assertEquals(b.run(), timed.result());
        assertEquals("load", timed.stageMillis().keySet().iterator().next());
        assertTrue(timed.stageMillis().containsKey("communities"), timed.stageMillis().toString());
    }
}
