package io.vieweratlas.export;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The byte writer gives the same bytes as quoting and formatting to strings and encoding them as UTF-8. */
class CsvOutTest {

    private static final String[] FIELDS = {
            "", "plain_login", "with,comma", "say \"hi\"", "two\nlines", "cr\rhere", "Pokémon Légendes",
            "日本語のタイトル", "emoji 🎮 title", "broken \uD83D surrogate", "ünïcode, and \"quotes\"", "x".repeat(70_000),
    };

    private static final double[] NUMBERS = {
            0, -0.0, 1, -7, 12, 0.25, 1.0 / 3, 5705, 1e15, 1e15 + 2, -1e15, 123456789012345.0, 1e-9, Double.NaN,
            Double.POSITIVE_INFINITY, Double.MAX_VALUE, Long.MAX_VALUE, (double) Long.MIN_VALUE,
    };

    @Test
    void fieldsAndNumbersMatchTheStringRendering() throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        StringBuilder want = new StringBuilder();
        CsvOut out = new CsvOut(got);
        out.raw("a,b\n");
        want.append("a,b\n");
        for (int round = 0; round < 3; round++) { // repeats exercise the cached last field
            for (String f : FIELDS) {
                for (String g : FIELDS) {
                    out.field(f).comma().field(g).comma();
                    want.append(CsvExporters.quote(f)).append(',').append(CsvExporters.quote(g)).append(',');
                }
                out.newline();
                want.append('\n');
            }
        }
        for (double v : NUMBERS) {
            out.number(v).comma();
            want.append(Numbers.format(v)).append(',');
        }
        for (long v : new long[] {0, 9, 10, -1, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE}) {
            out.integer(v).newline();
            want.append(v).append('\n');
        }
        out.flush();
        assertArrayEquals(want.toString().getBytes(StandardCharsets.UTF_8), got.toByteArray());
    }
}
