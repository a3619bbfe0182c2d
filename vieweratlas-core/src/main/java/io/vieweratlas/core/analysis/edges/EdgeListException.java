package io.vieweratlas.core.analysis.edges;

/** A defect in an edge list file, naming the file and the line (1-based, the header is line 1). */
public final class EdgeListException extends IllegalArgumentException {

    private final String file;
    private final int line;

    /**
     * @param file    the file (or other name) read
     * @param line    1-based line of the defect
     * @param problem what is wrong
     */
    public EdgeListException(String file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /** The file read. */
    public String file() {
        return file;
    }

    /** The 1-based line of the defect. */
    public int line() {
        return line;
    }
}
