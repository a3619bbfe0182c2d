package io.vieweratlas.core.analysis.stability;

import io.vieweratlas.core.analysis.AnalysisParameters;
import io.vieweratlas.core.analysis.community.CommunityDetector;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.GraphEdge;
import io.vieweratlas.core.model.GraphNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Repeats community detection on the graph of an {@link AnalysisResult} with seeds
 * {@code seed, seed + 1, ..., seed + runs - 1} (the first reproduces the analysis) and measures
 * how much the runs agree. Works from the result alone (its nodes and weighted edges), so it
 * needs no viewer data and can follow any analysis. Deterministic for equal input.
 */
public final class StabilityAnalysis {

    /** Default number of runs. */
    public static final int DEFAULT_RUNS = 10;
    /** Default confidence level below which channels are flagged. */
    public static final double DEFAULT_CONFIDENCE_LEVEL = 0.5;

    private StabilityAnalysis() {
    }

    /**
     * Assesses {@code result}, which was produced with {@code params}.
     *
     * @param runs            detection runs, at least 1
     * @param confidenceLevel in [0, 1]
     */
    public static StabilityReport assess(AnalysisResult result, AnalysisParameters params, int runs,
                                         double confidenceLevel) {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(params, "params");
        if (runs < 1) {
            throw new IllegalArgumentException("stability runs must be >= 1, was " + runs);
        }
        if (!(confidenceLevel >= 0 && confidenceLevel <= 1)) {
            throw new IllegalArgumentException("confidence level must lie in [0, 1], was " + confidenceLevel);
        }
        List<GraphNode> nodes = result.nodes();
        int n = nodes.size();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(nodes.get(i).id(), i);
        }
        List<GraphEdge> edges = result.edges();
        int m = edges.size();
        int[] source = new int[m];
        int[] target = new int[m];
        double[] weight = new double[m];
        for (int e = 0; e < m; e++) {
            GraphEdge edge = edges.get(e);
            int a = requireNode(index, edge.source());
            int b = requireNode(index, edge.target());
            source[e] = Math.min(a, b);
            target[e] = Math.max(a, b);
            weight[e] = edge.weight();
        }
        List<Long> seeds = new ArrayList<>(runs);
        int[][] partitions = new int[runs][];
        for (int r = 0; r < runs; r++) {
            long seed = params.seed() + r;
            seeds.add(seed);
            partitions[r] = CommunityDetector.detect(n, source, target, weight, params.algorithm(),
                    params.resolution(), seed, params.minCommunitySize(), params.splitCommunities()).community();
        }
        double sumAri = 0;
        double minAri = 1;
        double sumNmi = 0;
        double minNmi = 1;
        int pairs = 0;
        for (int r = 0; r < runs; r++) {
            for (int s = r + 1; s < runs; s++) {
                double ari = Agreement.adjustedRand(partitions[r], partitions[s]);
                double nmi = Agreement.nmi(partitions[r], partitions[s]);
                sumAri += ari;
                sumNmi += nmi;
                minAri = Math.min(minAri, ari);
                minNmi = Math.min(minNmi, nmi);
                pairs++;
            }
        }
        int[] reference = new int[n];
        for (int i = 0; i < n; i++) {
            reference[i] = nodes.get(i).community();
        }
        double[] conf = confidence(reference, partitions);
        TreeMap<String, Double> confidence = new TreeMap<>();
        TreeMap<Integer, double[]> perCommunity = new TreeMap<>();
        List<String> low = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (reference[i] < 0) {
                continue;
            }
            String id = nodes.get(i).id();
            confidence.put(id, conf[i]);
            double[] acc = perCommunity.computeIfAbsent(reference[i], k -> new double[2]);
            acc[0] += conf[i];
            acc[1]++;
            if (conf[i] < confidenceLevel) {
                low.add(id);
            }
        }
        TreeMap<Integer, Double> communityConfidence = new TreeMap<>();
        perCommunity.forEach((c, acc) -> communityConfidence.put(c, acc[0] / acc[1]));
        low.sort(null);
        return new StabilityReport(seeds, pairs == 0 ? 1.0 : sumAri / pairs, minAri, pairs == 0 ? 1.0 : sumNmi / pairs,
                minNmi, confidenceLevel, confidence, communityConfidence, low);
    }

    /**
     * Per item: over all runs, the mean share of the other members of its reference block that
     * share its (assigned) block in the run; 1 for members of one-item blocks that stay assigned,
     * {@code NaN} for unassigned reference items.
     */
    static double[] confidence(int[] reference, int[][] runs) {
        int n = reference.length;
        int k = 0;
        for (int c : reference) {
            k = Math.max(k, c + 1);
        }
        int[] size = new int[k];
        for (int c : reference) {
            if (c >= 0) {
                size[c]++;
            }
        }
        double[] sum = new double[n];
        for (int[] run : runs) {
            // for each reference block, how many of its members each run block holds
            Map<Long, Integer> overlap = new HashMap<>();
            for (int i = 0; i < n; i++) {
                if (reference[i] >= 0 && run[i] >= 0) {
                    overlap.merge(((long) reference[i] << 32) | run[i], 1, Integer::sum);
                }
            }
            for (int i = 0; i < n; i++) {
                int c = reference[i];
                if (c < 0) {
                    continue;
                }
                if (run[i] < 0) {
                    continue; // unassigned in this run: with nobody
                }
                if (size[c] == 1) {
                    sum[i] += 1;
                    continue;
                }
                int together = overlap.get(((long) c << 32) | run[i]) - 1;
                sum[i] += (double) together / (size[c] - 1);
            }
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = reference[i] < 0 ? Double.NaN : sum[i] / runs.length;
        }
        return out;
    }

    private static int requireNode(Map<String, Integer> index, String id) {
        Integer i = index.get(id);
        if (i == null) {
            throw new IllegalArgumentException("edge names channel '" + id + "' which is not a node of the result");
        }
        return i;
    }
}
