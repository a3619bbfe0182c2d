package io.vieweratlas.core.analysis.edges;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A channel graph counted elsewhere (e.g. {@code overlap_edges.sql} on Athena): channels sorted by
 * login, each with its audience size, and edges {@code source[e] < target[e]} (indices into
 * {@link #channels()}) with the number of shared viewers, sorted by (source, target).
 *
 * @param channels channel logins, sorted, distinct
 * @param audience distinct viewers per channel
 * @param source   smaller endpoint per edge
 * @param target   larger endpoint per edge
 * @param shared   shared viewers per edge
 */
public record EdgeList(List<String> channels, int[] audience, int[] source, int[] target, int[] shared) {

    public EdgeList {
        channels = List.copyOf(channels);
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(shared, "shared");
        if (audience.length != channels.size()) {
            throw new IllegalArgumentException("audience has " + audience.length + " entries for "
                    + channels.size() + " channels");
        }
        if (source.length != target.length || source.length != shared.length) {
            throw new IllegalArgumentException("edge arrays disagree in length");
        }
        for (int i = 1; i < channels.size(); i++) {
            if (channels.get(i - 1).compareTo(channels.get(i)) >= 0) {
                throw new IllegalArgumentException("channels not sorted and distinct at '" + channels.get(i) + "'");
            }
        }
        for (int e = 0; e < source.length; e++) {
            if (source[e] < 0 || source[e] >= target[e] || target[e] >= channels.size()) {
                throw new IllegalArgumentException("edge " + e + " has endpoints " + source[e] + ", " + target[e]);
            }
            if (e > 0 && (source[e - 1] > source[e] || source[e - 1] == source[e] && target[e - 1] >= target[e])) {
                throw new IllegalArgumentException("edge " + e + " out of order or repeated");
            }
        }
        audience = audience.clone();
        source = source.clone();
        target = target.clone();
        shared = shared.clone();
    }

    /** Number of edges. */
    public int edgeCount() {
        return source.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EdgeList other && channels.equals(other.channels)
                && Arrays.equals(audience, other.audience) && Arrays.equals(source, other.source)
                && Arrays.equals(target, other.target) && Arrays.equals(shared, other.shared);
    }

    @Override
    public int hashCode() {
        return Objects.hash(channels, Arrays.hashCode(audience), Arrays.hashCode(source), Arrays.hashCode(shared));
    }

    @Override
    public String toString() {
        return "EdgeList[" + channels.size() + " channels, " + source.length + " edges]";
    }
}
