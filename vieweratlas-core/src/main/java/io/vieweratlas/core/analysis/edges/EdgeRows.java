package io.vieweratlas.core.analysis.edges;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects the rows of an edge list file, whatever its format, checks each and builds the
 * {@link EdgeList}: logins are lower-cased; a row with an empty login, a self-loop, a negative or
 * too large number, a shared count of 0 or above either audience, an edge given twice, or a
 * channel given two audience sizes is an {@link EdgeListException} naming the file and the row.
 */
public final class EdgeRows {

    private final String file;
    private final boolean rowNumbers;
    private final TreeMap<String, Integer> audience = new TreeMap<>();
    private final Map<String, Integer> audienceRow = new HashMap<>();
    private final List<String[]> pairs = new ArrayList<>();
    private final List<int[]> counts = new ArrayList<>(); // shared, row

    /**
     * @param file       the file read, for error messages
     * @param rowNumbers true: positions are data rows ({@code file: row N}); false: text lines ({@code file:N})
     */
    public EdgeRows(String file, boolean rowNumbers) {
        this.file = file;
        this.rowNumbers = rowNumbers;
    }

    private EdgeListException error(int row, String problem) {
        return rowNumbers ? new EdgeListException(file, "row " + row, row, problem)
                : new EdgeListException(file, row, problem);
    }

    private String where(int row) {
        return rowNumbers ? "row " + row : "line " + row;
    }

    /** Adds one edge row; {@code row} is the line (text formats) or the 1-based data row. */
    public void add(int row, String source, String target, long shared, long sourceAudience, long targetAudience) {
        String s = login(source, "source", row);
        String t = login(target, "target", row);
        int sh = count(shared, "shared", row);
        int sa = count(sourceAudience, "source_audience", row);
        int ta = count(targetAudience, "target_audience", row);
        if (s.equals(t)) {
            throw error(row, "source and target are the same channel '" + s + "'");
        }
        if (sh < 1 || sh > sa || sh > ta) {
            throw error(row, "shared " + sh + " must be at least 1 and at most both audiences (" + sa + ", " + ta
                    + ")");
        }
        audience(s, sa, row);
        audience(t, ta, row);
        pairs.add(s.compareTo(t) < 0 ? new String[]{s, t} : new String[]{t, s});
        counts.add(new int[]{sh, row});
    }

    /**
     * Adds a channel with its audience, whether or not an edge names it (a graph's isolated
     * channels have none); {@code row} is where it was given.
     */
    public void channel(int row, String login, long audience) {
        audience(login(login, "channel", row), count(audience, "audience", row), row);
    }

    /** The edge list of the rows added, channels and edges sorted. */
    public EdgeList build() {
        List<String> channels = new ArrayList<>(audience.keySet());
        Map<String, Integer> index = new HashMap<>();
        int[] aud = new int[channels.size()];
        for (int i = 0; i < channels.size(); i++) {
            index.put(channels.get(i), i);
            aud[i] = audience.get(channels.get(i));
        }
        int m = pairs.size();
        long[] keyed = new long[m];
        for (int e = 0; e < m; e++) {
            long a = index.get(pairs.get(e)[0]);
            long b = index.get(pairs.get(e)[1]);
            keyed[e] = a << 32 | b;
        }
        Integer[] order = new Integer[m];
        for (int e = 0; e < m; e++) {
            order[e] = e;
        }
        Arrays.sort(order, (x, y) -> Long.compare(keyed[x], keyed[y]));
        int[] src = new int[m];
        int[] dst = new int[m];
        int[] sh = new int[m];
        for (int q = 0; q < m; q++) {
            int e = order[q];
            if (q > 0 && keyed[order[q - 1]] == keyed[e]) {
                int first = Math.min(counts.get(order[q - 1])[1], counts.get(e)[1]);
                int second = Math.max(counts.get(order[q - 1])[1], counts.get(e)[1]);
                throw error(second, "edge " + pairs.get(e)[0] + " - " + pairs.get(e)[1] + " already given on "
                        + where(first));
            }
            src[q] = (int) (keyed[e] >>> 32);
            dst[q] = (int) keyed[e];
            sh[q] = counts.get(e)[0];
        }
        return new EdgeList(channels, aud, src, dst, sh);
    }

    private void audience(String channel, int size, int row) {
        Integer before = audience.putIfAbsent(channel, size);
        if (before == null) {
            audienceRow.put(channel, row);
        } else if (before != size) {
            throw error(row, "channel '" + channel + "' has audience " + size + " here but " + before + " on "
                    + where(audienceRow.get(channel)));
        }
    }

    private String login(String field, String column, int row) {
        String s = field == null ? "" : field.strip().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            throw error(row, column + " is empty");
        }
        return s;
    }

    private int count(long v, String column, int row) {
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw error(row, column + " must be between 0 and " + Integer.MAX_VALUE + ", was " + v);
        }
        return (int) v;
    }
}
