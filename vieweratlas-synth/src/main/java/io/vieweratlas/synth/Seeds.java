package io.vieweratlas.synth;

import java.util.SplittableRandom;

/**
 * Derives independent random streams from the spec's seed. Each stream is keyed by what it is for
 * and an index (a channel, a block of viewers), so a consumer on any thread gets the same draws.
 */
final class Seeds {

    static final long COMMUNITIES = 1;
    static final long CHANNEL_NAMES = 2;
    static final long CHANNEL_PLAN = 3;
    static final long VIEWER_NAMES = 4;
    static final long VISITS = 5;
    static final long SNAPSHOTS = 6;
    static final long VARIETY = 7;
    static final long HEAVY_NAMES = 8;
    static final long HEAVY_VISITS = 9;

    private Seeds() {
    }

    /** A random stream for {@code purpose} number {@code index} under {@code seed}. */
    static SplittableRandom random(long seed, long purpose, long index) {
        return new SplittableRandom(mix(seed, purpose, index));
    }

    /** SplitMix64 finalizer over the three inputs: nearby inputs give unrelated outputs. */
    static long mix(long seed, long purpose, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + purpose * 0xC2B2AE3D27D4EB4FL + index * 0x165667B19E3779F9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        // One more round so that seed and index cannot cancel each other in the linear combination.
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
