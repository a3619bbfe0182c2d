package io.vieweratlas.core.analysis.aggregate;

/**
 * A set of 96-bit viewer keys (open addressing, linear probing): the viewers already seen on one
 * channel while loading with {@link Repeats#DROP}. About 21 bytes per key at its average load
 * (grows at three quarters full); keys are hashes, so their bits index it directly.
 */
final class KeySet {

    private long[] high = new long[16];
    private int[] low = new int[16];
    private boolean[] used = new boolean[16];
    private int size;

    /** Adds a key; true when it was not in the set. */
    boolean add(long h, int l) {
        if (size * 4L >= high.length * 3L) {
            grow();
        }
        int mask = high.length - 1;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (used[i]) {
            if (high[i] == h && low[i] == l) {
                return false;
            }
            i = (i + 1) & mask;
        }
        used[i] = true;
        high[i] = h;
        low[i] = l;
        size++;
        return true;
    }

    /** Keys held. */
    int size() {
        return size;
    }

    private void grow() {
        long[] oldHigh = high;
        int[] oldLow = low;
        boolean[] oldUsed = used;
        int cap = oldHigh.length * 2;
        high = new long[cap];
        low = new int[cap];
        used = new boolean[cap];
        int mask = cap - 1;
        for (int j = 0; j < oldHigh.length; j++) {
            if (oldUsed[j]) {
                int i = (int) (oldHigh[j] ^ (oldHigh[j] >>> 32)) & mask;
                while (used[i]) {
                    i = (i + 1) & mask;
                }
                used[i] = true;
                high[i] = oldHigh[j];
                low[i] = oldLow[j];
            }
        }
    }
}
