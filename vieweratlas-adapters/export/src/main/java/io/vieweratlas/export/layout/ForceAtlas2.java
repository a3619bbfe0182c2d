package io.vieweratlas.export.layout;

import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.GraphEdge;
import io.vieweratlas.core.model.GraphNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * ForceAtlas2 layout (Jacomy et al. 2014) with Barnes–Hut repulsion, LinLog attraction and the
 * adaptive per-node speed of the reference implementation.
 *
 * <p>Communities start apart: each community gets a disc on a sunflower spiral (largest first,
 * radius by the square root of its size), its channels scattered in the disc by a seeded random
 * generator, unassigned channels on an outer ring. LinLog attraction then keeps clusters tight.
 *
 * <p>Deterministic for a seed: forces on each node are summed in a fixed order by one thread (nodes
 * are split across threads, never the sums), and all global sums are serial, so the result does not
 * depend on thread timing or the number of processors.
 */
public final class ForceAtlas2 {

    private static final double GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
    private static final int CHUNKS = 64;

    private final LayoutOptions options;

    /** A layout with {@code options}. */
    public ForceAtlas2(LayoutOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The options in use. */
    public LayoutOptions options() {
        return options;
    }

    /** Lays out the graph of {@code result}: every node gets a position. */
    public GraphLayout layout(AnalysisResult result) {
        List<GraphNode> nodes = result.nodes();
        int n = nodes.size();
        Map<String, Integer> index = new HashMap<>(n * 2);
        int[] community = new int[n];
        for (int i = 0; i < n; i++) {
            index.put(nodes.get(i).id(), i);
            community[i] = nodes.get(i).community();
        }
        List<GraphEdge> edges = result.edges();
        int[] src = new int[edges.size()];
        int[] dst = new int[edges.size()];
        double[] weight = new double[edges.size()];
        int e = 0;
        for (GraphEdge edge : edges) {
            Integer s = index.get(edge.source());
            Integer t = index.get(edge.target());
            if (s == null || t == null || s.equals(t)) {
                continue; // an edge to a channel not in the node list cannot be placed; skip it
            }
            src[e] = s;
            dst[e] = t;
            weight[e] = edge.weight();
            e++;
        }
        double[][] xy = layout(n, community, java.util.Arrays.copyOf(src, e), java.util.Arrays.copyOf(dst, e),
                java.util.Arrays.copyOf(weight, e));
        TreeMap<String, Position> positions = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            positions.put(nodes.get(i).id(), new Position(xy[0][i], xy[1][i]));
        }
        return new GraphLayout(positions);
    }

    /**
     * Lays out a graph given as arrays (for benchmarks and callers without an {@link AnalysisResult}).
     *
     * @param n         number of nodes
     * @param community community of each node, {@code -1} for none
     * @param src       edge sources (node indexes)
     * @param dst       edge targets
     * @param weight    edge weights (non-negative)
     * @return {@code {x[], y[]}}, centred and scaled to {@link GraphLayout#RADIUS}
     */
    public double[][] layout(int n, int[] community, int[] src, int[] dst, double[] weight) {
        if (community.length != n || src.length != dst.length || src.length != weight.length) {
            throw new IllegalArgumentException("array lengths disagree: n=" + n + ", community=" + community.length
                    + ", src=" + src.length + ", dst=" + dst.length + ", weight=" + weight.length);
        }
        double[] x = new double[n];
        double[] y = new double[n];
        if (n == 0) {
            return new double[][]{x, y};
        }
        double[] mass = new double[n];
        for (int i = 0; i < n; i++) {
            mass[i] = 1;
        }
        for (int k = 0; k < src.length; k++) {
            if (src[k] < 0 || src[k] >= n || dst[k] < 0 || dst[k] >= n) {
                throw new IllegalArgumentException("edge " + k + " has a node index outside 0.." + (n - 1));
            }
            mass[src[k]]++;
            mass[dst[k]]++;
        }
        double[] w = normalisedWeights(weight);
        initialPlacement(n, community, x, y);
        run(n, x, y, mass, src, dst, w);
        normalise(n, x, y);
        return new double[][]{x, y};
    }

    /** Weights divided by their mean, raised to the edge-weight influence (1 = linear, 0 = ignore weights). */
    private double[] normalisedWeights(double[] weight) {
        double sum = 0;
        int count = 0;
        for (double v : weight) {
            if (v > 0 && Double.isFinite(v)) {
                sum += v;
                count++;
            }
        }
        double mean = count == 0 ? 1 : sum / count;
        double[] w = new double[weight.length];
        for (int k = 0; k < weight.length; k++) {
            double v = weight[k] > 0 && Double.isFinite(weight[k]) ? weight[k] / mean : 0;
            w[k] = options.edgeWeightInfluence() == 1 ? v : StrictMath.pow(v, options.edgeWeightInfluence());
        }
        return w;
    }

    private void initialPlacement(int n, int[] community, double[] x, double[] y) {
        // Community sizes, ordered largest first (ties by id) so big communities sit near the centre.
        TreeMap<Integer, Integer> sizes = new TreeMap<>();
        int unassigned = 0;
        for (int c : community) {
            if (c < 0) {
                unassigned++;
            } else {
                sizes.merge(c, 1, Integer::sum);
            }
        }
        List<Integer> order = sizes.keySet().stream()
                .sorted((a, b) -> sizes.get(b).equals(sizes.get(a)) ? Integer.compare(a, b)
                        : Integer.compare(sizes.get(b), sizes.get(a)))
                .toList();
        // Each community gets a disc of radius sqrt(size); discs are spread on a sunflower spiral.
        double spacing = 0;
        for (int s : sizes.values()) {
            spacing = Math.max(spacing, Math.sqrt(s));
        }
        spacing = Math.max(spacing, 1) * 2.2;
        Map<Integer, double[]> centre = new HashMap<>();
        for (int k = 0; k < order.size(); k++) {
            double r = spacing * Math.sqrt(k);
            double a = k * GOLDEN_ANGLE;
            centre.put(order.get(k), new double[]{r * Math.cos(a), r * Math.sin(a), Math.sqrt(sizes.get(order.get(k)))});
        }
        double outer = spacing * Math.sqrt(Math.max(order.size(), 1)) + spacing;
        SplittableRandom random = new SplittableRandom(options.seed());
        for (int i = 0; i < n; i++) {
            double angle = random.nextDouble() * 2 * Math.PI;
            double[] c = community[i] >= 0 ? centre.get(community[i]) : null;
            if (c != null) {
                double r = c[2] * Math.sqrt(random.nextDouble());
                x[i] = c[0] + r * Math.cos(angle);
                y[i] = c[1] + r * Math.sin(angle);
            } else {
                double r = outer + Math.sqrt(unassigned) * random.nextDouble();
                x[i] = r * Math.cos(angle);
                y[i] = r * Math.sin(angle);
            }
        }
    }

    private void run(int n, double[] x, double[] y, double[] mass, int[] src, int[] dst, double[] w) {
        double[] fx = new double[n];
        double[] fy = new double[n];
        double[] oldFx = new double[n];
        double[] oldFy = new double[n];
        QuadTree tree = new QuadTree();
        double kr = options.scaling();
        double kg = options.gravity();
        double theta = options.theta();
        boolean linLog = options.linLog();
        boolean strong = options.strongGravity();
        double speed = 1.0;
        double speedEfficiency = 1.0;
        int chunk = Math.max(1, (n + CHUNKS - 1) / CHUNKS);
        int chunks = (n + chunk - 1) / chunk;
        for (int iter = 0; iter < options.iterations(); iter++) {
            double[] swapX = oldFx;
            oldFx = fx;
            fx = swapX;
            double[] swapY = oldFy;
            oldFy = fy;
            fy = swapY;
            java.util.Arrays.fill(fx, 0);
            java.util.Arrays.fill(fy, 0);
            tree.build(x, y, mass, n);
            final double[] rfx = fx;
            final double[] rfy = fy;
            // Repulsion and gravity: each node's force is summed by one thread in a fixed order.
            IntStream.range(0, chunks).parallel().forEach(ch -> {
                int[] stack = new int[tree.stackSize()];
                double[] out = new double[2];
                int end = Math.min(n, (ch + 1) * chunk);
                for (int i = ch * chunk; i < end; i++) {
                    out[0] = 0;
                    out[1] = 0;
                    tree.repulsion(i, x, y, mass, kr, theta, stack, out);
                    double d = Math.sqrt(x[i] * x[i] + y[i] * y[i]);
                    if (d > 0) {
                        double g = strong ? kg * mass[i] : kg * mass[i] / d;
                        out[0] -= x[i] * g;
                        out[1] -= y[i] * g;
                    }
                    rfx[i] = out[0];
                    rfy[i] = out[1];
                }
            });
            // Attraction along edges, serial so that sums per node are in edge order.
            for (int k = 0; k < src.length; k++) {
                int a = src[k];
                int b = dst[k];
                double dx = x[a] - x[b];
                double dy = y[a] - y[b];
                double f;
                if (linLog) {
                    double d = Math.sqrt(dx * dx + dy * dy);
                    if (d == 0) {
                        continue;
                    }
                    f = w[k] * StrictMath.log1p(d) / d;
                } else {
                    f = w[k];
                }
                fx[a] -= dx * f;
                fy[a] -= dy * f;
                fx[b] += dx * f;
                fy[b] += dy * f;
            }
            // Adaptive speed (reference implementation): global swinging versus traction.
            double swinging = 0;
            double traction = 0;
            for (int i = 0; i < n; i++) {
                double sx = oldFx[i] - fx[i];
                double sy = oldFy[i] - fy[i];
                swinging += mass[i] * Math.sqrt(sx * sx + sy * sy);
                double tx = oldFx[i] + fx[i];
                double ty = oldFy[i] + fy[i];
                traction += 0.5 * mass[i] * Math.sqrt(tx * tx + ty * ty);
            }
            if (iter == 0 || swinging == 0 || traction == 0) {
                speed = iter == 0 ? 1.0 : speed;
            } else {
                double estimated = 0.05 * Math.sqrt(n);
                double minJt = Math.sqrt(estimated);
                double jt = Math.max(minJt, Math.min(10, estimated * traction / ((double) n * n)));
                if (swinging / traction > 2.0) {
                    if (speedEfficiency > 0.05) {
                        speedEfficiency *= 0.5;
                    }
                    jt = Math.max(jt, 1.0);
                }
                double target = jt * speedEfficiency * traction / swinging;
                if (swinging > jt * traction) {
                    if (speedEfficiency > 0.05) {
                        speedEfficiency *= 0.7;
                    }
                } else if (speed < 1000) {
                    speedEfficiency *= 1.3;
                }
                speed = speed + Math.min(target - speed, 0.5 * speed);
            }
            for (int i = 0; i < n; i++) {
                double sx = oldFx[i] - fx[i];
                double sy = oldFy[i] - fy[i];
                double swing = iter == 0 ? 0 : mass[i] * Math.sqrt(sx * sx + sy * sy);
                double factor = speed / (1 + Math.sqrt(speed * swing));
                // Cap a single step so that no node jumps across the map.
                double fl = Math.sqrt(fx[i] * fx[i] + fy[i] * fy[i]);
                if (fl * factor > 10 * options.maxStep()) {
                    factor = 10 * options.maxStep() / fl;
                }
                x[i] += fx[i] * factor;
                y[i] += fy[i] * factor;
            }
        }
    }

    private static void normalise(int n, double[] x, double[] y) {
        double cx = 0;
        double cy = 0;
        for (int i = 0; i < n; i++) {
            cx += x[i];
            cy += y[i];
        }
        cx /= n;
        cy /= n;
        double r = 0;
        for (int i = 0; i < n; i++) {
            x[i] -= cx;
            y[i] -= cy;
            r = Math.max(r, Math.sqrt(x[i] * x[i] + y[i] * y[i]));
        }
        double scale = r > 0 ? GraphLayout.RADIUS / r : 1;
        for (int i = 0; i < n; i++) {
            // Rounded to 1/100 so that the exported text is short and stable.
            x[i] = Math.round(x[i] * scale * 100) / 100.0;
            y[i] = Math.round(y[i] * scale * 100) / 100.0;
        }
    }
}
