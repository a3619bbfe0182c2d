package io.vieweratlas.core.analysis;

import io.vieweratlas.core.analysis.timeline.CommunityTracker;
import io.vieweratlas.core.analysis.timeline.Timeline;
import io.vieweratlas.core.analysis.timeline.Timeline.EventType;
import io.vieweratlas.core.analysis.timeline.WindowPartition;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CommunityTrackerTest {

    private static final Instant D1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant D2 = Instant.parse("2026-01-02T00:00:00Z");
    private static final Instant D3 = Instant.parse("2026-01-03T00:00:00Z");

    /** Communities given as member lists; community id = list position. */
    private static WindowPartition window(Instant start, Instant end, List<List<String>> communities) {
        TreeMap<String, Integer> p = new TreeMap<>();
        for (int c = 0; c < communities.size(); c++) {
            for (String ch : communities.get(c)) {
                p.put(ch, c);
            }
        }
        return new WindowPartition(start, end, p, new TreeMap<>());
    }

    private static Timeline.Event event(Instant end, EventType t, List<Integer> from, List<Integer> to) {
        return new Timeline.Event(end, t, from, to);
    }

    @Test
    void everyEventKind() {
        WindowPartition w1 = window(D1, D2, List.of(
                List.of("a1", "a2", "a3", "a4"),
                List.of("b1", "b2", "b3", "b4"),
                List.of("c1", "c2", "c3"),
                List.of("d1", "d2"),
                List.of("e1", "e2", "e3")));
        WindowPartition w2 = window(D2, D3, List.of(
                List.of("a1", "a2", "a3", "a4", "a5"),      // A continues (J 0.8)
                List.of("b1", "b2", "x1"),                  // B splits (J 0.4 each)
                List.of("b3", "b4", "x2"),
                List.of("c1", "c2", "c3", "d1", "d2"),      // C (0.6) and D (0.4) merge
                List.of("f1", "f2")));                      // born; E died
        Timeline t = CommunityTracker.track(List.of(w1, w2), 0.2);

        assertEquals(List.of(0, 1, 2, 3, 4),
                t.windows().get(0).communities().stream().map(Timeline.TrackedCommunity::stableId).toList());
        // A keeps 0, first B part keeps 1 (tie broken by community id), merge keeps C's 2, new ids 5, 6
        assertEquals(List.of(0, 1, 5, 2, 6),
                t.windows().get(1).communities().stream().map(Timeline.TrackedCommunity::stableId).toList());
        assertEquals(0.8, t.windows().get(1).communities().get(0).jaccard(), 1e-12);
        assertEquals(0.0, t.windows().get(1).communities().get(4).jaccard());
        assertEquals(List.of(
                event(D3, EventType.BIRTH, List.of(), List.of(6)),
                event(D3, EventType.DEATH, List.of(4), List.of()),
                event(D3, EventType.CONTINUE, List.of(0), List.of(0)),
                event(D3, EventType.SPLIT, List.of(1), List.of(1, 5)),
                event(D3, EventType.MERGE, List.of(2, 3), List.of(2))), t.events());
        assertEquals(List.of(
                new Timeline.Move(D3, "b3", 1, 5),
                new Timeline.Move(D3, "b4", 1, 5),
                new Timeline.Move(D3, "d1", 3, 2),
                new Timeline.Move(D3, "d2", 3, 2)), t.moves());
    }

    @Test
    void overlapBelowThresholdIsDeathAndBirth() {
        WindowPartition w1 = window(D1, D2, List.of(List.of("a", "b", "c", "d", "e")));
        WindowPartition w2 = window(D2, D3, List.of(List.of("a", "x", "y", "z", "w")));
        Timeline strict = CommunityTracker.track(List.of(w1, w2), 0.2);  // J = 1/9
        assertEquals(List.of(event(D3, EventType.BIRTH, List.of(), List.of(1)),
                event(D3, EventType.DEATH, List.of(0), List.of())), strict.events());
        assertEquals(List.of(new Timeline.Move(D3, "a", 0, 1)), strict.moves());
        Timeline loose = CommunityTracker.track(List.of(w1, w2), 0.1);
        assertEquals(List.of(event(D3, EventType.CONTINUE, List.of(0), List.of(0))), loose.events());
        assertEquals(List.of(), loose.moves());
    }

    @Test
    void identityFollowsThroughSeveralWindowsAndChecksInput() {
        WindowPartition w1 = window(D1, D2, List.of(List.of("a", "b", "c"), List.of("p", "q")));
        WindowPartition w2 = window(D2, D3, List.of(List.of("p", "q", "r"), List.of("a", "b", "c")));
        WindowPartition w3 = window(D3, D3.plusSeconds(86_400), List.of(List.of("a", "b"), List.of("p", "q", "r")));
        Timeline t = CommunityTracker.track(List.of(w1, w2, w3), 0.2);
        // community ids swap between windows, stable ids do not
        assertEquals(List.of(1, 0), t.windows().get(1).communities().stream()
                .map(Timeline.TrackedCommunity::stableId).toList());
        assertEquals(List.of(0, 1), t.windows().get(2).communities().stream()
                .map(Timeline.TrackedCommunity::stableId).toList());
        assertEquals(4, t.events().size());
        t.events().forEach(e -> assertEquals(EventType.CONTINUE, e.type()));
        assertThrows(IllegalArgumentException.class, () -> CommunityTracker.track(List.of(w2, w1), 0.2));
        assertThrows(IllegalArgumentException.class, () -> CommunityTracker.track(List.of(w1), 0));
    }
}
