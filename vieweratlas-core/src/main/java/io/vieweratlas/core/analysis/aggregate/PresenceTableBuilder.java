package io.vieweratlas.core.analysis.aggregate;

import io.vieweratlas.core.analysis.viewer.ViewerKeys;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Collects snapshots column by column: one row of metadata per snapshot and the {@link ViewerKeys
 * keys} of its viewers, kept in blocks of {@value #BLOCK} keys (a row never spans two blocks), so
 * that growing never copies what was loaded. One builder per loading thread; builders share
 * nothing and are combined with {@link PresenceTable#of}, which numbers the viewers.
 *
 * <p>Usage per snapshot: {@link #begin}, then {@link #viewer} for each chatter, then
 * {@link #end} (or {@link #abort} to drop a snapshot that turned out malformed).
 *
 * <p>A builder made with {@link Repeats#DROP} keeps a viewer only in the first snapshot of a
 * channel it sees it in (decided at {@link #end}, after {@link #removeFromCurrent}), so its key
 * blocks grow with distinct channel–viewer memberships instead of entries; the snapshot rows
 * themselves (time, metadata, location) are all kept. Game, language and title strings are shared
 * between the rows that repeat them.
 */
public final class PresenceTableBuilder {

    /** Keys per block. */
    static final int BLOCK = 1 << 16;
    private static final long[] NO_HIGH = new long[0];
    private static final int[] NO_LOW = new int[0];

    final List<String> channels = new ArrayList<>();
    final List<String> games = new ArrayList<>();
    final List<String> languages = new ArrayList<>();
    final List<String> titles = new ArrayList<>();
    final List<String> locations = new ArrayList<>();
    long[] epochSeconds = new long[64];
    long[] viewerCounts = new long[64];
    /** Per row: its block, its first key in the block and its number of keys. */
    int[] rowBlock = new int[64];
    int[] rowStart = new int[64];
    int[] rowLength = new int[64];
    final List<long[]> highBlocks = new ArrayList<>();
    final List<int[]> lowBlocks = new ArrayList<>();
    private long[] keyHigh = NO_HIGH;
    private int[] keyLow = NO_LOW;
    private int used;
    private int rowBegin;
    long memberTotal;
    int rows;
    private boolean open;
    private byte[] scratch = new byte[64];
    private String channel;
    private long epochSecond;
    private long viewerCount;
    private String game;
    private String language;
    private String title;
    private String location;
    private final Repeats repeats;
    /** With {@link Repeats#DROP}: per channel, the viewers kept so far. */
    private Map<String, KeySet> seen = new HashMap<>();
    /** One instance per distinct metadata string (hourly snapshots repeat them). */
    private Map<String, String> strings = new HashMap<>();
    /** Entries dropped as repeats. */
    long repeatsDropped;

    /** An empty builder that keeps every entry ({@link Repeats#KEEP}). */
    public PresenceTableBuilder() {
        this(Repeats.KEEP);
    }

    /**
     * An empty builder.
     *
     * @param repeats whether a viewer seen again on a channel is kept
     */
    public PresenceTableBuilder(Repeats repeats) {
        this.repeats = Objects.requireNonNull(repeats, "repeats");
    }

    /** What this builder keeps of repeated presence. */
    public Repeats repeats() {
        return repeats;
    }

    /**
     * Starts a snapshot.
     *
     * @param location where it came from (object key or description), for reports
     */
    public void begin(String channel, long epochSecond, long viewerCount, String game, String language,
                      String title, String location) {
        if (open) {
            throw new IllegalStateException("previous snapshot not ended");
        }
        this.channel = Objects.requireNonNull(channel, "channel");
        this.epochSecond = epochSecond;
        this.viewerCount = viewerCount;
        this.game = Objects.requireNonNull(game, "game");
        this.language = Objects.requireNonNull(language, "language");
        this.title = Objects.requireNonNull(title, "title");
        this.location = Objects.requireNonNull(location, "location");
        open = true;
        rowBegin = used;
    }

    /**
     * Starts a snapshot whose metadata is not known yet (streaming parsers learn it after the
     * chatters); complete it with {@link #end(String, long, long, String, String, String)}.
     */
    public void beginUnknown(String location) {
        begin("?", 0, 0, "", "", "", location);
    }

    /**
     * Adds a viewer given as ASCII characters of a parser buffer (each below {@code 0x80}; the
     * caller checks), without creating a String.
     */
    public void viewer(char[] chars, int offset, int length) {
        toScratch(chars, offset, length);
        ensureRoom(1);
        ViewerKeys.hash(scratch, 0, length, keyHigh, keyLow, used++);
    }

    /**
     * The key of a login given as ASCII characters of a parser buffer (each below {@code 0x80};
     * the caller checks), e.g. for evidence a parser collects before adding viewers.
     */
    public ViewerKeys.Key key(char[] chars, int offset, int length) {
        toScratch(chars, offset, length);
        long[] high = new long[1];
        int[] low = new int[1];
        ViewerKeys.hash(scratch, 0, length, high, low, 0);
        return new ViewerKeys.Key(high[0], low[0]);
    }

    private void toScratch(char[] chars, int offset, int length) {
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        for (int i = 0; i < length; i++) {
            scratch[i] = (byte) chars[offset + i];
        }
    }

    /**
     * Adds {@code count} viewers given as byte ranges of {@code src} (UTF-8 logins), in order.
     */
    public void viewers(byte[] src, int[] offsets, int[] lengths, int count) {
        ensureRoom(count);
        for (int i = 0; i < count; i++) {
            ViewerKeys.hash(src, offsets[i], lengths[i], keyHigh, keyLow, used++);
        }
    }

    /** Adds a viewer. */
    public void viewer(String login) {
        viewer(ViewerKeys.of(login));
    }

    /** Adds a viewer by its key. */
    public void viewer(ViewerKeys.Key key) {
        ensureRoom(1);
        keyHigh[used] = key.high();
        keyLow[used++] = key.low();
    }

    private void ensureRoom(int more) {
        if (!open) {
            throw new IllegalStateException("no snapshot begun");
        }
        if ((long) used + more > keyHigh.length) {
            // a new block; the open row's keys move along, so that a row stays in one block
            int partial = used - rowBegin;
            long need = (long) partial + more;
            if (need > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("too many viewers in one snapshot: " + need);
            }
            int cap = (int) Math.max(BLOCK, need);
            long[] high = new long[cap];
            int[] low = new int[cap];
            System.arraycopy(keyHigh, rowBegin, high, 0, partial);
            System.arraycopy(keyLow, rowBegin, low, 0, partial);
            highBlocks.add(high);
            lowBlocks.add(low);
            keyHigh = high;
            keyLow = low;
            rowBegin = 0;
            used = partial;
        }
    }

    /** Ends the current snapshot with the metadata given to {@link #begin}. */
    public void end() {
        if (!open) {
            throw new IllegalStateException("no snapshot begun");
        }
        if (repeats == Repeats.DROP) {
            dropRepeats();
        }
        if (rows == epochSeconds.length) {
            int cap = epochSeconds.length * 2;
            epochSeconds = Arrays.copyOf(epochSeconds, cap);
            viewerCounts = Arrays.copyOf(viewerCounts, cap);
            rowBlock = Arrays.copyOf(rowBlock, cap);
            rowStart = Arrays.copyOf(rowStart, cap);
            rowLength = Arrays.copyOf(rowLength, cap);
        }
        channels.add(shared(channel));
        games.add(shared(game));
        languages.add(shared(language));
        titles.add(shared(title));
        locations.add(location);
        epochSeconds[rows] = epochSecond;
        viewerCounts[rows] = viewerCount;
        rowBlock[rows] = highBlocks.size() - 1;
        rowStart[rows] = rowBegin;
        rowLength[rows] = used - rowBegin;
        memberTotal += used - rowBegin;
        rows++;
        open = false;
    }

    /** Removes from the open row the viewers this builder already kept for its channel. */
    private void dropRepeats() {
        KeySet kept = seen.computeIfAbsent(channel, c -> new KeySet());
        int w = rowBegin;
        for (int i = rowBegin; i < used; i++) {
            if (kept.add(keyHigh[i], keyLow[i])) {
                keyHigh[w] = keyHigh[i];
                keyLow[w++] = keyLow[i];
            }
        }
        repeatsDropped += used - w;
        used = w;
    }

    private String shared(String s) {
        String known = strings.putIfAbsent(s, s);
        return known == null ? s : known;
    }

    /**
     * Distinct channel–viewer memberships kept so far ({@link Repeats#DROP}; with
     * {@link Repeats#KEEP} the entries kept, repeats included).
     */
    public long kept() {
        return memberTotal;
    }

    /** Ends the current snapshot, replacing the metadata given to {@link #begin}. */
    public void end(String channel, long epochSecond, long viewerCount, String game, String language, String title) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.epochSecond = epochSecond;
        this.viewerCount = viewerCount;
        this.game = Objects.requireNonNull(game, "game");
        this.language = Objects.requireNonNull(language, "language");
        this.title = Objects.requireNonNull(title, "title");
        end();
    }

    /**
     * Removes from the current snapshot every viewer whose key is in {@code keys} (used for
     * viewers whose evidence does not meet a presence policy).
     */
    public void removeFromCurrent(Set<ViewerKeys.Key> keys) {
        if (!open) {
            throw new IllegalStateException("no snapshot begun");
        }
        if (keys.isEmpty()) {
            return;
        }
        int w = rowBegin;
        for (int i = rowBegin; i < used; i++) {
            if (!keys.contains(new ViewerKeys.Key(keyHigh[i], keyLow[i]))) {
                keyHigh[w] = keyHigh[i];
                keyLow[w++] = keyLow[i];
            }
        }
        used = w;
    }

    /** The key block of row {@code j} (an empty array for a row without viewers). */
    long[] highOf(int j) {
        return rowBlock[j] < 0 ? NO_HIGH : highBlocks.get(rowBlock[j]);
    }

    /** The low-key block of row {@code j}. */
    int[] lowOf(int j) {
        return rowBlock[j] < 0 ? NO_LOW : lowBlocks.get(rowBlock[j]);
    }

    /** Drops what only loading needs (the sets of viewers seen per channel, the shared strings). */
    void loadingDone() {
        seen = new HashMap<>();
        strings = new HashMap<>();
    }

    /**
     * Empties the builder once {@link PresenceTable#of} has numbered its keys and taken its rows,
     * so that a caller still holding the builder does not hold its key blocks too.
     */
    void releaseKeys() {
        if (open) {
            throw new IllegalStateException("snapshot still open");
        }
        highBlocks.clear();
        lowBlocks.clear();
        keyHigh = NO_HIGH;
        keyLow = NO_LOW;
        used = 0;
        rows = 0;
        memberTotal = 0;
        repeatsDropped = 0;
        seen = new HashMap<>();
        strings = new HashMap<>();
        channels.clear();
        games.clear();
        languages.clear();
        titles.clear();
        locations.clear();
    }

    /** Drops the current snapshot and its viewers. */
    public void abort() {
        if (open) {
            used = rowBegin;
            open = false;
        }
    }

    /** Snapshots added so far. */
    public int size() {
        return rows;
    }
}
