package io.vieweratlas.core.analysis.viewer;

import io.vieweratlas.core.analysis.Parallel;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Dense viewer ids {@code 0 .. size() - 1} for the distinct {@link ViewerKeys keys} of a table,
 * made by {@link #assign}. Ids are a function of the keys in their order of occurrence (no
 * dependence on threads), but their numeric order means nothing: results use counts, never ids.
 */
public final class ViewerIds {

    /**
     * Occurrences per partition the assignment aims at: a partition's entries (16 bytes each) and
     * its table stay in the L2 cache, and the scatter writes to few enough partitions at once.
     */
    private static final int TARGET_PARTITION = 8192;
    private static final int MAX_PARTITION_BITS = 16;
    /** The most occurrences one assignment takes: its partitioned entries are one {@code long[2 × n]}. */
    static final int MAX_OCCURRENCES = (Integer.MAX_VALUE - 16) / 2;

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
            if (next > MAX_OCCURRENCES) {
                throw new IllegalArgumentException("too many viewer occurrences for one table: more than "
                        + MAX_OCCURRENCES + " (numbering keeps two longs per occurrence in one array)");
            }
            rowPos[r + 1] = (int) next;
        }
        int count = rowPos[rows];
        int bits = partitionBits(count);
        int partitions = 1 << bits;
        int chunks = Math.max(1, Math.min(threads, count / 65_536 + 1));
        int[] chunkRows = chunkBoundaries(rowPos, chunks);
        int[][] histogram = new int[chunks][partitions];
        Parallel.forEachIndex(threads, chunks, c -> {
            int[] h = histogram[c];
            for (int r = chunkRows[c]; r < chunkRows[c + 1]; r++) {
                long[] hr = high[r];
                for (int k = start[r], end = k + length[r]; k < end; k++) {
                    h[partition(hr[k], bits)]++;
                }
            }
        });
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
        // entry e of the partitioned array: [2e] the high key, [2e + 1] the low key (upper half) and
        // the occurrence's index (lower half): one write stream per partition, not three
        long[] entries = new long[2 * count];
        Parallel.forEachIndex(threads, chunks, c -> {
            int[] cur = cursor[c];
            for (int r = chunkRows[c]; r < chunkRows[c + 1]; r++) {
                long[] hr = high[r];
                int[] lr = low[r];
                int i = rowPos[r];
                for (int k = start[r], end = k + length[r]; k < end; k++, i++) {
                    long h = hr[k];
                    int at = 2 * cur[partition(h, bits)]++;
                    entries[at] = h;
                    entries[at + 1] = ((long) lr[k] << 32) | (i & 0xffffffffL);
                }
            }
        });
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
                distinct[p] = numberPartition(entries, partitionStart[p], partitionStart[p + 1], slots, dense);
            }
        });
        int[] base = new int[partitions + 1];
        for (int p = 0; p < partitions; p++) {
            base[p + 1] = base[p] + distinct[p];
        }
        long[] highs = new long[base[partitions]];
        int[] lows = new int[base[partitions]];
        for (int p = 0; p < partitions; p++) {
            for (int j = 0, e = 2 * partitionStart[p]; j < distinct[p]; j++, e += 2) {
                highs[base[p] + j] = entries[e];
                lows[base[p] + j] = (int) (entries[e + 1] >>> 32);
            }
        }
        Parallel.forEachIndex(threads, chunks, c -> {
            for (int r = chunkRows[c]; r < chunkRows[c + 1]; r++) {
                long[] hr = high[r];
                int i = rowPos[r];
                for (int k = start[r], end = k + length[r]; k < end; k++, i++) {
                    dense[i] += base[partition(hr[k], bits)];
                }
            }
        });
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
     * partition's entries (safe: the k-th distinct key lies at or after entry k).
     *
     * @return the number of distinct keys
     */
    private static int numberPartition(long[] entries, int from, int to, int[] slots, int[] dense) {
        int size = to - from;
        int cap = Integer.highestOneBit(Math.max(2, size) * 2 - 1) << 1;
        int mask = cap - 1;
        Arrays.fill(slots, 0, cap, 0);
        int n = 0;
        int first = 2 * from;
        for (int e = first, end = 2 * to; e < end; e += 2) {
            long h = entries[e];
            long lowAndIndex = entries[e + 1];
            int l = (int) (lowAndIndex >>> 32);
            int slot = (int) h & mask;
            int id;
            while (true) {
                int s = slots[slot];
                if (s == 0) {
                    id = n++;
                    slots[slot] = id + 1;
                    entries[first + 2 * id] = h;
                    entries[first + 2 * id + 1] = lowAndIndex;
                    break;
                }
                int at = first + 2 * (s - 1);
                if (entries[at] == h && (int) (entries[at + 1] >>> 32) == l) {
                    id = s - 1;
                    break;
                }
                slot = (slot + 1) & mask;
            }
            dense[(int) lowAndIndex] = id;
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
}
