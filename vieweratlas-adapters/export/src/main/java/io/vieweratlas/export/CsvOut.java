package io.vieweratlas.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes CSV rows as UTF-8 bytes straight into a buffer: fields quoted as RFC 4180 needs
 * ({@link CsvExporters#quote}), numbers as {@link Numbers#format} prints them. The same bytes as
 * a {@code Writer} over the quoted strings, without a string and a char-to-byte encoder per
 * field (the edge file has hundreds of thousands of rows).
 */
final class CsvOut {

    private static final int CACHE = 4096;
    private final Utf8Out w;
    // bytes of recent fields by string identity, direct-mapped on the (cached) string hash: an edge
    // file names the same few thousand channels hundreds of thousands of times
    private final String[] cachedField = new String[CACHE];
    private final byte[][] cachedBytes = new byte[CACHE][];

    CsvOut(OutputStream out) {
        this.w = new Utf8Out(out, 1 << 16);
    }

    /** Text written as is (headers: ASCII without characters that need quoting). */
    CsvOut raw(String ascii) throws IOException {
        w.text(ascii);
        return this;
    }

    /** A text field, quoted when it holds a comma, quote or line break. */
    CsvOut field(String s) throws IOException {
        int slot = s.hashCode() & (CACHE - 1);
        if (cachedField[slot] == s) {
            w.bytes(cachedBytes[slot]);
            return this;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        // the characters that need quoting are ASCII, and UTF-8 never uses ASCII bytes inside a
        // multi-byte character, so a byte scan finds them
        for (byte x : b) {
            if (x == ',' || x == '"' || x == '\n' || x == '\r') {
                b = CsvExporters.quote(s).getBytes(StandardCharsets.UTF_8);
                break;
            }
        }
        cachedField[slot] = s;
        cachedBytes[slot] = b;
        w.bytes(b);
        return this;
    }

    /** A number as {@link Numbers#format(double)} prints it. */
    CsvOut number(double v) throws IOException {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return integer((long) v);
        }
        return raw(Double.toString(v));
    }

    /** A whole number in decimal. */
    CsvOut integer(long v) throws IOException {
        w.number(v);
        return this;
    }

    CsvOut comma() throws IOException {
        w.ascii(',');
        return this;
    }

    CsvOut newline() throws IOException {
        w.ascii('\n');
        return this;
    }

    /** Writes out what is buffered. */
    void flush() throws IOException {
        w.flush();
    }
}
