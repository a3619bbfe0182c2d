package io.vieweratlas.examples;

import io.vieweratlas.core.model.AnalysisResult;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbedCsvTest {

    @Test
    void findsTheThreeAudiencesOfTheBundledCsvAndPrintsThem() throws Exception {
        Output out = new Output();
        AnalysisResult r;
        try (InputStream csv = EmbedCsv.class.getResourceAsStream("/viewers.csv")) {
            r = EmbedCsv.run(csv, "viewers.csv", out.stream);
        }
        // The CSV plants three groups of channels sharing a pool of viewers each.
        Set<Set<String>> blocks = r.communities().stream().map(c -> Set.copyOf(c.channels()))
                .collect(Collectors.toSet());
        assertEquals(Set.of(Set.of("chessqueen", "pawnstorm", "endgamelab", "blitzbox"),
                Set.of("anypercent", "glitchhunter", "splitmaster", "warpzone", "framedrop"),
                Set.of("lofibeats", "pianoroom", "synthwave")), blocks);
        List<String> lines = out.text().lines().toList();
        assertTrue(lines.get(0).startsWith("12 channels, "), lines.get(0));
        assertTrue(lines.get(0).contains(" 3 communities, modularity 0."), lines.get(0));
        assertTrue(lines.get(1).startsWith("community 0 (5 channels): "), lines.get(1));
        assertEquals(4, lines.size());
    }

    @Test
    void mainRunsOnTheBundledCsv() throws Exception {
        java.io.PrintStream saved = System.out;
        Output out = new Output();
        System.setOut(out.stream);
        try {
            EmbedCsv.main(new String[0]);
        } finally {
            System.setOut(saved);
        }
        assertTrue(out.text().contains("3 communities"), out.text());
    }

    @Test
    void aMalformedLineIsReportedWithItsNumber() {
        byte[] csv = "channel,viewer\na,b\nc;d\n".getBytes(StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmbedCsv.run(new ByteArrayInputStream(csv), "mine.csv", new Output().stream));
        assertEquals("mine.csv:3: expected 'channel,viewer', got 'c;d'", e.getMessage());
    }
}
