package io.vieweratlas.runners.analysis;

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

    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private final byte[] digits = new byte[20];
    private int pos;
    // bytes of recent fields by string identity, direct-mapped on the (cached) string hash: an edge
    // file names the same few thousand channels hundreds of thousands of times
    private final String[] cachedField = new String[CACHE];
    private final byte[][] cachedBytes = new byte[CACHE][];
    private static final int CACHE = 4096;

    CsvOut(OutputStream out) {
        this.out = out;
    }

    /** Text written as is (headers: ASCII without characters that need quoting). */
    CsvOut raw(String ascii) throws IOException {
        bytes(ascii.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** A text field, quoted when it holds a comma, quote or line break. */
    CsvOut field(String s) throws IOException {
        int slot = s.hashCode() & (CACHE - 1);
        if (cachedField[slot] == s) {
            bytes(cachedBytes[slot]);
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
        bytes(b);
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
        if (v == Long.MIN_VALUE) {
            return raw(Long.toString(v));
        }
        if (pos + 21 > buf.length) {
            drain();
        }
        if (v < 0) {
            buf[pos++] = '-';
            v = -v;
        }
        int d = digits.length;
        do {
            digits[--d] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        int len = digits.length - d;
        System.arraycopy(digits, d, buf, pos, len);
        pos += len;
        return this;
    }

    CsvOut comma() throws IOException {
        return ascii(',');
    }

    CsvOut newline() throws IOException {
        return ascii('\n');
    }

    private CsvOut ascii(char c) throws IOException {
        if (pos == buf.length) {
            drain();
        }
        buf[pos++] = (byte) c;
        return this;
    }

    private void bytes(byte[] b) throws IOException {
        if (pos + b.length > buf.length) {
            drain();
            if (b.length > buf.length) {
                out.write(b);
                return;
            }
        }
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    private void drain() throws IOException {
        out.write(buf, 0, pos);
        pos = 0;
    }

    /** Writes out what is buffered. */
    void flush() throws IOException {
        drain();
        out.flush();
    }
}
