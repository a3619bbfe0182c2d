package io.vieweratlas.export;

import io.vieweratlas.core.model.GraphEdge;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The fast writing paths produce exactly what the plain ones did. */
class Utf8OutTest {

    private static final String[] SAMPLES = {
        "", "plain_login", "a & b <c> \"d\" 'e'", "tab\tnew\nline\rcr", "\u0001control\u001f", "caf\u00e9 \u00fcber",
        "\u4e2d\u6587", "emoji \ud83d\ude00 pair", "lone \ud83d high", "lone \ude00 low", "\ufffe\uffff end",
        "x".repeat(70_000) + "\u00e9",
    };

    @Test
    void writesWhatAUtf8WriterWrites() throws IOException {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        Writer w = new OutputStreamWriter(expected, StandardCharsets.UTF_8);
        ByteArrayOutputStream actual = new ByteArrayOutputStream();
        Utf8Out u = new Utf8Out(actual, 128);
        byte[] constant = Utf8Out.ascii("<edge id=\"");
        long[] numbers = {0, 7, -7, 10, 99, 100, 123_456_789_012L, Long.MAX_VALUE, Long.MIN_VALUE, -1_000_000};
        for (String s : SAMPLES) {
            w.write(s);
            u.text(s);
            w.write(Text.xml(s));
            u.xml(s);
            w.write("<edge id=\"");
            u.bytes(constant);
        }
        for (long n : numbers) {
            w.write(Long.toString(n) + ",");
            u.number(n).text(",");
        }
        w.flush();
        u.flush();
        assertArrayEquals(expected.toByteArray(), actual.toByteArray());
    }

    @Test
    void strongestEdgesAreTheHeadOfTheFullSort() {
        SplittableRandom r = new SplittableRandom(3);
        List<GraphEdge> edges = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            // Few distinct weights: many ties at the cut, settled by the endpoints.
            edges.add(new GraphEdge("s" + r.nextInt(300), "t" + r.nextInt(300), 1 + r.nextInt(20), 1));
        }
        List<GraphEdge> sorted = new ArrayList<>(edges);
        sorted.sort(Comparator.comparingDouble(GraphEdge::weight).reversed()
                .thenComparing(GraphEdge::source).thenComparing(GraphEdge::target));
        List<GraphEdge> byEndpoints = new ArrayList<>(edges);
        byEndpoints.sort(Comparator.comparing(GraphEdge::source).thenComparing(GraphEdge::target));
        for (int limit : new int[]{0, 1, 777, 4999, 5000, 9000}) {
            // Both paths: edges in arbitrary order (full comparator) and in endpoint order (counting sort).
            assertEquals(sorted.subList(0, Math.min(limit, sorted.size())), PngExporter.strongest(edges, limit),
                    "limit " + limit);
            assertEquals(sorted.subList(0, Math.min(limit, sorted.size())), PngExporter.strongest(byEndpoints, limit),
                    "limit " + limit + ", edges in endpoint order");
        }
    }
}
