package io.vieweratlas.core.analysis.intern;

import java.util.Arrays;
import java.util.Objects;

/**
 * A small direct-mapped cache in front of a {@link LoginInterner}, for one thread. Consecutive
 * snapshots of a channel repeat most of their chatters; a hit here is resolved in a few
 * kilobytes that stay in the core's cache instead of the shared table, and takes no lock.
 * Not thread-safe: one per loading thread.
 */
public final class RecentLoginCache {

    private static final int SLOTS = 1 << 14;
    private static final int WIDTH = 24; // logins longer than this bypass the cache

    private final LoginInterner interner;
    private final char[] chars = new char[SLOTS * WIDTH];
    private final byte[] lengths = new byte[SLOTS];
    private final int[] hashes = new int[SLOTS];
    private final int[] ids = new int[SLOTS];
    private long hits;
    private long lookups;

    /** A cache over {@code interner}. */
    public RecentLoginCache(LoginInterner interner) {
        this.interner = Objects.requireNonNull(interner, "interner");
    }

    /** The provisional id of the login in {@code c[off, off + len)}, as {@link LoginInterner#intern(char[], int, int)}. */
    public int intern(char[] c, int off, int len) {
        int h = LoginInterner.hash(c, off, len);
        lookups++;
        if (len > WIDTH) {
            return interner.intern(h, c, off, len);
        }
        int slot = (h ^ (h >>> 14)) & (SLOTS - 1);
        int base = slot * WIDTH;
        if (hashes[slot] == h && lengths[slot] == len && Arrays.equals(chars, base, base + len, c, off, off + len)) {
            hits++;
            return ids[slot];
        }
        int id = interner.intern(h, c, off, len);
        hashes[slot] = h;
        lengths[slot] = (byte) len;
        ids[slot] = id;
        System.arraycopy(c, off, chars, base, len);
        return id;
    }

    /**
     * The cached provisional id of the ASCII login in {@code c[off, off + len)} with
     * {@link LoginInterner#hash(byte[], int, int)} {@code h}, or -1 (then intern it and
     * {@link #remember} the id).
     */
    public int lookup(int h, byte[] c, int off, int len) {
        lookups++;
        if (len > WIDTH) {
            return -1;
        }
        int slot = (h ^ (h >>> 14)) & (SLOTS - 1);
        if (hashes[slot] != h || lengths[slot] != len) {
            return -1;
        }
        int base = slot * WIDTH;
        for (int i = 0; i < len; i++) {
            if (chars[base + i] != (c[off + i] & 0xff)) {
                return -1;
            }
        }
        hits++;
        return ids[slot];
    }

    /** Caches {@code id} for the ASCII login {@code c[off, off + len)} with hash {@code h}. */
    public void remember(int h, byte[] c, int off, int len, int id) {
        if (len > WIDTH) {
            return;
        }
        int slot = (h ^ (h >>> 14)) & (SLOTS - 1);
        int base = slot * WIDTH;
        hashes[slot] = h;
        lengths[slot] = (byte) len;
        ids[slot] = id;
        for (int i = 0; i < len; i++) {
            chars[base + i] = (char) (c[off + i] & 0xff);
        }
    }

    /** Share of lookups answered by the cache so far. */
    public double hitRate() {
        return lookups == 0 ? 0 : (double) hits / lookups;
    }
}
