package io.vieweratlas.export;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The streamed results document has the bytes databind gives for the same tree. */
class ResultsJsonTest {

    @Test
    void streamingMatchesDatabind() throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("timestamp", "2026-01-05T02:29:59Z");
        doc.put("text", "quotes \" backslash \\ tab \t newline \n unicode é 日本 🎮 control \u0001");
        doc.put("int", 42);
        doc.put("negative", -7);
        doc.put("long", 14_336_437_000L);
        doc.put("doubles", Arrays.asList(0.0, -0.0, 1.0, 0.1, 1.0 / 3, 29.331966196076934, 1e-300, 1e21, 5705.0,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
        doc.put("null", null);
        doc.put("flag", true);
        doc.put("empty_map", new TreeMap<>());
        doc.put("empty_list", List.of());
        doc.put("single", List.of("only"));
        Map<String, Object> nested = new TreeMap<>();
        nested.put("b", Map.of("x", 1));
        nested.put("a", List.of(Map.of(), List.of(1, 2), "s"));
        doc.put("nested", nested);
        // not in the usual types: databind writes them (non-string keys, floats, instants, arrays)
        Map<Integer, String> numericKeys = new TreeMap<>();
        numericKeys.put(3, "three");
        numericKeys.put(10, "ten");
        doc.put("numeric_keys", numericKeys);
        doc.put("float", 1.5f);
        doc.put("big", new java.math.BigDecimal("12345678901234567890.5"));
        doc.put("strings", new String[] {"a", "b"});
        List<Object> partition = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            partition.add(Map.of("channel_" + i, i % 60));
        }
        doc.put("partition", partition);
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        ResultsJson.writeTree(doc, streamed);
        assertArrayEquals(ResultsJson.databind(doc), streamed.toByteArray());
    }
}
