package io.vieweratlas.core.analysis.edges;

/**
 * A defect in an edge list file, naming the file and the line (1-based, the header of a CSV is
 * line 1) or, for binary formats, the data row.
 */
public final class EdgeListException extends IllegalArgumentException {

    private final String file;
    private final int line;

    /**
     * @param file    the file (or other name) read
     * @param line    1-based line of the defect
     * @param problem what is wrong
     */
    public EdgeListException(String file, int line, String problem) {
        this(file, Integer.toString(line), line, problem);
    }

    /**
     * @param file    the file (or other name) read
     * @param where   the position as shown after {@code file:} (e.g. {@code row 7} for binary formats)
     * @param line    1-based line or row of the defect
     * @param problem what is wrong
     */
    public EdgeListException(String file, String where, int line, String problem) {
        super(file + ":" + (where.startsWith("row") ? " " : "") + where + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /** The file read. */
    public String file() {
        return file;
    }

    /** The 1-based line (or data row) of the defect. */
    public int line() {
        return line;
    }
}
