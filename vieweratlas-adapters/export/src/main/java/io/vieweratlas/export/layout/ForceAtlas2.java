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
 * ForceAtlas2 layout (Jacomy et al. 2014) with Barnes–Hut repulsion, LinLog attraction and the
 * adaptive per-node speed of the reference implementation.
 *
 * <p>Communities start apart: each community gets a disc on a sunflower spiral (largest first,
 * radius by the square root of its size), its channels scattered in the disc by a seeded random
 * generator, unassigned channels on an outer ring; the whole start is scaled to about a tenth of the
 * radius where repulsion and gravity balance, so iterations relax the communities instead of spending
 * themselves on expanding the layout. LinLog attraction then keeps clusters tight.
 *
 * <p>Deterministic for a seed, whatever the number of threads: the work of each iteration is split
 * into a fixed number of node and edge chunks that depend only on the graph; each chunk writes only
 * its own outputs and partial sums are combined in chunk order, so the result does not depend on
 * thread timing or the number of processors.
 */
public final class ForceAtlas2 {

    private static final double GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
    /** Node chunks per iteration: fixed, so that the work split never depends on the thread count. */
    private static final int NODE_CHUNKS = 64;
    /** At most this many edge chunks, each with its own force arrays (summed per node in chunk order). */
    private static final int EDGE_CHUNKS = 16;
    /** Fewer, larger edge chunks on small graphs, where per-chunk arrays would cost more than they save. */
    private static final int MIN_EDGE_CHUNK = 8192;

    /** Start radius as a share of the equilibrium radius (chosen by measurement, docs/BENCHMARKS.md). */
    private static final double START_FRACTION = 0.09;
    /** Disc radius per sqrt(channel) relative to the spiral spacing unit. */
    private static final double DISC_FRACTION = 1.0 / 3;
    private final LayoutOptions options;
    private final int threads;

    /** A layout with {@code options} on the available processors (at most 64: there are no more chunks). */
    public ForceAtlas2(LayoutOptions options) {
        this(options, Math.min(NODE_CHUNKS, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * A layout with {@code options} on {@code threads} threads; the positions are the same for every
     * thread count.
     */
    public ForceAtlas2(LayoutOptions options, int threads) {
        this.options = Objects.requireNonNull(options, "options");
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("threads must be in 1..1024, was " + threads);
        }
        this.threads = threads;
    }

    /** The options in use. */
    public LayoutOptions options() {
        return options;
    }

    /** Lays out the graph of {@code result}: every node gets a position. */
    public GraphLayout layout(AnalysisResult result) {
        List<GraphNode> nodes = result.nodes();
        IndexedGraph g = IndexedGraph.of(result);
        int n = g.n();
        double[][] xy = layout(n, g.community(), g.src(), g.dst(), g.weight());
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
        double[][] xy = unscaled(n, community, src, dst, weight);
        if (n > 0) {
            normalise(n, xy[0], xy[1]);
        }
        return xy;
    }

    /**
     * As {@link #layout(int, int[], int[], int[], double[])} but in the layout's own units, neither centred
     * nor scaled: the start for {@link #relax}, which continues a layout in those units.
     */
    public double[][] unscaled(int n, int[] community, int[] src, int[] dst, double[] weight) {
        if (community.length != n) {
            throw new IllegalArgumentException("array lengths disagree: n=" + n + ", community=" + community.length);
        }
        double[] x = new double[n];
        double[] y = new double[n];
        if (n == 0) {
            return new double[][]{x, y};
        }
        double[] mass = masses(n, src, dst, weight);
        double[] w = normalisedWeights(weight);
        double totalMass = 0;
        for (int i = 0; i < n; i++) {
            totalMass += mass[i];
        }
        initialPlacement(n, community, totalMass, x, y);
        run(n, x, y, mass, src, dst, w);
        return new double[][]{x, y};
    }

    /**
     * Continues a layout from the positions {@code x}, {@code y} (layout units, as {@link #unscaled} gives
     * them) for this layout's number of iterations, moving them in place: nodes whose edges did not change
     * stay near where they were, so that consecutive layouts of a changing graph can be compared.
     *
     * @return {@code {x, y}}, the arrays given
     */
    public double[][] relax(int n, int[] src, int[] dst, double[] weight, double[] x, double[] y) {
        if (x.length != n || y.length != n) {
            throw new IllegalArgumentException("positions are for " + x.length + "/" + y.length + " nodes, not " + n);
        }
        if (n > 0) {
            run(n, x, y, masses(n, src, dst, weight), src, dst, normalisedWeights(weight));
        }
        return new double[][]{x, y};
    }

    /** ForceAtlas2's mass: 1 + degree; checks the edge arrays. */
    private static double[] masses(int n, int[] src, int[] dst, double[] weight) {
        if (src.length != dst.length || src.length != weight.length) {
            throw new IllegalArgumentException("array lengths disagree: src=" + src.length + ", dst=" + dst.length
                    + ", weight=" + weight.length);
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
        return mass;
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

    /**
     * Communities on a sunflower spiral of discs (largest first), at about a tenth of the radius where
     * repulsion and gravity balance. Starting at that scale matters: from a start far smaller than the
     * equilibrium, most iterations only expand the layout (each step is capped), mixing communities on
     * the way; from this scale the communities stay apart and a few dozen iterations relax them.
     */
    private void initialPlacement(int n, int[] community, double totalMass, double[] x, double[] y) {
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
        // Discs of radius sqrt(size) on a spiral with room for the largest, then scaled as a whole.
        double spacing = 0;
        for (int s : sizes.values()) {
            spacing = Math.max(spacing, Math.sqrt(s));
        }
        spacing = Math.max(spacing, 1) * 2.2;
        double outerCentre = spacing * Math.sqrt(Math.max(order.size() - 1, 1));
        double scale = START_FRACTION * equilibriumRadius(totalMass, outerCentre / START_FRACTION) / outerCentre;
        double disc = scale * DISC_FRACTION;
        Map<Integer, double[]> centre = new HashMap<>();
        for (int k = 0; k < order.size(); k++) {
            double r = spacing * scale * Math.sqrt(k);
            double a = k * GOLDEN_ANGLE;
            centre.put(order.get(k), new double[]{r * Math.cos(a), r * Math.sin(a),
                    disc * Math.sqrt(sizes.get(order.get(k)))});
        }
        double outer = (spacing * Math.sqrt(Math.max(order.size(), 1)) + spacing) * scale;
        SplittableRandom random = new SplittableRandom(options.seed());
        for (int i = 0; i < n; i++) {
            double angle = random.nextDouble() * 2 * Math.PI;
            double[] c = community[i] >= 0 ? centre.get(community[i]) : null;
            if (c != null) {
                double r = c[2] * Math.sqrt(random.nextDouble());
                x[i] = c[0] + r * Math.cos(angle);
                y[i] = c[1] + r * Math.sin(angle);
            } else {
                double r = outer + disc * Math.sqrt(unassigned) * random.nextDouble();
                x[i] = r * Math.cos(angle);
                y[i] = r * Math.sin(angle);
            }
        }
    }

    /**
     * Radius at which gravity holds a node against the repulsion of the whole mass {@code M}:
     * {@code kr M / kg} ({@code sqrt(kr M / kg)} with strong gravity); {@code otherwise} without gravity.
     */
    private double equilibriumRadius(double totalMass, double otherwise) {
        double kr = options.scaling();
        double kg = options.gravity();
        if (kg <= 0) {
            return otherwise;
        }
        return options.strongGravity() ? Math.sqrt(kr * totalMass / kg) : kr * totalMass / kg;
    }

    private void run(int n, double[] x, double[] y, double[] mass, int[] src, int[] dst, double[] w) {
        try (Workers workers = new Workers(threads)) {
            new Run(n, x, y, mass, src, dst, w).iterate(workers);
        }
    }

    /**
     * The state of one layout run. Each iteration has two parallel phases whose tasks each write only
     * their own outputs, then a short serial step:
     * <ol>
     *   <li>task 0 builds the Barnes–Hut tree while the others compute the attraction of one fixed edge
     *       chunk each into that chunk's force arrays;</li>
     *   <li>each fixed node chunk sums, per node, repulsion (from the read-only tree), gravity and the
     *       chunks' attraction in chunk order, and its share of swinging and traction;</li>
     *   <li>serially: global speed from the chunk shares in chunk order, then the moves.</li>
     * </ol>
     * Chunk boundaries depend only on the graph, so the sums, and the positions, are the same for any
     * number of threads.
     */
    private final class Run {
        private final int n;
        private final double[] x;
        private final double[] y;
        private final double[] mass;
        private final int[] src;
        private final int[] dst;
        private final double[] w;
        private final int nodeChunk;
        private final int nodeChunks;
        private final int edgeChunk;
        private final int edgeChunks;
        private final double[][] ax;
        private final double[][] ay;
        private final double[] swingPart;
        private final double[] tractionPart;
        private final QuadTree tree = new QuadTree();
        private final int[][] stacks;
        private double[] fx;
        private double[] fy;
        private double[] oldFx;
        private double[] oldFy;

        Run(int n, double[] x, double[] y, double[] mass, int[] src, int[] dst, double[] w) {
            this.n = n;
            this.x = x;
            this.y = y;
            this.mass = mass;
            this.src = src;
            this.dst = dst;
            this.w = w;
            nodeChunk = Math.max(1, (n + NODE_CHUNKS - 1) / NODE_CHUNKS);
            nodeChunks = (n + nodeChunk - 1) / nodeChunk;
            int m = src.length;
            edgeChunks = Math.max(1, Math.min(EDGE_CHUNKS, (m + MIN_EDGE_CHUNK - 1) / MIN_EDGE_CHUNK));
            edgeChunk = Math.max(1, (m + edgeChunks - 1) / edgeChunks);
            ax = new double[edgeChunks][n];
            ay = new double[edgeChunks][n];
            swingPart = new double[nodeChunks];
            tractionPart = new double[nodeChunks];
            stacks = new int[nodeChunks][];
            fx = new double[n];
            fy = new double[n];
            oldFx = new double[n];
            oldFy = new double[n];
        }

        void iterate(Workers workers) {
            double speed = 1.0;
            double speedEfficiency = 1.0;
            for (int iter = 0; iter < options.iterations(); iter++) {
                double[] swapX = oldFx;
                oldFx = fx;
                fx = swapX;
                double[] swapY = oldFy;
                oldFy = fy;
                fy = swapY;
                workers.run(edgeChunks + 1, this::treeOrAttraction);
                workers.run(nodeChunks, this::forces);
                // Adaptive speed (reference implementation): global swinging versus traction.
                double swinging = 0;
                double traction = 0;
                for (int ch = 0; ch < nodeChunks; ch++) {
                    swinging += swingPart[ch];
                    traction += tractionPart[ch];
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
                move(speed, iter == 0);
            }
        }

        /** Task 0 rebuilds the tree; task {@code c + 1} computes the attraction of edge chunk {@code c}. */
        private void treeOrAttraction(int task) {
            if (task == 0) {
                tree.build(x, y, mass, n);
            } else {
                attraction(task - 1);
            }
        }

        private void attraction(int chunk) {
            double[] cx = ax[chunk];
            double[] cy = ay[chunk];
            java.util.Arrays.fill(cx, 0);
            java.util.Arrays.fill(cy, 0);
            boolean linLog = options.linLog();
            // Locals, not fields, in the loop: C1 reloads a field on every access.
            double[] x = this.x;
            double[] y = this.y;
            int[] src = this.src;
            int[] dst = this.dst;
            double[] w = this.w;
            int end = Math.min(src.length, (chunk + 1) * edgeChunk);
            for (int k = chunk * edgeChunk; k < end; k++) {
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
                    // Math.log is a JIT intrinsic, several times cheaper than StrictMath.log1p (pure
                    // Java): this line runs iterations x edges times (73 M on the large bench graph).
                    f = w[k] * Math.log(1.0 + d) / d;
                } else {
                    f = w[k];
                }
                cx[a] -= dx * f;
                cy[a] -= dy * f;
                cx[b] += dx * f;
                cy[b] += dy * f;
            }
        }

        /** Total force on the nodes of chunk {@code ch}, and the chunk's share of swinging and traction. */
        private void forces(int ch) {
            int[] stack = stacks[ch];
            if (stack == null) {
                stack = new int[tree.stackSize()];
                stacks[ch] = stack;
            }
            double[] out = new double[2];
            double kr = options.scaling();
            double kg = options.gravity();
            double theta = options.theta();
            boolean strong = options.strongGravity();
            double swinging = 0;
            double traction = 0;
            double[] x = this.x;
            double[] y = this.y;
            double[] mass = this.mass;
            double[][] ax = this.ax;
            double[][] ay = this.ay;
            double[] oldFx = this.oldFx;
            double[] oldFy = this.oldFy;
            int end = Math.min(n, (ch + 1) * nodeChunk);
            for (int i = ch * nodeChunk; i < end; i++) {
                out[0] = 0;
                out[1] = 0;
                tree.repulsion(i, x, y, mass, kr, theta, stack, out);
                double d = Math.sqrt(x[i] * x[i] + y[i] * y[i]);
                if (d > 0) {
                    double g = strong ? kg * mass[i] : kg * mass[i] / d;
                    out[0] -= x[i] * g;
                    out[1] -= y[i] * g;
                }
                double sx = out[0];
                double sy = out[1];
                for (int c = 0; c < edgeChunks; c++) {
                    sx += ax[c][i];
                    sy += ay[c][i];
                }
                fx[i] = sx;
                fy[i] = sy;
                double wx = oldFx[i] - sx;
                double wy = oldFy[i] - sy;
                swinging += mass[i] * Math.sqrt(wx * wx + wy * wy);
                double tx = oldFx[i] + sx;
                double ty = oldFy[i] + sy;
                traction += 0.5 * mass[i] * Math.sqrt(tx * tx + ty * ty);
            }
            swingPart[ch] = swinging;
            tractionPart[ch] = traction;
        }

        private void move(double speed, boolean firstIteration) {
            double maxStep = 10 * options.maxStep();
            for (int i = 0; i < n; i++) {
                double sx = oldFx[i] - fx[i];
                double sy = oldFy[i] - fy[i];
                double swing = firstIteration ? 0 : mass[i] * Math.sqrt(sx * sx + sy * sy);
                double factor = speed / (1 + Math.sqrt(speed * swing));
                // Cap a single step so that no node jumps across the map.
                double fl = Math.sqrt(fx[i] * fx[i] + fy[i] * fy[i]);
                if (fl * factor > maxStep) {
                    factor = maxStep / fl;
                }
                x[i] += fx[i] * factor;
                y[i] += fy[i] * factor;
            }
        }
    }

    private static void normalise(int n, double[] x, double[] y) {
        Centroid.centre(n, x, y);
        double r = 0;
        for (int i = 0; i < n; i++) {
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
