package io.vieweratlas.export.layout;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Positions of the channels of one graph, centred on the origin and scaled so that the farthest
 * node lies at {@link #RADIUS}.
 *
 * @param positions position of each channel, by login
 */
public record GraphLayout(SortedMap<String, Position> positions) {

    /** Distance of the farthest node from the origin after normalisation. */
    public static final double RADIUS = 1000.0;

    public GraphLayout {
        positions = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(positions, "positions")));
    }

    /** The position of {@code id}, if the layout has it. */
    public Optional<Position> position(String id) {
        return Optional.ofNullable(positions.get(id));
    }

    /** The position of {@code id}; fails with a message naming the channel when it is absent. */
    public Position require(String id) {
        Position p = positions.get(id);
        if (p == null) {
            throw new IllegalArgumentException("layout has no position for channel '" + id + "'");
        }
        return p;
    }

    /** Number of positioned channels. */
    public int size() {
        return positions.size();
    }

    /** Convenience for tests and callers that already hold a map. */
    public static GraphLayout of(Map<String, Position> positions) {
        return new GraphLayout(new TreeMap<>(positions));
    }
}
