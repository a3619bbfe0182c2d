package io.vieweratlas.export.layout;

/**
 * Moves a layout so that its centroid is the origin, in place: both the single-window layout and the
 * series layout scale around the centre, each by its own measure of spread.
 */
final class Centroid {

    private Centroid() {
    }

    /** Subtracts the mean position of the first {@code n} points from each of them; no-op for {@code n == 0}. */
    static void centre(int n, double[] x, double[] y) {
        if (n == 0) {
            return;
        }
        double cx = 0;
        double cy = 0;
        for (int i = 0; i < n; i++) {
            cx += x[i];
            cy += y[i];
        }
        cx /= n;
        cy /= n;
        for (int i = 0; i < n; i++) {
            x[i] -= cx;
            y[i] -= cy;
        }
    }
}
