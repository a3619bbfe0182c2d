package io.vieweratlas.core.analysis;

import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.AnalysisStatistics;
import io.vieweratlas.core.model.GraphNode;
import io.vieweratlas.core.model.PresenceSnapshot;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Channels without an edge at the threshold are attached to the community their viewers clearly
 * watch, and left unassigned when the evidence is split or too thin.
 */
class UnassignedAttachmentTest {

    /** Threshold 5; resolution 1 because a graph of eight channels is small (docs/GUIDE.md). */
    private static final AnalysisParameters ATTACH = AnalysisParameters.builder().overlapThreshold(5)
            .resolution(1.0).attachUnassigned(true).build();

    /**
     * Two cliques of four channels (20 viewers watch all four), and four channels that share fewer
     * than five viewers with any other channel:
     * <ul>
     * <li>{@code x_sub}: three viewers of clique A, five of its own: attached to A;</li>
     * <li>{@code w_split}: one viewer of A and three who watch one channel of each clique; the split
     * viewers give half a vote to each, so A has 2.5 against 1.5: attached to A;</li>
     * <li>{@code y_tie}: two viewers of A and two of B: ambiguous, stays unassigned;</li>
     * <li>{@code z_thin}: one viewer of A: too little evidence, stays unassigned.</li>
     * </ul>
     */
    private static List<PresenceSnapshot> table() {
        List<PresenceSnapshot> out = new ArrayList<>();
        for (String group : List.of("a", "b")) {
            for (int c = 1; c <= 4; c++) {
                List<String> chatters = new ArrayList<>();
                for (int v = 0; v < 20; v++) {
                    chatters.add(group + "_v" + v);
                }
                if (c == 1) {
                    chatters.addAll(List.of("split0", "split1", "split2"));
                }
                out.add(Snapshots.snap(group + c, 0, "Game " + group, "en", 100, chatters.toArray(String[]::new)));
            }
        }
        out.add(Snapshots.snap("x_sub", 0, "Game x", "en", 10,
                "a_v0", "a_v1", "a_v2", "x0", "x1", "x2", "x3", "x4"));
        out.add(Snapshots.snap("w_split", 0, "Game w", "en", 10, "a_v3", "split0", "split1", "split2"));
        out.add(Snapshots.snap("y_tie", 0, "Game y", "en", 10, "a_v4", "a_v5", "b_v0", "b_v1"));
        out.add(Snapshots.snap("z_thin", 0, "Game z", "en", 10, "a_v6", "z0", "z1"));
        return out;
    }

    @Test
    void attachesClearCasesAndLeavesAmbiguousOnesUnassigned() {
        AnalysisResult r = Snapshots.analyse(table(), ATTACH);
        Map<String, Integer> c = Snapshots.communities(r);
        int a = c.get("a1");
        int b = c.get("b1");
        assertNotEquals(a, b);
        for (int i = 2; i <= 4; i++) {
            assertEquals(a, c.get("a" + i));
            assertEquals(b, c.get("b" + i));
        }
        assertEquals(a, c.get("x_sub"));
        assertEquals(a, c.get("w_split"));
        assertEquals(GraphNode.UNASSIGNED, c.get("y_tie"));
        assertEquals(GraphNode.UNASSIGNED, c.get("z_thin"));
        AnalysisStatistics.Detection d = r.statistics().detection();
        assertEquals(2, d.attachedChannels());
        assertEquals(2, d.unassignedChannels());
        // communities are numbered by size after attaching: A (six channels) is 0
        assertEquals(0, a);
        assertEquals(6, r.communities().get(0).size());
        assertEquals(List.of("a1", "a2", "a3", "a4", "w_split", "x_sub"), r.communities().get(0).channels());
        assertEquals(true, r.config().get("attach_unassigned"));
    }

    @Test
    void offLeavesEveryEdgelessChannelUnassigned() {
        AnalysisResult r = Snapshots.analyse(table(), ATTACH.toBuilder().attachUnassigned(false).build());
        Map<String, Integer> c = Snapshots.communities(r);
        for (String channel : List.of("x_sub", "w_split", "y_tie", "z_thin")) {
            assertEquals(GraphNode.UNASSIGNED, c.get(channel), channel);
        }
        assertEquals(0, r.statistics().detection().attachedChannels());
        assertEquals(4, r.statistics().detection().unassignedChannels());
    }

    @Test
    void sameInputAndSeedGiveTheSameResultWhateverTheReadingOrder() {
        List<PresenceSnapshot> snaps = Snapshots.planted(6, 10, 200, 0.3, 11);
        AnalysisParameters p = AnalysisParameters.builder().overlapThreshold(4).seed(3).build();
        AnalysisResult first = Snapshots.analyse(snaps, p);
        assertTrue(first.statistics().detection().attachedChannels() > 0, "the lake exercises attaching");
        List<PresenceSnapshot> reversed = new ArrayList<>(snaps);
        Collections.reverse(reversed);
        assertEquals(first, Snapshots.analyse(snaps, p));
        assertEquals(first, Snapshots.analyse(reversed, p));
    }
}
