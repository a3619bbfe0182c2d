package io.vieweratlas.lake.edges;

import io.vieweratlas.core.analysis.edges.EdgeList;
import io.vieweratlas.core.analysis.edges.EdgeListException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading Athena's edge list CSV: header forms accepted, every defect named by file and line. */
class EdgeListCsvTest {

    private static final String HEADER = "source,target,shared,source_audience,target_audience";

    private static EdgeListException bad(String text) {
        return assertThrows(EdgeListException.class, () -> EdgeListCsv.read(new StringReader(text), "edges.csv"));
    }

    @Test
    void malformedLinesNameFileAndLine() {
        EdgeListException e = bad(HEADER + "\na,b,3,10,12\na,c,x,10,12\n");
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith("edges.csv:3: shared is not a whole number: 'x'"), e.getMessage());
        assertEquals(2, bad(HEADER + "\na,b,3,10\n").line());
        assertEquals(2, bad(HEADER + "\na,a,3,10,10\n").line());
        assertEquals(2, bad(HEADER + "\na,b,30,10,40\n").line());
        assertEquals(2, bad(HEADER + "\n\"a,b,3,10,12\n").line());
        assertEquals(2, bad(HEADER + "\na,b,-3,10,12\n").line());
        assertEquals(2, bad(HEADER + "\n,b,3,10,12\n").line());
        EdgeListException twice = bad(HEADER + "\na,b,3,10,12\nc,d,1,5,5\nb,a,3,12,10\n");
        assertEquals(4, twice.line());
        assertTrue(twice.getMessage().contains("already given on line 2"), twice.getMessage());
        EdgeListException audience = bad(HEADER + "\na,b,3,10,12\na,c,3,11,12\n");
        assertEquals(3, audience.line());
        assertTrue(audience.getMessage().contains("on line 2"), audience.getMessage());
    }

    @Test
    void missingColumnsAreNamed() {
        EdgeListException e = bad("source,target,shared\na,b,3\n");
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("source_audience, target_audience"), e.getMessage());
        assertEquals(1, bad("").line());
    }

    @Test
    void columnsInAnyOrderExtraColumnsAndCaseAreAccepted() throws IOException {
        EdgeList e = EdgeListCsv.read(new StringReader(
                "\uFEFFShared,Target_Audience,source,extra,target,SOURCE_AUDIENCE\r\n3,12,B,x,a,10\r\n"), "e.csv");
        assertEquals(List.of("a", "b"), e.channels());
        assertEquals(3, e.shared()[0]);
        assertEquals(12, e.audience()[0]);
        assertEquals(10, e.audience()[1]);
    }

    @Test
    void aFileIsReadAsUtf8AndNamedInErrors(@TempDir Path dir) throws IOException {
        Path good = Files.writeString(dir.resolve("edges.csv"), HEADER + "\nb,\u00e4,3,10,12\n", StandardCharsets.UTF_8);
        assertEquals(List.of("b", "\u00e4"), EdgeListCsv.read(good).channels());
        Path badFile = Files.writeString(dir.resolve("bad.csv"), HEADER + "\na,b,x,10,12\n", StandardCharsets.UTF_8);
        EdgeListException e = assertThrows(EdgeListException.class, () -> EdgeListCsv.read(badFile));
        assertTrue(e.getMessage().startsWith(badFile + ":2: shared is not a whole number"), e.getMessage());
    }
}
