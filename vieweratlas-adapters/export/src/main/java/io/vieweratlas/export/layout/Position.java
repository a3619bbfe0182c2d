package io.vieweratlas.export.layout;

/**
 * A node position in layout space (y grows downwards, as on screen and in Gephi's viz namespace).
 *
 * @param x horizontal coordinate
 * @param y vertical coordinate
 */
public record Position(double x, double y) {
    public Position {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("position must be finite, was (" + x + ", " + y + ")");
        }
    }
}
