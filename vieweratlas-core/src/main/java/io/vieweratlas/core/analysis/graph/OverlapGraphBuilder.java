package io.vieweratlas.core.analysis.graph;

import io.vieweratlas.core.analysis.AnalysisParameters;
import io.vieweratlas.core.analysis.Parallel;
import io.vieweratlas.core.analysis.Weighting;
import io.vieweratlas.core.analysis.aggregate.Audiences;
import org.apache.commons.math3.distribution.HypergeometricDistribution;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stage 3: the overlap graph, built from an inverted index (viewer → channels) and never by
 * comparing all channel pairs.
 *
 * <p>Counting is row-wise sparse accumulation (the Gustavson scheme of sparse matrix products):
 * for channel {@code i}, every viewer {@code v} of {@code i} adds one to {@code count[j]} for each
 * other channel {@code j > i} of {@code v}; the touched {@code j} are collected, sorted and turned
 * into edges, then reset. Work is exactly one increment per (viewer, channel pair), the sum over
 * viewers of {@code k(k-1)/2} for {@code k} channels per viewer. Memory is the inverted index
 * (two ints per membership), one cursor per viewer id per index-building thread, one
 * {@code int[channels]} scratch row per thread and the edges: it grows with memberships, viewers
 * and edges, never with channel pairs. The index is built in two passes over the memberships
 * (count, then place), each on all cores, and rows run in parallel on all cores; edges come out
 * in row order, so the result does not depend on scheduling.
 *
 * <p>Why no dense pair matrix: a triangular {@code int} matrix is 50 MB at 5,000 channels and 5 GB at
 * 50,000, and viewer-major increments into it hit a random cache line each; the scratch row of one
 * channel fits in cache (20 KB at 5,000 channels) and gives the same counts; only its touched
 * cells are reset, so a row costs its increments, not the channel count.
 */
public final class OverlapGraphBuilder {

    private OverlapGraphBuilder() {
    }

    /** Builds the graph of {@code audiences} with the threshold and weighting of {@code params}. */
    public static OverlapGraph build(Audiences audiences, AnalysisParameters params) {
        int n = audiences.channelCount();
        int[] off = audiences.offsets();
        int[] mem = audiences.members();
        int space = audiences.viewerIdSpace();
        int total = off[n];
        // The inverted index lists, for every viewer with >= 2 channels (others add no pair), its
        // channels ascending; lists lie in viewer id order. Both passes over the memberships run on
        // all cores, part p taking a contiguous range of channels with about total/parts
        // memberships and its own count per viewer; a viewer's list then holds part 0's channels,
        // then part 1's, ..., so it is ascending whatever the scheduling.
        int parts = Math.max(1, Math.min(Parallel.defaultThreads(), total / 65536));
        int[] from = new int[parts + 1];
        for (int p = 1, c = 0; p < parts; p++) {
            long goal = (long) total * p / parts;
            while (c < n && off[c] < goal) {
                c++;
            }
            from[p] = c;
        }
        from[parts] = n;
        int[][] cursor = new int[parts][];
        AtomicInteger nextPart = new AtomicInteger();
        Parallel.run(parts, () -> {
            for (int p = nextPart.getAndIncrement(); p < parts; p = nextPart.getAndIncrement()) {
                int[] d = new int[space];
                for (int i = off[from[p]], end = off[from[p + 1]]; i < end; i++) {
                    d[mem[i]]++;
                }
                cursor[p] = d;
            }
        });
        int distinct = 0;
        long increments = 0;
        int listed = 0;
        // cursor[p][v] becomes where part p writes its next channel into v's list, -1 when v has
        // fewer than two channels
        int[] last = cursor[parts - 1];
        for (int v = 0; v < space; v++) {
            int d = 0;
            for (int p = 0; p < parts; p++) {
                d += cursor[p][v];
            }
            if (d > 0) {
                distinct++;
                increments += (long) d * (d - 1) / 2;
            }
            if (d >= 2) {
                for (int p = 0; p < parts; p++) {
                    int k = cursor[p][v];
                    cursor[p][v] = listed;
                    listed += k;
                }
            } else {
                for (int p = 0; p < parts; p++) {
                    cursor[p][v] = -1;
                }
            }
        }
        // rowMem[k] is where membership k's channel sits in its viewer's list (-1: the viewer has
        // one channel); the last entry of each list is stored complemented (~c), so counting reads
        // on from its own position without an end
        int[] touchedSum = new int[parts]; // keeps the touching loads (their sum is not used)
        int[] vCh = new int[listed];
        int[] rowMem = new int[total];
        AtomicInteger nextFill = new AtomicInteger();
        Parallel.run(parts, () -> {
            for (int p = nextFill.getAndIncrement(); p < parts; p = nextFill.getAndIncrement()) {
                int[] cur = cursor[p];
                int sink = 0;
                for (int c = from[p]; c < from[p + 1]; c++) {
                    // touch the row's cursors first: independent loads whose cache misses overlap,
                    // where the placing loop below takes them one after another
                    for (int i = off[c], end = off[c + 1]; i < end; i++) {
                        sink += cur[mem[i]];
                    }
                    for (int i = off[c], end = off[c + 1]; i < end; i++) {
                        int v = mem[i];
                        int pos = cur[v];
                        if (pos >= 0) {
                            cur[v] = pos + 1;
                            vCh[pos] = c;
                        }
                        rowMem[i] = pos;
                    }
                }
                touchedSum[p] = sink;
            }
        });
        for (int v = 0; v < space; v++) {
            int e = last[v]; // after the fill, the last part's cursor is the end of v's list
            if (e > 0) {
                vCh[e - 1] = ~vCh[e - 1];
            }
        }

        int threshold = Math.max(1, params.overlapThreshold());
        int[][] rowTargets = new int[n][];
        int[][] rowShared = new int[n][];
        ThreadLocal<int[]> scratch = ThreadLocal.withInitial(() -> new int[n]);
        ThreadLocal<int[]> touchedBuf = ThreadLocal.withInitial(() -> new int[Math.max(16, n)]);
        AtomicInteger next = new AtomicInteger();
        int chunk = 16;
        int tasks = (n + chunk - 1) / chunk;
        Runnable worker = () -> {
            int[] count = scratch.get();
            int[] touched = touchedBuf.get();
            for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) {
                for (int i = t * chunk, end = Math.min(n, i + chunk); i < end; i++) {
                    // touch the row's lists first: these loads do not depend on each other, so the
                    // processor overlaps their cache misses instead of taking them one per list
                    int sink = 0;
                    for (int k = off[i], end2 = off[i + 1]; k < end2; k++) {
                        int p = rowMem[k];
                        if (p >= 0) {
                            sink += vCh[p];
                        }
                    }
                    touched[0] = sink; // keeps the loads; the scratch is overwritten below
                    int nt = 0;
                    for (int k = off[i]; k < off[i + 1]; k++) {
                        int p = rowMem[k];
                        if (p < 0 || vCh[p] < 0) {
                            continue; // single-channel viewer, or i is the viewer's last channel
                        }
                        int j;
                        do {
                            j = vCh[++p];
                            int c = j < 0 ? ~j : j;
                            if (count[c]++ == 0) {
                                touched[nt++] = c;
                            }
                        } while (j >= 0);
                    }
                    // ascending targets: sort the touched cells of a sparse row, scan a dense one
                    if (nt > 0 && (long) nt * (32 - Integer.numberOfLeadingZeros(nt)) > n - i) {
                        nt = 0;
                        for (int j = i + 1; j < n; j++) {
                            if (count[j] != 0) {
                                touched[nt++] = j;
                            }
                        }
                    } else {
                        Arrays.sort(touched, 0, nt);
                    }
                    int kept = 0;
                    for (int q = 0; q < nt; q++) {
                        if (count[touched[q]] >= threshold) {
                            kept++;
                        }
                    }
                    int[] tg = new int[kept];
                    int[] sh = new int[kept];
                    int w = 0;
                    for (int q = 0; q < nt; q++) {
                        int j = touched[q];
                        if (count[j] >= threshold) {
                            tg[w] = j;
                            sh[w++] = count[j];
                        }
                        count[j] = 0;
                    }
                    rowTargets[i] = tg;
                    rowShared[i] = sh;
                }
            }
        };
        int threads = Math.max(1, Math.min(Parallel.defaultThreads(), tasks));
        Parallel.run(threads, worker);
        int edges = 0;
        for (int i = 0; i < n; i++) {
            edges += rowTargets[i].length;
        }
        int[] src = new int[edges];
        int[] dst = new int[edges];
        int[] shared = new int[edges];
        int e = 0;
        for (int i = 0; i < n; i++) {
            int[] tg = rowTargets[i];
            for (int q = 0; q < tg.length; q++) {
                src[e] = i;
                dst[e] = tg[q];
                shared[e++] = rowShared[i][q];
            }
        }
        String counting = "row-wise sparse accumulation over an inverted index (scratch row of " + n
                + " ints per thread)";
        return weigh(audiences.channelCount(), audiences::audienceSize, params, src, dst, shared, distinct,
                increments, counting);
    }

    /**
     * Weighs edges by the configured weighting; for significance, keeps only the edges whose
     * hypergeometric p-value is below the level (weight = -log10 p). Shared by the lake analysis and
     * by external edge lists ({@link ExternalEdges}).
     *
     * @param audience distinct viewers by channel index
     * @param viewers  distinct viewers in the analysis (used by significance only)
     */
    static OverlapGraph weigh(int nodes, IntUnaryOperator audience, AnalysisParameters params, int[] src,
                              int[] dst, int[] shared, int viewers, long increments, String counting) {
        int m = src.length;
        double[] weight = new double[m];
        Weighting w = params.weighting();
        if (w != Weighting.SIGNIFICANCE) {
            for (int e = 0; e < m; e++) {
                int s = shared[e];
                int x = audience.applyAsInt(src[e]);
                int y = audience.applyAsInt(dst[e]);
                weight[e] = switch (w) {
                    case SHARED -> s;
                    case JACCARD -> (double) s / (x + y - s);
                    case OVERLAP -> (double) s / Math.min(x, y);
                    case SIGNIFICANCE -> throw new AssertionError();
                };
            }
            return new OverlapGraph(nodes, src, dst, shared, weight, increments, counting);
        }
        double logLevel = Math.log10(params.significanceLevel());
        int kept = 0;
        for (int e = 0; e < m; e++) {
            int x = audience.applyAsInt(src[e]);
            int y = audience.applyAsInt(dst[e]);
            // At or below the mean s is at most the median (a hypergeometric median is the mean rounded
            // down or up; Siegel, "Median bounds and their application", J. Algorithms 38, 2001), so
            // p >= 1/2: never significant, since the level is at most 1/2. Summing those tails
            // (between large channels the mean is in the hundreds) was most of the graph's time.
            if (shared[e] <= (double) x * y / viewers) {
                continue;
            }
            // the tail is at least its first term: when that alone reaches the level, the edge is
            // not significant
            if (Significance.logProbability(viewers, x, y, shared[e]) >= logLevel * LN_10) {
                continue;
            }
            double log10p = Significance.log10UpperTail(viewers, x, y, shared[e]);
            if (log10p < logLevel) {
                src[kept] = src[e];
                dst[kept] = dst[e];
                shared[kept] = shared[e];
                weight[kept++] = -log10p;
            }
        }
        return new OverlapGraph(nodes, Arrays.copyOf(src, kept), Arrays.copyOf(dst, kept),
                Arrays.copyOf(shared, kept), Arrays.copyOf(weight, kept), increments, counting);
    }

    private static final double LN_10 = Math.log(10);

    /** Hypergeometric upper tail in log space. */
    static final class Significance {
        private static final int TABLE = 256;
        /** {@code ln n!} for small {@code n}, where Stirling's series is not yet accurate. */
        private static final double[] LOG_FACTORIAL = new double[TABLE];

        static {
            for (int n = 1; n < TABLE; n++) {
                LOG_FACTORIAL[n] = LOG_FACTORIAL[n - 1] + Math.log(n);
            }
        }

        private Significance() {
        }

        /**
         * {@code log10 P(X >= s)} for {@code X ~ Hypergeometric(population, successes, draws)}.
         * Above the mean the tail is summed from {@code s} upwards by the ratio of consecutive terms
         * relative to the first, so it never underflows; the first term's log comes from log
         * factorials (Stirling's series past a small table), a few floating-point operations where
         * Commons Math's saddle-point expansion took most of a significance-weighted graph's time.
         * At or below the mean Commons Math sums the tail directly.
         */
        static double log10UpperTail(int population, int successes, int draws, int s) {
            double mean = (double) successes * draws / population;
            if (s <= mean) {
                HypergeometricDistribution d = new HypergeometricDistribution(null, population, successes, draws);
                return Math.log10(Math.min(1.0, d.upperCumulativeProbability(s)));
            }
            int upper = Math.min(successes, draws);
            if (s > upper) {
                return Double.NEGATIVE_INFINITY;
            }
            double logFirst = logProbability(population, successes, draws, s);
            double sum = 1.0;
            double term = 1.0;
            for (int x = s; x < upper; x++) {
                term *= (double) (successes - x) * (draws - x)
                        / ((double) (x + 1) * (population - successes - draws + x + 1));
                sum += term;
                if (term < sum * 1e-12) {
                    break;
                }
            }
            return (logFirst + Math.log(sum)) / Math.log(10);
        }

        /** {@code ln P(X = s)}: {@code ln [C(K, s) C(N - K, n - s) / C(N, n)]}. */
        static double logProbability(int population, int successes, int draws, int s) {
            return logChoose(successes, s) + logChoose(population - successes, draws - s)
                    - logChoose(population, draws);
        }

        private static double logChoose(int n, int k) {
            return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
        }

        /** {@code ln n!}: a table below 256, Stirling's series above (error below 1e-14 there). */
        static double logFactorial(int n) {
            if (n < TABLE) {
                return LOG_FACTORIAL[n];
            }
            double x = n;
            double inv = 1.0 / x;
            double inv2 = inv * inv;
            return x * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI * x)
                    + inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260)));
        }
    }
}
