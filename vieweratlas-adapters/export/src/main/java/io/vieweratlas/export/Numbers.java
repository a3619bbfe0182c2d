package io.vieweratlas.export;

/** Fixed, locale-free number formatting for output files. */
final class Numbers {

    private Numbers() {
    }

    /** Whole numbers without a fraction ({@code 12}), others as the shortest round-trip decimal ({@code 0.25}). */
    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
