package io.vieweratlas.runners.quality;

import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.GraphNode;
import io.vieweratlas.export.layout.ForceAtlas2;
import io.vieweratlas.export.layout.GraphLayout;
import io.vieweratlas.export.layout.LayoutOptions;
import io.vieweratlas.export.layout.Position;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Whether the map follows the communities: lays a result out as the PNG and the explorer do
 * ({@link ForceAtlas2} with the default options and the analysis seed) and measures, for every
 * planted community, how far its five largest channels sit from the community's centroid.
 *
 * @param topDistance   mean over planted communities of the mean distance of its five largest
 *                      channels to its centroid, divided by the layout's extent (the larger side of
 *                      its bounding box)
 * @param memberDistance the same for all channels of the community (what "inside" compares with)
 */
public record LayoutSpread(double topDistance, double memberDistance) {

    /** Largest channels per community that are measured. */
    public static final int TOP = 5;

    /** The ratio of the two distances: below 1, the largest channels sit nearer the centre than the average member. */
    public double ratio() {
        return memberDistance == 0 ? 0 : topDistance / memberDistance;
    }

    /**
     * Lays out {@code result} and measures it against the planted {@code truth}.
     *
     * @return empty when the result has no channel of a community with at least {@value #TOP} channels
     */
    public static Optional<LayoutSpread> measure(AnalysisResult result, Map<String, Integer> truth, long seed) {
        GraphLayout layout = new ForceAtlas2(LayoutOptions.defaults(seed)).layout(result);
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (Position p : layout.positions().values()) {
            minX = Math.min(minX, p.x());
            maxX = Math.max(maxX, p.x());
            minY = Math.min(minY, p.y());
            maxY = Math.max(maxY, p.y());
        }
        double extent = Math.max(maxX - minX, maxY - minY);
        TreeMap<Integer, List<GraphNode>> byCommunity = new TreeMap<>();
        for (GraphNode n : result.nodes()) {
            Integer c = truth.get(n.id());
            if (c != null) {
                byCommunity.computeIfAbsent(c, k -> new ArrayList<>()).add(n);
            }
        }
        double top = 0;
        double all = 0;
        int measured = 0;
        for (List<GraphNode> members : byCommunity.values()) {
            if (members.size() < TOP) {
                continue;
            }
            double cx = 0;
            double cy = 0;
            for (GraphNode n : members) {
                Position p = layout.require(n.id());
                cx += p.x();
                cy += p.y();
            }
            cx /= members.size();
            cy /= members.size();
            double sumAll = 0;
            for (GraphNode n : members) {
                Position p = layout.require(n.id());
                sumAll += Math.hypot(p.x() - cx, p.y() - cy);
            }
            List<GraphNode> largest = new ArrayList<>(members);
            largest.sort(Comparator.comparingInt(GraphNode::viewers).reversed().thenComparing(GraphNode::id));
            double sumTop = 0;
            for (GraphNode n : largest.subList(0, TOP)) {
                Position p = layout.require(n.id());
                sumTop += Math.hypot(p.x() - cx, p.y() - cy);
            }
            top += sumTop / TOP / extent;
            all += sumAll / members.size() / extent;
            measured++;
        }
        if (measured == 0 || extent == 0) {
            return Optional.empty();
        }
        return Optional.of(new LayoutSpread(top / measured, all / measured));
    }
}
