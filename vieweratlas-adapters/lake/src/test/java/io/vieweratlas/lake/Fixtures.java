package io.vieweratlas.lake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test resources: files in the original project's exact format, written by Python's json and csv modules. */
final class Fixtures {

    private Fixtures() {
    }

    static byte[] bytes(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The original lake's keys (relative to the resource folder {@code original/}). */
    static final String[] ORIGINAL_KEYS = {
        "raw/snapshots/2024/01/15/xqc_20240115_143002.json",
        "raw/snapshots/2024/01/15/shroud_20240115_143017.json",
        "raw/snapshots/2024/01/15/quiet_one_20240115_143020.json",
        "raw/chatter_logs/2024/01/15/xqc_20240115_143002.csv",
        "raw/chatter_logs/2024/01/15/shroud_20240115_143017.csv",
        "raw/chatter_logs/2024/01/15/quiet_one_20240115_143020.csv",
        "raw/chatter_logs/2024/01/15/lonely_20240115_143025.csv",
    };
}
