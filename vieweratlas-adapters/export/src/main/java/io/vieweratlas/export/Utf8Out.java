package io.vieweratlas.export;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A buffered UTF-8 text sink for exporters of large files, writing straight into a byte buffer:
 * markup, escaped values and integers without building a string per line or going through a
 * charset encoder (the GEXF, GraphML and edge CSV files of the large benchmark graph have ~366,000
 * edges each). Writes exactly the bytes a UTF-8 {@code Writer} would write for the same text. Not
 * thread-safe; call {@link #flush()} at the end.
 */
public final class Utf8Out {

    private final OutputStream out;
    private final byte[] buf;
    private int pos;

    /**
     * A sink over {@code out}.
     *
     * @param out        the stream the bytes go to
     * @param bufferSize bytes buffered between writes to {@code out} (at least 64 are used)
     */
    public Utf8Out(OutputStream out, int bufferSize) {
        this.out = out;
        this.buf = new byte[Math.max(bufferSize, 64)];
    }

    /**
     * The bytes of constant ASCII markup, for {@link #bytes(byte[])}.
     *
     * @param s ASCII text
     * @return its bytes
     * @throws IllegalArgumentException if {@code s} is not ASCII
     */
    public static byte[] ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                throw new IllegalArgumentException("not ASCII: " + s);
            }
        }
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * Pre-encoded bytes (constant markup written once per edge, or a field encoded once).
     *
     * @param b the bytes
     * @return this sink
     * @throws IOException from the stream
     */
    public Utf8Out bytes(byte[] b) throws IOException {
        if (buf.length - pos < b.length) {
            drain();
            if (b.length > buf.length) {
                out.write(b);
                return this;
            }
        }
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
        return this;
    }

    /**
     * One ASCII character (a separator).
     *
     * @param c a character below {@code 0x80}
     * @return this sink
     * @throws IOException from the stream
     */
    public Utf8Out ascii(char c) throws IOException {
        if (c >= 0x80) {
            throw new IllegalArgumentException("not ASCII: U+" + Integer.toHexString(c));
        }
        if (pos == buf.length) {
            drain();
        }
        buf[pos++] = (byte) c;
        return this;
    }

    /**
     * Text as is (markup, numbers already formatted), encoded as UTF-8.
     *
     * @param s the text
     * @return this sink
     * @throws IOException from the stream
     */
    public Utf8Out text(String s) throws IOException {
        int len = s.length();
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (pos == buf.length) {
                    drain();
                }
                buf[pos++] = (byte) c;
            } else {
                i = encode(s, i);
            }
        }
        return this;
    }

    /**
     * {@code s} escaped for XML text and attribute values.
     *
     * @param s the value
     * @return this sink
     * @throws IOException from the stream
     */
    public Utf8Out xml(String s) throws IOException {
        int len = s.length();
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            // Characters that are written as they are: printable ASCII except the five XML specials.
            if (c < 0x20 || c >= 0x7F || c == '&' || c == '<' || c == '>' || c == '"' || c == '\'') {
                return plainThen(s, i, Text.xml(s.substring(i)));
            }
        }
        return text(s);
    }

    private Utf8Out plainThen(String s, int plainPrefix, String escapedTail) throws IOException {
        for (int i = 0; i < plainPrefix; i++) {
            if (pos == buf.length) {
                drain();
            }
            buf[pos++] = (byte) s.charAt(i);
        }
        return text(escapedTail);
    }

    /**
     * A decimal integer.
     *
     * @param v the number
     * @return this sink
     * @throws IOException from the stream
     */
    public Utf8Out number(long v) throws IOException {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                return text(Long.toString(v));
            }
            text("-");
            v = -v;
        }
        if (buf.length - pos < 20) {
            drain();
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        int end = pos + digits;
        for (int p = end - 1; p >= pos; p--) {
            buf[p] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        }
        pos = end;
        return this;
    }

    /**
     * Writes the buffered bytes to the stream and flushes it.
     *
     * @throws IOException from the stream
     */
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    private void drain() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            pos = 0;
        }
    }

    /** Encodes the non-ASCII character at {@code i} (a surrogate pair as one code point); returns the last index used. */
    private int encode(String s, int i) throws IOException {
        if (buf.length - pos < 4) {
            drain();
        }
        char c = s.charAt(i);
        if (c < 0x800) {
            buf[pos++] = (byte) (0xC0 | c >> 6);
            buf[pos++] = (byte) (0x80 | c & 0x3F);
            return i;
        }
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            int cp = Character.toCodePoint(c, s.charAt(i + 1));
            buf[pos++] = (byte) (0xF0 | cp >> 18);
            buf[pos++] = (byte) (0x80 | cp >> 12 & 0x3F);
            buf[pos++] = (byte) (0x80 | cp >> 6 & 0x3F);
            buf[pos++] = (byte) (0x80 | cp & 0x3F);
            return i + 1;
        }
        if (Character.isSurrogate(c)) {
            buf[pos++] = '?'; // as the JDK's UTF-8 encoder replaces a lone surrogate
            return i;
        }
        buf[pos++] = (byte) (0xE0 | c >> 12);
        buf[pos++] = (byte) (0x80 | c >> 6 & 0x3F);
        buf[pos++] = (byte) (0x80 | c & 0x3F);
        return i;
    }
}
