package io.vieweratlas.core.analysis.edges;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads an edge list CSV as Athena writes the result of {@code overlap_edges.sql}: a header naming
 * the columns {@code source, target, shared, source_audience, target_audience} (any order, extra
 * columns ignored, names case-insensitive), then one edge per line. Fields may be double-quoted
 * (Athena quotes every field). Channel logins are lower-cased, as the analysis compares them.
 *
 * <p>Every defect is an {@link EdgeListException} naming the file and line: missing columns, a
 * wrong field count, a non-numeric or negative number, a self-loop, an edge given twice, a shared
 * count above either audience, or one channel given two audience sizes.
 */
public final class EdgeListCsv {

    /** Columns the file must have. */
    public static final List<String> COLUMNS = List.of("source", "target", "shared", "source_audience",
            "target_audience");

    private EdgeListCsv() {
    }

    /** Reads {@code file} (UTF-8). */
    public static EdgeList read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString());
        }
    }

    /**
     * Reads an edge list from {@code reader}; {@code name} is used in error messages.
     *
     * @throws EdgeListException naming {@code name} and the line of the first defect
     */
    public static EdgeList read(Reader reader, String name) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        String header = in.readLine();
        if (header == null) {
            throw new EdgeListException(name, 1, "empty file, expected a header with " + String.join(",", COLUMNS));
        }
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        List<String> names = fields(header, name, 1);
        int[] col = new int[COLUMNS.size()];
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < COLUMNS.size(); c++) {
            col[c] = -1;
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).strip().equalsIgnoreCase(COLUMNS.get(c))) {
                    col[c] = i;
                }
            }
            if (col[c] < 0) {
                missing.add(COLUMNS.get(c));
            }
        }
        if (!missing.isEmpty()) {
            throw new EdgeListException(name, 1, "missing column(s) " + String.join(", ", missing) + " in header '"
                    + header + "'");
        }
        TreeMap<String, Integer> audience = new TreeMap<>();
        Map<String, Integer> audienceLine = new TreeMap<>();
        List<String[]> pairs = new ArrayList<>();
        List<int[]> counts = new ArrayList<>(); // shared, line
        String line;
        int lineNo = 1;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            List<String> f = fields(line, name, lineNo);
            if (f.size() != names.size()) {
                throw new EdgeListException(name, lineNo, "expected " + names.size() + " fields, found " + f.size());
            }
            String s = login(f.get(col[0]), "source", name, lineNo);
            String t = login(f.get(col[1]), "target", name, lineNo);
            int shared = number(f.get(col[2]), "shared", name, lineNo);
            int sa = number(f.get(col[3]), "source_audience", name, lineNo);
            int ta = number(f.get(col[4]), "target_audience", name, lineNo);
            if (s.equals(t)) {
                throw new EdgeListException(name, lineNo, "source and target are the same channel '" + s + "'");
            }
            if (shared < 1 || shared > sa || shared > ta) {
                throw new EdgeListException(name, lineNo, "shared " + shared
                        + " must be at least 1 and at most both audiences (" + sa + ", " + ta + ")");
            }
            audience(audience, audienceLine, s, sa, name, lineNo);
            audience(audience, audienceLine, t, ta, name, lineNo);
            pairs.add(s.compareTo(t) < 0 ? new String[]{s, t} : new String[]{t, s});
            counts.add(new int[]{shared, lineNo});
        }
        List<String> channels = new ArrayList<>(audience.keySet());
        Map<String, Integer> index = new TreeMap<>();
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
            keyed[e] = (a << 32 | b);
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
                throw new EdgeListException(name, second, "edge " + pairs.get(e)[0] + " - " + pairs.get(e)[1]
                        + " already given on line " + first);
            }
            src[q] = (int) (keyed[e] >>> 32);
            dst[q] = (int) keyed[e];
            sh[q] = counts.get(e)[0];
        }
        return new EdgeList(channels, aud, src, dst, sh);
    }

    private static void audience(TreeMap<String, Integer> audience, Map<String, Integer> audienceLine, String channel,
                                 int size, String name, int line) {
        Integer before = audience.putIfAbsent(channel, size);
        if (before == null) {
            audienceLine.put(channel, line);
        } else if (before != size) {
            throw new EdgeListException(name, line, "channel '" + channel + "' has audience " + size
                    + " here but " + before + " on line " + audienceLine.get(channel));
        }
    }

    private static String login(String field, String column, String name, int line) {
        String s = field.strip().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            throw new EdgeListException(name, line, column + " is empty");
        }
        return s;
    }

    private static int number(String field, String column, String name, int line) {
        String s = field.strip();
        try {
            int v = Integer.parseInt(s);
            if (v < 0) {
                throw new EdgeListException(name, line, column + " must be >= 0, was " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new EdgeListException(name, line, column + " is not a whole number: '" + s + "'");
        }
    }

    /** Splits one CSV line; fields may be double-quoted with {@code ""} for a quote. */
    private static List<String> fields(String line, String name, int lineNo) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int i = 0;
        int n = line.length();
        while (true) {
            cur.setLength(0);
            if (i < n && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new EdgeListException(name, lineNo, "unterminated quoted field");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            cur.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        cur.append(c);
                    }
                }
                if (i < n && line.charAt(i) != ',') {
                    throw new EdgeListException(name, lineNo, "text after a closing quote at column " + (i + 1));
                }
            } else {
                while (i < n && line.charAt(i) != ',') {
                    cur.append(line.charAt(i++));
                }
            }
            out.add(cur.toString());
            if (i >= n) {
                return out;
            }
            i++; // the comma
        }
    }
}
