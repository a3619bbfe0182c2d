package io.vieweratlas.export;

import io.vieweratlas.core.model.GraphNode;

import java.util.List;

/** Node size on a square-root scale of audience, so that area grows with audience. */
final class NodeSize {
    private final double maxViewers;
    private final double min;
    private final double max;

    NodeSize(List<GraphNode> nodes, double min, double max) {
        int m = 1;
        for (GraphNode n : nodes) {
            m = Math.max(m, n.viewers());
        }
        this.maxViewers = m;
        this.min = min;
        this.max = max;
    }

    double of(GraphNode n) {
        return min + (max - min) * Math.sqrt(Math.max(0, n.viewers()) / maxViewers);
    }
}
