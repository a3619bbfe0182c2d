package io.vieweratlas.core.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LoadReportTest {

    @Test
    void countsPerSourceAddUpAcrossReportsAndNeverExceedTheTotal() {
        LoadReport live = LoadReport.of("live", 5, List.of(new LoadReport.SkippedInput("b", "bad")));
        LoadReport vod = new LoadReport(4, List.of(new LoadReport.SkippedInput("a", "bad")),
                new TreeMap<>(Map.of("vod", 3L, "import", 1L)));
        LoadReport both = live.plus(vod).plus(new LoadReport(2, List.of()));
        assertEquals(11, both.loaded());
        assertEquals(Map.of("live", 5L, "vod", 3L, "import", 1L), both.loadedBySource());
        assertEquals(List.of("a", "b"), both.skipped().stream().map(LoadReport.SkippedInput::location).toList());
        assertEquals(Map.of(), LoadReport.of("live", 0, List.of()).loadedBySource());
        assertThrows(IllegalArgumentException.class,
                () -> new LoadReport(1, List.of(), new TreeMap<>(Map.of("live", 2L))));
        assertThrows(IllegalArgumentException.class,
                () -> new LoadReport(1, List.of(), new TreeMap<>(Map.of("live", -1L))));
    }
}
