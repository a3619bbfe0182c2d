package io.vieweratlas.export;

import io.vieweratlas.core.port.GraphExporter;
import io.vieweratlas.export.layout.LayoutOptions;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExportersTest {

    @Test
    void defaultsGiveAllFiveFormatsInFixedOrder() {
        List<String> names = Exporters.of(ExportOptions.defaults(42)).stream().map(GraphExporter::fileName).toList();
        assertEquals(List.of("community_graph.png", "graph.gexf", "graph.graphml", "graph.json",
                "community_graph.html"), names);
    }

    @Test
    void switchesLeaveFormatsOut() {
        ExportOptions only = new ExportOptions(false, true, false, false, true, 1000, 5, 100, LayoutOptions.defaults(1));
        assertEquals(List.of("graph.graphml", "community_graph.html"),
                Exporters.of(only).stream().map(GraphExporter::fileName).toList());
        assertTrue(Exporters.of(new ExportOptions(false, false, false, false, false, 1000, 5, 100,
                LayoutOptions.defaults(1))).isEmpty());
    }

    @Test
    void badOptionsAreRejectedWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ExportOptions(true, true, true, true, true, 20_000, 5, 100, LayoutOptions.defaults(1)));
        assertTrue(e.getMessage().contains("png_size"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ExportOptions(true, true, true, true, true, 1000, -2, 100, LayoutOptions.defaults(1)));
        assertTrue(e.getMessage().contains("label_top_n"), e.getMessage());
    }

    @Test
    void layoutIsComputedOncePerResult() {
        LayoutSource source = new LayoutSource(LayoutOptions.defaults(3));
        var r = Fixtures.small();
        assertTrue(source.apply(r) == source.apply(r), "same layout object for the same result");
        assertNotEquals(null, source.apply(Fixtures.small()));
    }

    @Test
    void paletteIsStableAndDistinct() {
        Set<Integer> first = new HashSet<>();
        for (int c = 0; c < 60; c++) {
            assertEquals(Palette.rgb(c), Palette.rgb(c));
            assertNotEquals(Palette.UNASSIGNED, Palette.rgb(c));
            if (c < 20) {
                assertTrue(first.add(Palette.rgb(c)), "community " + c + " has its own colour");
            }
        }
        assertEquals(Palette.UNASSIGNED, Palette.rgb(-1));
        assertEquals("#4e79a7", Palette.hex(0));
        // The first 20 colours differ clearly from each other (RGB distance).
        for (int a = 0; a < 20; a++) {
            for (int b = a + 1; b < 20; b++) {
                int x = Palette.rgb(a);
                int y = Palette.rgb(b);
                double d = Math.sqrt(Math.pow((x >> 16) - (y >> 16), 2) + Math.pow((x >> 8 & 255) - (y >> 8 & 255), 2)
                        + Math.pow((x & 255) - (y & 255), 2));
                assertTrue(d > 40, "colours " + a + " and " + b + " too close: " + d);
            }
        }
    }
}
