package io.vieweratlas.core.analysis;

import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.GraphNode;
import io.vieweratlas.core.model.PresenceSnapshot;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A channel whose edges lead to a small community but whose viewers mostly watch a large one is
 * moved to the large one.
 */
class AudienceReassignmentTest {

    /** Threshold 10, resolution 1: the graph is small. */
    private static final AnalysisParameters PARAMS = AnalysisParameters.builder().overlapThreshold(10)
            .resolution(1.0).attachUnassigned(false).build();

    /**
     * Community A: eight channels, 160 regulars who each watch three of them (neighbouring pairs
     * share 20). Community B: three channels that 30 regulars all watch. {@code host}: 60 viewers
     * who each also watch one A channel (7 or 8 per A channel, below the threshold: no edge) and
     * 12 of B's regulars (12 per B channel: edges). Its only edges lead to B, so detection puts it
     * there; 60 of its viewers watch A against 12 who watch B.
     */
    private static List<PresenceSnapshot> lake() {
        List<List<String>> a = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            a.add(new ArrayList<>());
        }
        for (int i = 0; i < 160; i++) {
            for (int offset : new int[] {0, 1, 3}) {
                a.get((i + offset) % 8).add(String.format("a_regular%03d", i));
            }
        }
        List<String> host = new ArrayList<>();
        for (int j = 0; j < 60; j++) {
            String viewer = String.format("host_fan%02d", j);
            host.add(viewer);
            a.get(j % 8).add(viewer);
        }
        List<String> b = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            b.add(String.format("b_regular%02d", i));
        }
        host.addAll(b.subList(0, 12));
        List<PresenceSnapshot> out = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            out.add(Snapshots.snap("a" + c, 0, "Game A", "en", 100, a.get(c).toArray(String[]::new)));
        }
        for (int c = 1; c <= 3; c++) {
            out.add(Snapshots.snap("b" + c, 0, "Game B", "en", 100, b.toArray(String[]::new)));
        }
        out.add(Snapshots.snap("host", 0, "Just Chatting", "en", 100, host.toArray(String[]::new)));
        return out;
    }

    @Test
    void movesAChannelToTheCommunityMostOfItsViewersWatch() {
        AnalysisResult r = Snapshots.analyse(lake(), PARAMS);
        Map<String, Integer> c = Snapshots.communities(r);
        assertNotEquals(c.get("a0"), c.get("b1"));
        assertEquals(c.get("a0"), c.get("host"));
        assertEquals(1, r.statistics().detection().reassignedChannels());
        assertEquals(true, r.config().get("reassign_channels"));
        // communities stay numbered by size: A with the host (nine channels) is 0
        assertEquals(0, c.get("host"));
        assertEquals(9, r.communities().get(0).size());
    }

    @Test
    void offLeavesTheChannelWhereItsEdgesLead() {
        AnalysisResult r = Snapshots.analyse(lake(), PARAMS.toBuilder().reassignChannels(false).build());
        Map<String, Integer> c = Snapshots.communities(r);
        assertEquals(c.get("b1"), c.get("host"));
        assertEquals(0, r.statistics().detection().reassignedChannels());
    }

    @Test
    void aCommunityTheMoveLeavesTooSmallIsDissolved() {
        // B is four channels with the host; without it, three are below the minimum of four
        AnalysisResult r = Snapshots.analyse(lake(), PARAMS.toBuilder().minCommunitySize(4).build());
        Map<String, Integer> c = Snapshots.communities(r);
        assertEquals(c.get("a0"), c.get("host"));
        for (String b : List.of("b1", "b2", "b3")) {
            assertEquals(GraphNode.UNASSIGNED, c.get(b), b);
        }
        assertEquals(1, r.communities().size());
        assertEquals(3, r.statistics().detection().unassignedChannels());
    }

    @Test
    void readingOrderDoesNotChangeTheResult() {
        List<PresenceSnapshot> snaps = lake();
        List<PresenceSnapshot> reversed = new ArrayList<>(snaps);
        Collections.reverse(reversed);
        assertEquals(Snapshots.analyse(snaps, PARAMS), Snapshots.analyse(reversed, PARAMS));
    }
}
