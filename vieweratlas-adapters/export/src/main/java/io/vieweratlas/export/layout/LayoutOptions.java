package io.vieweratlas.export.layout;

/**
 * Parameters of {@link ForceAtlas2}.
 *
 * @param seed                 seed of the initial placement
 * @param iterations           number of iterations
 * @param scaling              repulsion strength ({@code kr})
 * @param gravity              gravity strength ({@code kg})
 * @param strongGravity        gravity grows with distance (keeps outliers close)
 * @param linLog               LinLog attraction ({@code log(1 + d)}), which separates clusters more
 * @param theta                Barnes–Hut accuracy (smaller = more exact, slower)
 * @param edgeWeightInfluence  exponent on normalised edge weights (0 ignores weights, 1 is linear)
 * @param maxStep              bound on one node's displacement per iteration, in layout units / 10
 */
public record LayoutOptions(long seed, int iterations, double scaling, double gravity, boolean strongGravity,
                            boolean linLog, double theta, double edgeWeightInfluence, double maxStep) {

    public LayoutOptions {
        if (iterations < 0 || iterations > 100_000) {
            throw new IllegalArgumentException("iterations must be in 0..100000, was " + iterations);
        }
        positive("scaling", scaling);
        if (!(gravity >= 0) || !Double.isFinite(gravity)) {
            throw new IllegalArgumentException("gravity must be >= 0, was " + gravity);
        }
        positive("theta", theta);
        if (!(edgeWeightInfluence >= 0) || edgeWeightInfluence > 4) {
            throw new IllegalArgumentException("edgeWeightInfluence must be in 0..4, was " + edgeWeightInfluence);
        }
        positive("maxStep", maxStep);
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be > 0, was " + v);
        }
    }

    /**
     * Defaults: 50 iterations, LinLog, moderate gravity, theta 1.2, square-root weight influence. From
     * {@link ForceAtlas2}'s start near the equilibrium scale, 50 iterations separate communities at least
     * as well as 200 did from the old, much smaller start (measured in docs/BENCHMARKS.md).
     */
    public static LayoutOptions defaults(long seed) {
        return new LayoutOptions(seed, 50, 2.0, 1.0, false, true, 1.2, 0.5, 100);
    }

    /** A copy with another number of iterations. */
    public LayoutOptions withIterations(int n) {
        return new LayoutOptions(seed, n, scaling, gravity, strongGravity, linLog, theta, edgeWeightInfluence, maxStep);
    }
}
