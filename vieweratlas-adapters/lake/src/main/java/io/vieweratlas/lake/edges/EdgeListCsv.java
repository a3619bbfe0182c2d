package io.vieweratlas.lake.edges;

import io.vieweratlas.core.analysis.edges.EdgeList;
import io.vieweratlas.core.analysis.edges.EdgeListException;
import io.vieweratlas.core.analysis.edges.EdgeRows;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an edge list CSV as Athena writes the result of {@code overlap_edges.sql} (and, through
 * {@link #readAny}, the analysis's own {@code graph_edges.csv}): a header naming
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

    /** Columns of the analysis's own {@code graph_edges.csv} that an edge list needs. */
    public static final List<String> EXPORT_COLUMNS = List.of("source", "target", "shared");

    /** The analysis's own node export, read beside its {@code graph_edges.csv} for the audiences. */
    public static final String NODES_FILE = "graph_nodes.csv";

    /**
     * An edge list as read, and whether it knows each channel's audience.
     *
     * @param edges          the edge list
     * @param audiencesKnown false when the file gave no audiences: each channel's audience is then
     *                       the largest shared count of its edges, a lower bound good only for
     *                       weighting by shared viewers
     * @param nodes          the node file the audiences came from, if one was read
     */
    public record Input(EdgeList edges, boolean audiencesKnown, java.util.Optional<Path> nodes) {
        public Input {
            java.util.Objects.requireNonNull(edges, "edges");
            java.util.Objects.requireNonNull(nodes, "nodes");
        }
    }

    /**
     * Reads either form of edge list: the Athena form ({@link #COLUMNS}), or the analysis's own
     * {@code graph_edges.csv} ({@code source,target,weight,shared}: the weight is ignored and
     * recomputed). For the latter, the audiences and the channels without edges come from the
     * {@value #NODES_FILE} beside it ({@code id,viewers,...}) when there is one; without it the
     * audiences are not known (see {@link Input#audiencesKnown}).
     *
     * @throws EdgeListException naming the file and line of the first defect
     */
    public static Input readAny(Path file) throws IOException {
        List<String> names;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                return new Input(read(file), true, java.util.Optional.empty()); // reports the empty file
            }
            names = fields(header.startsWith("\uFEFF") ? header.substring(1) : header, file.toString(), 1);
        }
        if (indexes(names, COLUMNS) != null || indexes(names, EXPORT_COLUMNS) == null) {
            return new Input(read(file), true, java.util.Optional.empty());
        }
        Path nodes = file.resolveSibling(NODES_FILE);
        return Files.isRegularFile(nodes) ? new Input(readExport(file, nodes), true, java.util.Optional.of(nodes))
                : new Input(readExport(file, null), false, java.util.Optional.empty());
    }

    /** The column index of each of {@code wanted} in {@code names}, or null when one is missing. */
    private static int[] indexes(List<String> names, List<String> wanted) {
        int[] col = new int[wanted.size()];
        for (int c = 0; c < wanted.size(); c++) {
            col[c] = -1;
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).strip().equalsIgnoreCase(wanted.get(c))) {
                    col[c] = i;
                }
            }
            if (col[c] < 0) {
                return null;
            }
        }
        return col;
    }

    /** Our own {@code graph_edges.csv}, audiences from {@code nodes} or (null) the edges' largest shared counts. */
    private static EdgeList readExport(Path file, Path nodes) throws IOException {
        String name = file.toString();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String header = lines.get(0).startsWith("\uFEFF") ? lines.get(0).substring(1) : lines.get(0);
        List<String> names = fields(header, name, 1);
        int[] col = indexes(names, EXPORT_COLUMNS);
        List<Object[]> edges = new ArrayList<>();
        java.util.Map<String, Long> largest = new java.util.HashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            List<String> f = fields(line, name, i + 1);
            if (f.size() != names.size()) {
                throw new EdgeListException(name, i + 1, "expected " + names.size() + " fields, found " + f.size());
            }
            String s = f.get(col[0]).strip().toLowerCase(java.util.Locale.ROOT);
            String t = f.get(col[1]).strip().toLowerCase(java.util.Locale.ROOT);
            long shared = number(f.get(col[2]), "shared", name, i + 1);
            edges.add(new Object[] {i + 1, s, t, shared});
            largest.merge(s, shared, Math::max);
            largest.merge(t, shared, Math::max);
        }
        EdgeRows rows = new EdgeRows(name, false);
        java.util.Map<String, Long> audience = largest;
        if (nodes != null) {
            audience = nodeAudiences(nodes, rows);
        }
        for (Object[] e : edges) {
            int line = (int) e[0];
            String s = (String) e[1];
            String t = (String) e[2];
            for (String c : List.of(s, t)) {
                if (!c.isEmpty() && !audience.containsKey(c)) {
                    throw new EdgeListException(name, line, "channel '" + c + "' is not in " + nodes);
                }
            }
            rows.add(line, s, t, (long) e[3], audience.getOrDefault(s, 0L), audience.getOrDefault(t, 0L));
        }
        return rows.build();
    }

    /** {@code id,viewers} of every row of a node export, each added to {@code rows} as a channel. */
    private static java.util.Map<String, Long> nodeAudiences(Path nodes, EdgeRows rows) throws IOException {
        String name = nodes.toString();
        List<String> lines = Files.readAllLines(nodes, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new EdgeListException(name, 1, "empty file, expected a header with id,viewers");
        }
        String header = lines.get(0).startsWith("\uFEFF") ? lines.get(0).substring(1) : lines.get(0);
        List<String> names = fields(header, name, 1);
        int[] col = indexes(names, List.of("id", "viewers"));
        if (col == null) {
            throw new EdgeListException(name, 1, "missing column(s) id, viewers in header '" + header + "'");
        }
        java.util.Map<String, Long> audience = new java.util.HashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> f = fields(lines.get(i), name, i + 1);
            if (f.size() != names.size()) {
                throw new EdgeListException(name, i + 1, "expected " + names.size() + " fields, found " + f.size());
            }
            String id = f.get(col[0]).strip().toLowerCase(java.util.Locale.ROOT);
            long viewers = number(f.get(col[1]), "viewers", name, i + 1);
            if (id.isEmpty() || viewers < 0 || audience.containsKey(id)) {
                throw new EdgeListException(name, i + 1, id.isEmpty() ? "id is empty"
                        : viewers < 0 ? "viewers must not be negative, was " + viewers : "channel '" + id
                        + "' given twice");
            }
            rows.channel(i + 1, id, viewers);
            audience.put(id, viewers);
        }
        return audience;
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
        EdgeRows rows = new EdgeRows(name, false);
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
            rows.add(lineNo, f.get(col[0]), f.get(col[1]), number(f.get(col[2]), "shared", name, lineNo),
                    number(f.get(col[3]), "source_audience", name, lineNo),
                    number(f.get(col[4]), "target_audience", name, lineNo));
        }
        return rows.build();
    }

    private static long number(String field, String column, String name, int line) {
        String s = field.strip();
        try {
            return Long.parseLong(s);
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
