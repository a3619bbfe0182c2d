package io.vieweratlas.core;

import io.vieweratlas.core.model.LoadReport;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.PresenceSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PresenceSourcesTest {

    private static final Instant T1 = Instant.parse("2026-01-05T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-01-05T11:00:00Z");

    @Test
    void rowsBecomeOneSnapshotPerChannelAndTime() {
        PresenceSources.RowsBuilder rows = PresenceSources.rows()
                .add(" Alpha ", "Viewer1", T1).add("alpha", "viewer2", T1).add("alpha", "viewer1", T1)
                .add("alpha", "viewer3", T2).add("beta", "viewer1");
        List<PresenceSnapshot> snaps = rows.snapshots();
        assertEquals(5, rows.rowCount());
        assertEquals(3, snaps.size());
        assertEquals("alpha", snaps.get(0).channel());
        assertEquals(T1, snaps.get(0).timestamp());
        assertEquals(List.of("viewer1", "viewer2"), List.copyOf(snaps.get(0).chatters()));
        assertEquals(List.of("viewer3"), List.copyOf(snaps.get(1).chatters()));
        assertEquals(PresenceSources.RowsBuilder.DEFAULT_TIME, snaps.get(2).timestamp());
    }

    @Test
    void blankLoginsAreRejectedWithTheRowNumber() {
        PresenceSources.RowsBuilder rows = PresenceSources.rows().add("a", "b");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rows.add("a", " "));
        assertEquals("viewer of row 2 is blank", e.getMessage());
        assertEquals(1, rows.rowCount());
    }

    @Test
    void inMemorySourceFiltersByRangeAndCopiesItsInput() {
        List<PresenceSnapshot> input = new ArrayList<>(PresenceSources.rows()
                .add("a", "x", T1).add("a", "y", T2).snapshots());
        PresenceSource source = PresenceSources.of(input);
        input.clear();
        List<PresenceSnapshot> seen = new ArrayList<>();
        LoadReport report = source.forEachSnapshot(TimeRange.between(T2, T2.plusSeconds(1)), seen::add);
        assertEquals(1, report.loaded());
        assertTrue(report.skipped().isEmpty());
        assertEquals(T2, seen.get(0).timestamp());
        assertEquals(2, source.forEachSnapshot(TimeRange.ALL, s -> { }).loaded());
    }
}
