package io.vieweratlas.export.layout;

/**
 * Quality measures of a layout against a known partition, used by the tests and to choose the
 * number of iterations:
 * <ul>
 *   <li>{@link #edgeLengthRatio}: weighted mean length of edges inside communities divided by that of
 *       edges between communities (lower is better: communities are tight and apart);</li>
 *   <li>{@link #nearestNeighbourPurity}: share of nodes whose nearest node is in their community;</li>
 *   <li>{@link #spreadToGap}: per community, mean distance of its nodes to its centre divided by the
 *       distance from that centre to the nearest other centre, averaged weighted by size (lower is better).</li>
 *   <li>{@link #barycentreRatio}: mean distance of a node from the weighted barycentre of its
 *       neighbours divided by its mean distance from its community's centre: about 1 for nodes
 *       scattered at random in their community's area, lower once edges have pulled each node
 *       towards its own neighbours (a relaxed layout reflects the graph inside communities too).</li>
 * </ul>
 */
final class LayoutQuality {
    private LayoutQuality() {
    }

    static double edgeLengthRatio(double[][] xy, int[] community, int[] src, int[] dst, double[] weight) {
        double in = 0;
        double inW = 0;
        double out = 0;
        double outW = 0;
        for (int k = 0; k < src.length; k++) {
            double d = Math.hypot(xy[0][src[k]] - xy[0][dst[k]], xy[1][src[k]] - xy[1][dst[k]]);
            if (community[src[k]] >= 0 && community[src[k]] == community[dst[k]]) {
                in += weight[k] * d;
                inW += weight[k];
            } else {
                out += weight[k] * d;
                outW += weight[k];
            }
        }
        return inW == 0 || outW == 0 ? Double.NaN : (in / inW) / (out / outW);
    }

    static double nearestNeighbourPurity(double[][] xy, int[] community) {
        int n = community.length;
        int same = 0;
        for (int i = 0; i < n; i++) {
            int best = -1;
            double bestD = Double.MAX_VALUE;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    double dx = xy[0][i] - xy[0][j];
                    double dy = xy[1][i] - xy[1][j];
                    double d = dx * dx + dy * dy;
                    if (d < bestD) {
                        bestD = d;
                        best = j;
                    }
                }
            }
            if (best >= 0 && community[best] == community[i]) {
                same++;
            }
        }
        return same / (double) n;
    }

    /** Each community's centre (mean position) and size; unassigned nodes (community -1) left out. */
    record Centroids(double[] x, double[] y, int[] count) {
        static Centroids of(double[][] xy, int[] community) {
            int k = 0;
            for (int c : community) {
                k = Math.max(k, c + 1);
            }
            double[] cx = new double[k];
            double[] cy = new double[k];
            int[] count = new int[k];
            for (int i = 0; i < community.length; i++) {
                if (community[i] >= 0) {
                    cx[community[i]] += xy[0][i];
                    cy[community[i]] += xy[1][i];
                    count[community[i]]++;
                }
            }
            for (int c = 0; c < k; c++) {
                if (count[c] > 0) {
                    cx[c] /= count[c];
                    cy[c] /= count[c];
                }
            }
            return new Centroids(cx, cy, count);
        }
    }

    static double spreadToGap(double[][] xy, int[] community) {
        Centroids centres = Centroids.of(xy, community);
        double[] cx = centres.x();
        double[] cy = centres.y();
        int[] count = centres.count();
        int k = count.length;
        double[] spread = new double[k];
        for (int i = 0; i < community.length; i++) {
            int c = community[i];
            if (c >= 0) {
                spread[c] += Math.hypot(xy[0][i] - cx[c], xy[1][i] - cy[c]);
            }
        }
        double sum = 0;
        int total = 0;
        for (int a = 0; a < k; a++) {
            if (count[a] == 0) {
                continue;
            }
            double gap = Double.MAX_VALUE;
            for (int b = 0; b < k; b++) {
                if (b != a && count[b] > 0) {
                    gap = Math.min(gap, Math.hypot(cx[a] - cx[b], cy[a] - cy[b]));
                }
            }
            if (gap == Double.MAX_VALUE) {
                continue;
            }
            sum += spread[a] / Math.max(gap, 1e-9);
            total += count[a];
        }
        return total == 0 ? Double.NaN : sum / total;
    }

    static double barycentreRatio(double[][] xy, int[] community, int[] src, int[] dst, double[] weight) {
        int n = community.length;
        double[] bx = new double[n];
        double[] by = new double[n];
        double[] bw = new double[n];
        for (int k = 0; k < src.length; k++) {
            int a = src[k];
            int b = dst[k];
            bx[a] += weight[k] * xy[0][b];
            by[a] += weight[k] * xy[1][b];
            bw[a] += weight[k];
            bx[b] += weight[k] * xy[0][a];
            by[b] += weight[k] * xy[1][a];
            bw[b] += weight[k];
        }
        Centroids centres = Centroids.of(xy, community);
        double toBary = 0;
        double toCentre = 0;
        for (int i = 0; i < n; i++) {
            int c = community[i];
            if (c < 0 || bw[i] == 0) {
                continue;
            }
            toBary += Math.hypot(xy[0][i] - bx[i] / bw[i], xy[1][i] - by[i] / bw[i]);
            toCentre += Math.hypot(xy[0][i] - centres.x()[c], xy[1][i] - centres.y()[c]);
        }
        return toCentre == 0 ? Double.NaN : toBary / toCentre;
    }
}
