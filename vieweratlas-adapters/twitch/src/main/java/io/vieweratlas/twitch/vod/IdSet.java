package io.vieweratlas.twitch.vod;

import java.nio.charset.StandardCharsets;

/**
 * The comment ids of one replay seen so far, kept as 64-bit hashes in an open-addressing table:
 * a million ids take 16 MB instead of the ~130 MB a {@code HashSet<String>} needs, which is what
 * keeps a long VOD's fetch within a small heap. Two distinct ids share a hash with probability
 * about n²/2⁶⁵ (3·10⁻⁸ for a million comments), which would drop one comment.
 */
final class IdSet {
    private static final long EMPTY = 0L;
    private long[] table = new long[1 << 10];
    private int size;
    private boolean hasZero;

    /** Adds {@code id}; false when it was already there. */
    boolean add(String id) {
        long h = hash(id);
        if (h == EMPTY) {
            if (hasZero) {
                return false;
            }
            hasZero = true;
            return true;
        }
        if ((size + 1) * 2L > table.length) {
            grow();
        }
        int mask = table.length - 1;
        for (int i = (int) mix(h) & mask; ; i = (i + 1) & mask) {
            long v = table[i];
            if (v == EMPTY) {
                table[i] = h;
                size++;
                return true;
            }
            if (v == h) {
                return false;
            }
        }
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        int mask = table.length - 1;
        for (long h : old) {
            if (h != EMPTY) {
                int i = (int) mix(h) & mask;
                while (table[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                table[i] = h;
            }
        }
    }

    /** FNV-1a over the UTF-8 bytes, finished with a 64-bit mixer. */
    static long hash(String id) {
        long h = 0xcbf29ce484222325L;
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
