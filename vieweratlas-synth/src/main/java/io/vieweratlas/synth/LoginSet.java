package io.vieweratlas.synth;

/**
 * Remembers which logins are taken, as 64-bit hashes in an open-addressing table (a few bytes per
 * login instead of a String and a map entry). A hash collision between two different logins only
 * makes the second one be redrawn, so logins stay unique either way.
 */
final class LoginSet {

    private long[] table;
    private int size;

    LoginSet(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected) * 2 - 1) << 1;
        table = new long[capacity];
    }

    /** Adds {@code login}; returns false when it (or a login with the same hash) is already there. */
    boolean add(String login) {
        return addHash(hash(login));
    }

    /** Adds a login by its {@link #hash}; returns false when that hash is already there. */
    boolean addHash(long hash) {
        long h = hash;
        if (h == 0) {
            h = 1; // 0 marks a free slot
        }
        if ((size + 1) * 2L > table.length) {
            grow();
        }
        if (insert(table, h)) {
            size++;
            return true;
        }
        return false;
    }

    private boolean insert(long[] t, long h) {
        int mask = t.length - 1;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (t[i] != 0) {
            if (t[i] == h) {
                return false;
            }
            i = (i + 1) & mask;
        }
        t[i] = h;
        return true;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        for (long h : old) {
            if (h != 0) {
                insert(table, h);
            }
        }
    }

    /** FNV-1a over the login's characters, then mixed: logins are ASCII, so characters are bytes. */
    static long hash(String login) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < login.length(); i++) {
            h ^= login.charAt(i);
            h *= 0x100000001b3L;
        }
        return Seeds.mix(h, login.length(), 0x5bd1e995L);
    }
}
