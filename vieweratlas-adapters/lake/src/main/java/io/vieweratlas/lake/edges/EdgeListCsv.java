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
