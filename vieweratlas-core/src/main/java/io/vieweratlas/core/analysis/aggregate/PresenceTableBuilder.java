package io.vieweratlas.core.analysis.aggregate;

import io.vieweratlas.core.analysis.intern.LoginInterner;
import io.vieweratlas.core.analysis.intern.RecentLoginCache;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Collects snapshots column by column: one row of metadata per snapshot and the viewers of all
 * snapshots in one growing {@code int[]} of interned login ids. One builder per loading thread;
 * builders share a {@link LoginInterner} and are combined with {@link PresenceTable#of}.
 *
 * <p>Usage per snapshot: {@link #begin}, then {@link #viewer} for each chatter, then
 * {@link #end} (or {@link #abort} to drop a snapshot that turned out malformed).
 */
public final class PresenceTableBuilder {

    private final LoginInterner interner;
    private final RecentLoginCache cache;
    final List<String> channels = new ArrayList<>();
    final List<String> games = new ArrayList<>();
    final List<String> languages = new ArrayList<>();
    final List<String> titles = new ArrayList<>();
    final List<String> locations = new ArrayList<>();
    long[] epochSeconds = new long[64];
    long[] viewerCounts = new long[64];
    int[] starts = new int[65];
    int[] members = new int[1024];
    int memberCount;
    int rows;
    private boolean open;
    private int[] batchIds = new int[0];
    private int[] batchHashes = new int[0];
    private int[] missOffsets = new int[0];
    private int[] missLengths = new int[0];
    private int[] missHashes = new int[0];
    private int[] missIds = new int[0];
    private int[] missIndex = new int[0];
    private String channel;
    private long epochSecond;
    private long viewerCount;
    private String game;
    private String language;
    private String title;
    private String location;

    /** A builder interning into {@code interner}. */
    public PresenceTableBuilder(LoginInterner interner) {
        this.interner = Objects.requireNonNull(interner, "interner");
        this.cache = new RecentLoginCache(interner);
    }

    /** The interner this builder uses. */
    public LoginInterner interner() {
        return interner;
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
     * Adds a viewer given as characters of a parser buffer (no String is created); a per-builder
     * cache of recent logins answers repeats without touching the shared interner.
     */
    public void viewer(char[] chars, int offset, int length) {
        addId(cache.intern(chars, offset, length));
    }

    /**
     * Adds {@code count} viewers given as ASCII byte ranges of {@code src} (each byte in
     * {@code 0x21..0x7e}, no upper case: the caller checks), in order. Repeats are answered by the
     * recent-login cache; the rest go to the interner in one batch per call.
     */
    public void viewers(byte[] src, int[] offsets, int[] lengths, int count) {
        if (batchIds.length < count) {
            int n = Math.max(count, batchIds.length * 2);
            batchIds = new int[n];
            batchHashes = new int[n];
            missOffsets = new int[n];
            missLengths = new int[n];
            missHashes = new int[n];
            missIds = new int[n];
            missIndex = new int[n];
        }
        int misses = 0;
        for (int i = 0; i < count; i++) {
            int h = LoginInterner.hash(src, offsets[i], lengths[i]);
            batchHashes[i] = h;
            int id = cache.lookup(h, src, offsets[i], lengths[i]);
            batchIds[i] = id;
            if (id < 0) {
                missOffsets[misses] = offsets[i];
                missLengths[misses] = lengths[i];
                missHashes[misses] = h;
                missIndex[misses++] = i;
            }
        }
        if (misses > 0) {
            interner.internAll(src, missOffsets, missLengths, missHashes, misses, missIds);
            for (int m = 0; m < misses; m++) {
                int i = missIndex[m];
                batchIds[i] = missIds[m];
                cache.remember(missHashes[m], src, missOffsets[m], missLengths[m], missIds[m]);
            }
        }
        for (int i = 0; i < count; i++) {
            addId(batchIds[i]);
        }
    }

    /** Share of {@link #viewer(char[], int, int)} lookups answered by the recent-login cache. */
    public double cacheHitRate() {
        return cache.hitRate();
    }

    /** Adds a viewer. */
    public void viewer(String login) {
        addId(interner.intern(login));
    }

    /** Adds a viewer by the provisional id {@link #interner()} gave it. */
    public void viewerId(int provisionalId) {
        addId(provisionalId);
    }

    private void addId(int id) {
        if (!open) {
            throw new IllegalStateException("no snapshot begun");
        }
        if (memberCount == members.length) {
            members = Arrays.copyOf(members, members.length * 2);
        }
        members[memberCount++] = id;
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
     * Removes from the current snapshot every viewer whose provisional id is among
     * {@code ids[0, count)} (used for viewers whose evidence does not meet a presence policy).
     */
    public void removeFromCurrent(int[] ids, int count) {
        if (!open) {
            throw new IllegalStateException("no snapshot begun");
        }
        if (count == 0) {
            return;
        }
        int[] sorted = Arrays.copyOf(ids, count);
        Arrays.sort(sorted);
        int w = starts[rows];
        for (int i = starts[rows]; i < memberCount; i++) {
            if (Arrays.binarySearch(sorted, members[i]) < 0) {
                members[w++] = members[i];
            }
        }
        memberCount = w;
    }

    /** Drops the current snapshot and its viewers (its logins stay interned, which is harmless). */
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
