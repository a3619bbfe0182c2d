package io.vieweratlas.core.analysis.aggregate;

import io.vieweratlas.core.analysis.viewer.ViewerKeys;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Collects snapshots column by column: one row of metadata per snapshot and the {@link ViewerKeys
 * keys} of all its viewers in two growing arrays. One builder per loading thread; builders share
 * nothing and are combined with {@link PresenceTable#of}, which numbers the viewers.
 *
 * <p>Usage per snapshot: {@link #begin}, then {@link #viewer} for each chatter, then
 * {@link #end} (or {@link #abort} to drop a snapshot that turned out malformed).
 */
public final class PresenceTableBuilder {

    final List<String> channels = new ArrayList<>();
    final List<String> games = new ArrayList<>();
    final List<String> languages = new ArrayList<>();
    final List<String> titles = new ArrayList<>();
    final List<String> locations = new ArrayList<>();
    long[] epochSeconds = new long[64];
    long[] viewerCounts = new long[64];
    int[] starts = new int[65];
    long[] keyHigh = new long[1024];
    int[] keyLow = new int[1024];
    int memberCount;
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

    /** An empty builder. */
    public PresenceTableBuilder() {
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
        starts[rows] = memberCount;
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
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        for (int i = 0; i < length; i++) {
            scratch[i] = (byte) chars[offset + i];
        }
        ensureRoom(1);
        ViewerKeys.hash(scratch, 0, length, keyHigh, keyLow, memberCount++);
    }

    /**
     * Adds {@code count} viewers given as byte ranges of {@code src} (UTF-8 logins), in order.
     */
    public void viewers(byte[] src, int[] offsets, int[] lengths, int count) {
        ensureRoom(count);
        for (int i = 0; i < count; i++) {
            ViewerKeys.hash(src, offsets[i], lengths[i], keyHigh, keyLow, memberCount++);
        }
    }

    /** Adds a viewer. */
    public void viewer(String login) {
        viewer(ViewerKeys.of(login));
    }

    /** Adds a viewer by its key. */
    public void viewer(ViewerKeys.Key key) {
        ensureRoom(1);
        keyHigh[memberCount] = key.high();
        keyLow[memberCount++] = key.low();
    }

    private void ensureRoom(int more) {
        if (!open) {
            throw new IllegalStateException("no snapshot begun");
        }
        if (memberCount + more > keyHigh.length) {
            int cap = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(keyHigh.length * 2L, (long) memberCount + more));
            if (cap < memberCount + more) {
                throw new IllegalStateException("too many viewer memberships for one builder");
            }
            keyHigh = Arrays.copyOf(keyHigh, cap);
            keyLow = Arrays.copyOf(keyLow, cap);
        }
    }

    /** Ends the current snapshot with the metadata given to {@link #begin}. */
    public void end() {
        if (!open) {
            throw new IllegalStateException("no snapshot begun");
        }
        if (rows + 1 >= epochSeconds.length) {
            int cap = epochSeconds.length * 2;
            epochSeconds = Arrays.copyOf(epochSeconds, cap);
            viewerCounts = Arrays.copyOf(viewerCounts, cap);
            starts = Arrays.copyOf(starts, cap + 1);
        }
        channels.add(channel);
        games.add(game);
        languages.add(language);
        titles.add(title);
        locations.add(location);
        epochSeconds[rows] = epochSecond;
        viewerCounts[rows] = viewerCount;
        rows++;
        starts[rows] = memberCount;
        open = false;
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
        int w = starts[rows];
        for (int i = starts[rows]; i < memberCount; i++) {
            if (!keys.contains(new ViewerKeys.Key(keyHigh[i], keyLow[i]))) {
                keyHigh[w] = keyHigh[i];
                keyLow[w++] = keyLow[i];
            }
        }
        memberCount = w;
    }

    /** Frees the viewer keys once {@link PresenceTable#of} has copied them. */
    void releaseKeys() {
        if (open) {
            throw new IllegalStateException("snapshot still open");
        }
        keyHigh = new long[0];
        keyLow = new int[0];
        rows = 0;
        memberCount = 0;
        starts = new int[65];
        channels.clear();
        games.clear();
        languages.clear();
        titles.clear();
        locations.clear();
    }

    /** Drops the current snapshot and its viewers. */
    public void abort() {
        if (open) {
            memberCount = starts[rows];
            open = false;
        }
    }

    /** Snapshots added so far. */
    public int size() {
        return rows;
    }
}
