package io.vieweratlas.core.analysis.viewer;

import io.vieweratlas.core.analysis.Parallel;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Dense viewer ids {@code 0 .. size() - 1} for the distinct {@link ViewerKeys keys} of a table,
 * made by {@link #assign}. Ids are a function of the keys in their order of occurrence (no
 * dependence on threads), but their numeric order means nothing: results use counts, never ids.
 */
public final class ViewerIds {

    /** Occurrences per partition the assignment aims at: the partition's table stays in L1/L2. */
    private static final int TARGET_PARTITION = 4096;
    private static final int MAX_PARTITION_BITS = 16;

    private final int partitionBits;
    private final int[] partitionBase;
    private final long[] highs;
    private final int[] lows;

    private ViewerIds(int partitionBits, int[] partitionBase, long[] highs, int[] lows) {
        this.partitionBits = partitionBits;
        this.partitionBase = partitionBase;
        this.highs = highs;
        this.lows = lows;
    }

    /**
     * What {@link #assign} produced.
     *
     * @param ids   the distinct viewers
     * @param dense per occurrence, its dense id
     */
    public record Assignment(ViewerIds ids, int[] dense) {
    }

    /**
     * Assigns dense ids to the keys {@code (high[i], low[i])}, {@code i < count}, on
     * {@code threads} threads; see {@link #assign(long[][], int[][], int[], int[], int)}.
     */
    public static Assignment assign(long[] high, int[] low, int count, int threads) {
        Objects.requireNonNull(high, "high");
        Objects.requireNonNull(low, "low");
        return assign(new long[][] {high}, new int[][] {low}, new int[] {0}, new int[] {count}, threads);
    }

    /**
     * Assigns dense ids to keys given as rows: row {@code r} is {@code high[r][start[r] ..
     * start[r] + length[r])} with the matching {@code low[r]} (rows may share arrays); occurrences
     * are numbered in row order, and {@link Assignment#dense()} holds their ids in that order.
     *
     * <p>Occurrences are first scattered by the top bits of their key into partitions of about
     * {@value #TARGET_PARTITION}; each partition then gets its ids from a small table that stays
     * in cache, instead of every occurrence probing one table of all viewers (tens of MB, a cache
     * miss per probe). Ids depend only on the keys and their order, not on {@code threads}.
     */
    public static Assignment assign(long[][] high, int[][] low, int[] start, int[] length, int threads) {
        Objects.requireNonNull(high, "high");
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(length, "length");
        int rows = high.length;
        if (low.length != rows || start.length != rows || length.length != rows) {
            throw new IllegalArgumentException("row arrays disagree in length: " + rows + ", " + low.length + ", "
                    + start.length + ", " + length.length);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        int[] rowPos = new int[rows + 1];
        for (int r = 0; r < rows; r++) {
            if (start[r] < 0 || length[r] < 0 || (long) start[r] + length[r] > high[r].length
                    || (long) start[r] + length[r] > low[r].length) {
                throw new IllegalArgumentException("row " + r + " [" + start[r] + ", +" + length[r]
                        + ") lies outside its key arrays");
            }
            long next = (long) rowPos[r] + length[r];
            if (next > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("too many occurrences: more than " + (Integer.MAX_VALUE - 16));
            }
            rowPos[r + 1] = (int) next;
        }
        int count = rowPos[rows];
        int bits = partitionBits(count);
        int partitions = 1 << bits;
        int chunks = Math.max(1, Math.min(threads, count / 65_536 + 1));
        int[] chunkRows = chunkBoundaries(rowPos, chunks);
        int[][] histogram = new int[chunks][partitions];
        eachChunk(chunks, c -> {
            int[] h = histogram[c];
            for (int r = chunkRows[c]; r < chunkRows[c + 1]; r++) {
                long[] hr = high[r];
                for (int k = start[r], end = k + length[r]; k < end; k++) {
                    h[partition(hr[k], bits)]++;
                }
            }
        }, threads);
        // partition p holds chunk 0's occurrences, then chunk 1's, ... each in row order
        int[] partitionStart = new int[partitions + 1];
        int[][] cursor = new int[chunks][partitions];
        int pos = 0;
        for (int p = 0; p < partitions; p++) {
            partitionStart[p] = pos;
            for (int c = 0; c < chunks; c++) {
                cursor[c][p] = pos;
                pos += histogram[c][p];
            }
        }
        partitionStart[partitions] = pos;
        long[] pHigh = new long[count];
        int[] pLow = new int[count];
        int[] pIndex = new int[count];
        eachChunk(chunks, c -> {
            int[] cur = cursor[c];
            for (int r = chunkRows[c]; r < chunkRows[c + 1]; r++) {
                long[] hr = high[r];
                int[] lr = low[r];
                int i = rowPos[r];
                for (int k = start[r], end = k + length[r]; k < end; k++, i++) {
                    int at = cur[partition(hr[k], bits)]++;
                    pHigh[at] = hr[k];
                    pLow[at] = lr[k];
                    pIndex[at] = i;
                }
            }
        }, threads);
        int[] dense = new int[count];
        int[] distinct = new int[partitions];
        int largest = 0;
        for (int p = 0; p < partitions; p++) {
            largest = Math.max(largest, partitionStart[p + 1] - partitionStart[p]);
        }
        int capacity = Integer.highestOneBit(Math.max(2, largest) * 2 - 1) << 1;
        AtomicInteger nextPartition = new AtomicInteger();
        Parallel.run(Math.max(1, Math.min(threads, partitions)), () -> {
            int[] slots = new int[capacity];
            for (int p = nextPartition.getAndIncrement(); p < partitions; p = nextPartition.getAndIncrement()) {
                distinct[p] = numberPartition(pHigh, pLow, pIndex, partitionStart[p], partitionStart[p + 1], slots,
                        dense);
            }
        });
        int[] base = new int[partitions + 1];
        for (int p = 0; p < partitions; p++) {
            base[p + 1] = base[p] + distinct[p];
        }
        long[] highs = new long[base[partitions]];
        int[] lows = new int[base[partitions]];
        for (int p = 0; p < partitions; p++) {
            System.arraycopy(pHigh, partitionStart[p], highs, base[p], distinct[p]);
            System.arraycopy(pLow, partitionStart[p], lows, base[p], distinct[p]);
        }
        eachChunk(chunks, c -> {
            for (int r = chunkRows[c]; r < chunkRows[c + 1]; r++) {
                long[] hr = high[r];
                int i = rowPos[r];
                for (int k = start[r], end = k + length[r]; k < end; k++, i++) {
                    dense[i] += base[partition(hr[k], bits)];
                }
            }
        }, threads);
        return new Assignment(new ViewerIds(bits, base, highs, lows), dense);
    }

    /** Row boundaries of {@code chunks} chunks with about equal numbers of occurrences. */
    private static int[] chunkBoundaries(int[] rowPos, int chunks) {
        int rows = rowPos.length - 1;
        int[] bounds = new int[chunks + 1];
        int r = 0;
        for (int c = 1; c < chunks; c++) {
            long target = (long) rowPos[rows] * c / chunks;
            while (r < rows && rowPos[r] < target) {
                r++;
            }
            bounds[c] = r;
        }
        bounds[chunks] = rows;
        return bounds;
    }

    /**
     * Numbers the distinct keys of one partition by first occurrence, writing each occurrence's
     * partition-local id to {@code dense} and compacting the distinct keys to the front of the
     * partition's range (safe: the k-th distinct key lies at or after position k).
     *
     * @return the number of distinct keys
     */
    private static int numberPartition(long[] pHigh, int[] pLow, int[] pIndex, int from, int to, int[] slots,
                                       int[] dense) {
        int size = to - from;
        int cap = Integer.highestOneBit(Math.max(2, size) * 2 - 1) << 1;
        int mask = cap - 1;
        Arrays.fill(slots, 0, cap, 0);
        int n = 0;
        for (int e = from; e < to; e++) {
            long h = pHigh[e];
            int l = pLow[e];
            int slot = (int) h & mask;
            int id;
            while (true) {
                int s = slots[slot];
                if (s == 0) {
                    id = n++;
                    slots[slot] = id + 1;
                    pHigh[from + id] = h;
                    pLow[from + id] = l;
                    break;
                }
                if (pHigh[from + s - 1] == h && pLow[from + s - 1] == l) {
                    id = s - 1;
                    break;
                }
                slot = (slot + 1) & mask;
            }
            dense[pIndex[e]] = id;
        }
        return n;
    }

    private static int partitionBits(int count) {
        int bits = 0;
        while (bits < MAX_PARTITION_BITS && ((long) TARGET_PARTITION << bits) < count) {
            bits++;
        }
        return bits;
    }

    private static int partition(long high, int bits) {
        return bits == 0 ? 0 : (int) (high >>> (64 - bits));
    }

    /** Number of distinct viewers. */
    public int size() {
        return highs.length;
    }

    /** The id of the viewer with {@code key}, or -1 if no occurrence had it. */
    public int find(ViewerKeys.Key key) {
        Objects.requireNonNull(key, "key");
        int p = partition(key.high(), partitionBits);
        for (int i = partitionBase[p], end = partitionBase[p + 1]; i < end; i++) {
            if (highs[i] == key.high() && lows[i] == key.low()) {
                return i;
            }
        }
        return -1;
    }

    /** The id of {@code login}, or -1 if it does not occur. */
    public int find(String login) {
        return find(ViewerKeys.of(login));
    }

    /** The key of viewer {@code id}. */
    public ViewerKeys.Key key(int id) {
        Objects.checkIndex(id, highs.length);
        return new ViewerKeys.Key(highs[id], lows[id]);
    }

    /** Runs {@code body} once per chunk, on up to {@code threads} threads. */
    private static void eachChunk(int chunks, IntConsumer body, int threads) {
        AtomicInteger next = new AtomicInteger();
        Parallel.run(Math.min(chunks, threads), () -> {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                body.accept(c);
            }
        });
    }
}
