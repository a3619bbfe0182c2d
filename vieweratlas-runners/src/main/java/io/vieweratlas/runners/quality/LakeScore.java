package io.vieweratlas.runners.quality;

import io.vieweratlas.core.analysis.PartitionComparison;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.GraphNode;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How one analysis of one planted lake matches the planted truth. Channels that are unassigned, or
 * that the filters removed, count as communities of their own.
 *
 * @param lake              the lake's name
 * @param configuration     the setting's name
 * @param nmi               NMI against the planted partition
 * @param ari               adjusted Rand index against the planted partition
 * @param planted           planted communities
 * @param found             communities found (at least the minimum size)
 * @param disconnected      communities found whose channels are not connected inside the community
 * @param unassigned        channels in no community (below the minimum size, or removed by the filters)
 * @param recovered         planted communities matched by a found one with Jaccard at least {@value #RECOVERED}
 * @param smallestPlanted   channels of the smallest planted community
 * @param smallestRecovered channels of the smallest recovered planted community, 0 when none is
 * @param millis            analysis time in milliseconds (not part of any comparison; machine-dependent)
 * @param layout            where the largest channels sit on the map, for the configurations whose layout is checked
 */
public record LakeScore(String lake, String configuration, double nmi, double ari, int planted, int found,
                        int disconnected, int unassigned, int recovered, int smallestPlanted, int smallestRecovered,
                        double millis, Optional<LayoutSpread> layout) {

    /** Jaccard at which a planted community counts as recovered. */
    public static final double RECOVERED = 0.9;

    public LakeScore {
        Objects.requireNonNull(lake, "lake");
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(layout, "layout");
    }

    /** This score with the layout measurement {@code spread}. */
    LakeScore withLayout(Optional<LayoutSpread> spread) {
        return new LakeScore(lake, configuration, nmi, ari, planted, found, disconnected, unassigned, recovered,
                smallestPlanted, smallestRecovered, millis, spread);
    }

    /**
     * Scores {@code result} against {@code truth}.
     *
     * @param truth planted community per channel of the lake
     */
    public static LakeScore of(String lake, String configuration, AnalysisResult result, Map<String, Integer> truth,
                               double millis) {
        Map<String, String> found = new TreeMap<>();
        int unassigned = 0;
        for (GraphNode n : result.nodes()) {
            if (!truth.containsKey(n.id())) {
                continue; // not a planted channel: cannot happen on a planted lake, ignored rather than scored
            }
            found.put(n.id(), n.assigned() ? "c" + n.community() : "u:" + n.id());
            unassigned += n.assigned() ? 0 : 1;
        }
        for (String ch : truth.keySet()) {
            if (!found.containsKey(ch)) {
                found.put(ch, "u:" + ch);
                unassigned++;
            }
        }
        return of(lake, configuration, found, unassigned, result.communities().size(),
                result.statistics().detection().disconnectedCommunities(), truth, millis);
    }

    /**
     * Scores a partition given as a label per channel of {@code truth} (channels in no community
     * carry a label of their own).
     *
     * @param unassigned   channels in no community
     * @param communities  communities found
     * @param disconnected communities found whose channels are not connected inside the community
     */
    static LakeScore of(String lake, String configuration, Map<String, String> found, int unassigned,
                        int communities, int disconnected, Map<String, Integer> truth, double millis) {
        double nmi = PartitionComparison.nmi(truth, found);
        double ari = PartitionComparison.ari(truth, found);
        SortedMap<Integer, Double> best = PartitionComparison.bestJaccard(truth, found);
        Map<Integer, Integer> size = new HashMap<>();
        truth.values().forEach(c -> size.merge(c, 1, Integer::sum));
        int recovered = 0;
        int smallestRecovered = 0;
        int smallestPlanted = Integer.MAX_VALUE;
        for (Map.Entry<Integer, Double> e : best.entrySet()) {
            int s = size.get(e.getKey());
            smallestPlanted = Math.min(smallestPlanted, s);
            if (e.getValue() >= RECOVERED) {
                recovered++;
                smallestRecovered = smallestRecovered == 0 ? s : Math.min(smallestRecovered, s);
            }
        }
        return new LakeScore(lake, configuration, nmi, ari, size.size(), communities, disconnected, unassigned,
                recovered, smallestPlanted == Integer.MAX_VALUE ? 0 : smallestPlanted, smallestRecovered, millis,
                Optional.empty());
    }
}
