package io.vieweratlas.export.layout;

import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.GraphNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * One stable map for a series of analyses (rolling windows, oldest first): the first window is laid
 * out from scratch, every later one starts from the previous window's positions and relaxes for a
 * few iterations, so that a channel moves only as far as its edges changed. A channel new to the
 * series starts at the mean position of its already placed neighbours (weighted by edge weight),
 * else at the centre of its community's placed members, else on the rim.
 *
 * <p>Each window's positions are centred on their centroid and scaled by their root-mean-square
 * radius rather than the farthest channel, so that one outlier or a slight overall expansion between
 * windows does not move everyone on screen. Deterministic for a seed.
 */
public final class SeriesLayout {

    /** Root-mean-square distance from the centre after scaling (about half of {@link GraphLayout#RADIUS}). */
    static final double RMS_RADIUS = 420;

    private final ForceAtlas2 first;
    private final ForceAtlas2 follow;
    private final long seed;
    private Map<String, double[]> previous = new HashMap<>();

    /**
     * A series layout.
     *
     * @param options          options of the first window's layout (and the seed)
     * @param followIterations iterations for each later window, started from the previous positions
     */
    public SeriesLayout(LayoutOptions options, int followIterations) {
        Objects.requireNonNull(options, "options");
        this.first = new ForceAtlas2(options);
        this.follow = new ForceAtlas2(options.withIterations(followIterations));
        this.seed = options.seed();
    }

    /** Lays out the next window of the series; every node of {@code result} gets a position. */
    public GraphLayout next(AnalysisResult result) {
        List<GraphNode> nodes = result.nodes();
        IndexedGraph g = IndexedGraph.of(result);
        int n = g.n();
        int[] community = g.community();
        int[] src = g.src();
        int[] dst = g.dst();
        double[] weight = g.weight();
        double[][] xy;
        if (previous.isEmpty()) {
            xy = first.unscaled(n, community, src, dst, weight);
        } else {
            double[] x = new double[n];
            double[] y = new double[n];
            seed(nodes, community, src, dst, weight, x, y);
            xy = follow.relax(n, src, dst, weight, x, y);
        }
        Map<String, double[]> now = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            now.put(nodes.get(i).id(), new double[]{xy[0][i], xy[1][i]});
        }
        previous = now;
        return scaled(nodes, xy[0], xy[1]);
    }

    /** Start positions: the previous ones, new channels near their placed neighbours or community. */
    private void seed(List<GraphNode> nodes, int[] community, int[] src, int[] dst, double[] weight,
                      double[] x, double[] y) {
        int n = nodes.size();
        boolean[] placed = new boolean[n];
        double extent = 0;
        for (double[] p : previous.values()) {
            extent = Math.max(extent, Math.hypot(p[0], p[1]));
        }
        for (int i = 0; i < n; i++) {
            double[] p = previous.get(nodes.get(i).id());
            if (p != null) {
                x[i] = p[0];
                y[i] = p[1];
                placed[i] = true;
            }
        }
        double[] sx = new double[n];
        double[] sy = new double[n];
        double[] sw = new double[n];
        for (int k = 0; k < src.length; k++) {
            double w = Math.max(weight[k], 1e-12);
            if (placed[dst[k]] && !placed[src[k]]) {
                sx[src[k]] += x[dst[k]] * w;
                sy[src[k]] += y[dst[k]] * w;
                sw[src[k]] += w;
            }
            if (placed[src[k]] && !placed[dst[k]]) {
                sx[dst[k]] += x[src[k]] * w;
                sy[dst[k]] += y[src[k]] * w;
                sw[dst[k]] += w;
            }
        }
        TreeMap<Integer, double[]> centres = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            if (placed[i] && community[i] >= 0) {
                double[] c = centres.computeIfAbsent(community[i], k -> new double[3]);
                c[0] += x[i];
                c[1] += y[i];
                c[2]++;
            }
        }
        double jitter = Math.max(extent, 1) * 0.01;
        for (int i = 0; i < n; i++) {
            if (placed[i]) {
                continue;
            }
            // Seeded by the channel, not by its position in the list, so a channel's start does not
            // depend on which other channels are new in the same window.
            SplittableRandom r = new SplittableRandom(seed ^ ((long) nodes.get(i).id().hashCode() << 16));
            double[] c = community[i] >= 0 ? centres.get(community[i]) : null;
            if (sw[i] > 0) {
                x[i] = sx[i] / sw[i];
                y[i] = sy[i] / sw[i];
            } else if (c != null) {
                x[i] = c[0] / c[2];
                y[i] = c[1] / c[2];
            } else {
                double a = r.nextDouble() * 2 * Math.PI;
                x[i] = Math.cos(a) * extent * 1.05;
                y[i] = Math.sin(a) * extent * 1.05;
            }
            x[i] += (r.nextDouble() - 0.5) * jitter;
            y[i] += (r.nextDouble() - 0.5) * jitter;
        }
    }

    /** Centred on the centroid, scaled to {@link #RMS_RADIUS}, rounded to 1/100. */
    private static GraphLayout scaled(List<GraphNode> nodes, double[] x, double[] y) {
        int n = nodes.size();
        TreeMap<String, Position> positions = new TreeMap<>();
        if (n == 0) {
            return new GraphLayout(positions);
        }
        Centroid.centre(n, x, y);
        double sq = 0;
        for (int i = 0; i < n; i++) {
            sq += x[i] * x[i] + y[i] * y[i];
        }
        double rms = Math.sqrt(sq / n);
        double scale = rms > 0 ? RMS_RADIUS / rms : 1;
        for (int i = 0; i < n; i++) {
            positions.put(nodes.get(i).id(), new Position(Math.round(x[i] * scale * 100) / 100.0,
                    Math.round(y[i] * scale * 100) / 100.0));
        }
        return new GraphLayout(positions);
    }
}
