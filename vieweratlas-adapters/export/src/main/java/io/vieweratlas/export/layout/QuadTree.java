package io.vieweratlas.export.layout;

import java.util.Arrays;

/**
 * Barnes–Hut quadtree over weighted points, stored in flat arrays so that one tree can be rebuilt
 * every iteration without allocating. Leaves hold one body, except at the depth limit where
 * coincident points share a leaf.
 */
final class QuadTree {

    private static final int MAX_DEPTH = 24;
    private static final int LEAF = -1;

    private int cells;
    private double[] minX = new double[0];
    private double[] minY = new double[0];
    private double[] size = new double[0];
    private double[] mass = new double[0];
    private double[] sumX = new double[0];
    private double[] sumY = new double[0];
    private int[] firstChild = new int[0];
    private int[] head = new int[0];
    private int[] next = new int[0];

    /** Rebuilds the tree over bodies {@code 0..n-1}. */
    void build(double[] x, double[] y, double[] m, int n) {
        ensure(Math.max(16, 4 * n + 8));
        if (next.length < n) {
            next = new int[n];
        }
        double x0 = Double.POSITIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            x0 = Math.min(x0, x[i]);
            y0 = Math.min(y0, y[i]);
            x1 = Math.max(x1, x[i]);
            y1 = Math.max(y1, y[i]);
        }
        double s = Math.max(Math.max(x1 - x0, y1 - y0), 1e-9) * 1.0001;
        cells = 0;
        newCell(x0, y0, s);
        for (int i = 0; i < n; i++) {
            insert(i, x, y, m);
        }
    }

    private void insert(int i, double[] x, double[] y, double[] m) {
        int c = 0;
        int depth = 0;
        while (true) {
            mass[c] += m[i];
            sumX[c] += x[i] * m[i];
            sumY[c] += y[i] * m[i];
            if (firstChild[c] != LEAF) {
                c = firstChild[c] + quadrant(c, x[i], y[i]);
                depth++;
                continue;
            }
            if (head[c] < 0 || depth >= MAX_DEPTH) {
                next[i] = head[c];
                head[c] = i;
                return;
            }
            // A leaf with one body: split it, move that body down, then keep descending with i.
            int j = head[c];
            head[c] = -1;
            double half = size[c] / 2;
            int first = cells;
            newCell(minX[c], minY[c], half);
            newCell(minX[c] + half, minY[c], half);
            newCell(minX[c], minY[c] + half, half);
            newCell(minX[c] + half, minY[c] + half, half);
            firstChild[c] = first;
            int cj = first + quadrant(c, x[j], y[j]);
            mass[cj] = m[j];
            sumX[cj] = x[j] * m[j];
            sumY[cj] = y[j] * m[j];
            next[j] = -1;
            head[cj] = j;
            c = first + quadrant(c, x[i], y[i]);
            depth++;
        }
    }

    private int quadrant(int c, double px, double py) {
        double half = size[c] / 2;
        int q = px >= minX[c] + half ? 1 : 0;
        return py >= minY[c] + half ? q + 2 : q;
    }

    private void newCell(double x0, double y0, double s) {
        if (cells == minX.length) {
            ensure(cells * 2);
        }
        int c = cells++;
        minX[c] = x0;
        minY[c] = y0;
        size[c] = s;
        mass[c] = 0;
        sumX[c] = 0;
        sumY[c] = 0;
        firstChild[c] = LEAF;
        head[c] = -1;
    }

    private void ensure(int capacity) {
        if (minX.length >= capacity) {
            return;
        }
        minX = Arrays.copyOf(minX, capacity);
        minY = Arrays.copyOf(minY, capacity);
        size = Arrays.copyOf(size, capacity);
        mass = Arrays.copyOf(mass, capacity);
        sumX = Arrays.copyOf(sumX, capacity);
        sumY = Arrays.copyOf(sumY, capacity);
        firstChild = Arrays.copyOf(firstChild, capacity);
        head = Arrays.copyOf(head, capacity);
    }

    /**
     * Adds to {@code out[0..1]} the repulsion {@code kr * m_i * m_j / d} on body {@code i} from all
     * others, approximating far cells (size / distance below {@code theta}) by their centre of mass.
     *
     * @param stack scratch space of at least {@link #stackSize()} entries, owned by the caller's thread
     */
    void repulsion(int i, double[] x, double[] y, double[] m, double kr, double theta, int[] stack, double[] out) {
        double xi = x[i];
        double yi = y[i];
        double kmi = kr * m[i];
        double theta2 = theta * theta;
        // Locals, not fields, in the loop: C1 reloads a field on every access.
        double[] mass = this.mass;
        double[] sumX = this.sumX;
        double[] sumY = this.sumY;
        double[] size = this.size;
        int[] firstChild = this.firstChild;
        int[] head = this.head;
        int[] next = this.next;
        double fx = 0;
        double fy = 0;
        int sp = 0;
        stack[sp++] = 0;
        while (sp > 0) {
            int c = stack[--sp];
            double mc = mass[c];
            if (mc == 0) {
                continue;
            }
            if (firstChild[c] == LEAF) {
                for (int j = head[c]; j >= 0; j = next[j]) {
                    if (j == i) {
                        continue;
                    }
                    double dx = xi - x[j];
                    double dy = yi - y[j];
                    double d2 = dx * dx + dy * dy;
                    if (d2 > 0) {
                        double f = kmi * m[j] / d2;
                        fx += dx * f;
                        fy += dy * f;
                    }
                }
                continue;
            }
            double dx = xi - sumX[c] / mc;
            double dy = yi - sumY[c] / mc;
            double d2 = dx * dx + dy * dy;
            double s = size[c];
            if (s * s < theta2 * d2) {
                double f = kmi * mc / d2;
                fx += dx * f;
                fy += dy * f;
            } else {
                int first = firstChild[c];
                stack[sp++] = first;
                stack[sp++] = first + 1;
                stack[sp++] = first + 2;
                stack[sp++] = first + 3;
            }
        }
        out[0] += fx;
        out[1] += fy;
    }

    /** Scratch stack size sufficient for a traversal. */
    int stackSize() {
        return 4 * MAX_DEPTH + 8;
    }
}
