package io.vieweratlas.core.analysis;

import io.vieweratlas.core.analysis.aggregate.PresenceIngest;
import io.vieweratlas.core.analysis.pipeline.AudienceAnalysis;
import io.vieweratlas.core.analysis.stability.Agreement;
import io.vieweratlas.core.analysis.stability.StabilityAnalysis;
import io.vieweratlas.core.analysis.stability.StabilityReport;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.LoadReport;
import io.vieweratlas.core.model.PresencePolicy;
import io.vieweratlas.core.model.PresenceSnapshot;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StabilityAnalysisTest {

    private static AnalysisResult analyse(List<PresenceSnapshot> snaps, AnalysisParameters p) {
        return AudienceAnalysis.run(PresenceIngest.of(snaps, PresencePolicy.STRICT), LoadReport.EMPTY,
                AnalysisWindow.ALL, p).result();
    }

    @Test
    void adjustedRandMatchesKnownValues() {
        int[] a = {0, 0, 0, 1, 1, 1};
        int[] renamed = {5, 5, 5, 2, 2, 2};
        int[] b = {0, 0, 1, 1, 2, 2};
        assertEquals(1.0, Agreement.adjustedRand(a, renamed), 1e-12);
        // scikit-learn: adjusted_rand_score([0,0,0,1,1,1], [0,0,1,1,2,2]) = 0.242424...
        assertEquals(8.0 / 33.0, Agreement.adjustedRand(a, b), 1e-12);
        assertEquals(1.0, Agreement.nmi(a, renamed), 1e-12);
        Map<String, Integer> ma = new TreeMap<>();
        Map<String, Integer> mb = new TreeMap<>();
        for (int i = 0; i < a.length; i++) {
            ma.put("c" + i, a[i]);
            mb.put("c" + i, b[i]);
        }
        assertEquals(PartitionComparison.nmi(ma, mb), Agreement.nmi(a, b), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Agreement.adjustedRand(a, new int[3]));
    }

    @Test
    void unassignedItemsAreSingletonsNotOneBlock() {
        int[] a = {0, 0, -1, -1};
        int[] b = {0, 0, 1, 1};
        assertTrue(Agreement.adjustedRand(a, b) < 1.0);
        assertEquals(1.0, Agreement.adjustedRand(a, new int[]{3, 3, -1, -1}), 1e-12);
    }

    @Test
    void cleanPlantedGraphIsStable() {
        List<PresenceSnapshot> snaps = Snapshots.planted(4, 8, 1200, 0.0, 7);
        AnalysisParameters p = AnalysisParameters.builder().overlapThreshold(1).build();
        AnalysisResult r = analyse(snaps, p);
        assertEquals(4, r.communities().size());
        StabilityReport s = StabilityAnalysis.assess(r, p, 6, 0.5);
        assertEquals(6, s.runs());
        assertEquals(List.of(42L, 43L, 44L, 45L, 46L, 47L), s.seeds());
        assertEquals(1.0, s.meanAdjustedRand(), 1e-9);
        assertEquals(1.0, s.minNmi(), 1e-9);
        assertEquals(32, s.confidence().size());
        s.confidence().values().forEach(c -> assertEquals(1.0, c, 1e-12));
        assertTrue(s.lowConfidence().isEmpty());
        assertEquals(4, s.communityConfidence().size());
        // deterministic: the same input gives an equal report
        assertEquals(s, StabilityAnalysis.assess(r, p, 6, 0.5));
    }

    @Test
    void randomGraphAgreesLittleAndFlagsChannels() {
        Random rnd = new Random(3);
        int channels = 40;
        List<List<String>> chatters = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            chatters.add(new ArrayList<>());
        }
        for (int v = 0; v < 3000; v++) {
            for (int k = 0; k < 3; k++) {
                chatters.get(rnd.nextInt(channels)).add("viewer" + v);
            }
        }
        List<PresenceSnapshot> snaps = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            snaps.add(Snapshots.snap(String.format("ch%02d", c), 0, "Game", "en", 10,
                    chatters.get(c).toArray(String[]::new)));
        }
        // raw counts at resolution 1: a random graph then splits into a few communities that differ
        // from seed to seed (at higher resolutions it falls apart into singletons, which every seed agrees on)
        AnalysisParameters p = AnalysisParameters.builder().overlapThreshold(1).weighting(Weighting.SHARED)
                .resolution(1.0).build();
        AnalysisResult r = analyse(snaps, p);
        StabilityReport s = StabilityAnalysis.assess(r, p, 10, 0.5);
        assertTrue(s.meanAdjustedRand() < 0.5, "mean ARI " + s.meanAdjustedRand());
        assertTrue(s.minAdjustedRand() < s.meanAdjustedRand());
        assertTrue(!s.lowConfidence().isEmpty(), "some channels should be flagged");
        for (String flagged : s.lowConfidence()) {
            assertTrue(s.confidence().get(flagged) < 0.5);
            assertTrue(s.flagged(flagged));
        }
    }

    @Test
    void rejectsBadArguments() {
        AnalysisParameters p = AnalysisParameters.defaults();
        AnalysisResult r = analyse(Snapshots.planted(2, 3, 50, 0, 1), p);
        assertThrows(IllegalArgumentException.class, () -> StabilityAnalysis.assess(r, p, 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> StabilityAnalysis.assess(r, p, 2, 1.5));
    }
}
