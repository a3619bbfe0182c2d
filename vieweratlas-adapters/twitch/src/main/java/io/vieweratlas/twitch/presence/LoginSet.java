package io.vieweratlas.twitch.presence;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The viewers of one channel in one window with their evidence bits, stored compactly: logins as
 * byte arrays (Twitch logins are ASCII) in an open-addressing table, evidence as one byte per
 * slot. About 40 bytes per viewer instead of about 100 for a map of strings to boxed masks, which
 * is what lets a window of millions of (channel, viewer) pairs fit a small heap. Not thread-safe:
 * callers synchronize on the instance.
 */
final class LoginSet {
    private byte[][] keys = new byte[8][];
    private byte[] bits = new byte[8];
    private int size;

    /** Adds {@code login} with the evidence {@code bit} (OR-ed into what it already has). */
    void add(String login, int bit) {
        byte[] key = login.getBytes(StandardCharsets.UTF_8);
        int mask = keys.length - 1;
        int i = spread(Arrays.hashCode(key)) & mask;
        while (keys[i] != null) {
            if (Arrays.equals(keys[i], key)) {
                bits[i] |= (byte) bit;
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        bits[i] = (byte) bit;
        if (++size * 4 >= keys.length * 3) {
            grow();
        }
    }

    /** Distinct logins. */
    int size() {
        return size;
    }

    /** Calls {@code action} with every login and its evidence bits, in table order. */
    void forEach(Entry action) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                action.accept(new String(keys[i], StandardCharsets.UTF_8), bits[i]);
            }
        }
    }

    /** Receives the entries of a {@link LoginSet}. */
    @FunctionalInterface
    interface Entry {
        void accept(String login, int bits);
    }

    private void grow() {
        byte[][] oldKeys = keys;
        byte[] oldBits = bits;
        keys = new byte[oldKeys.length * 2][];
        bits = new byte[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            byte[] key = oldKeys[j];
            if (key != null) {
                int i = spread(Arrays.hashCode(key)) & mask;
                while (keys[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = key;
                bits[i] = oldBits[j];
            }
        }
    }

    /** Mixes the hash so linear probing does not cluster on similar logins. */
    private static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
