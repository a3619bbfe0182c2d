package io.vieweratlas.core.model;

import java.util.Objects;

/**
 * A channel in the overlap graph.
 *
 * @param id          channel login
 * @param viewers     distinct chatters of the channel in the window after filtering (audience size)
 * @param viewerCount highest viewer count Twitch reported
 * @param game        most frequent game, empty when unknown
 * @param language    most frequent language, empty when unknown
 * @param title       latest title, empty when unknown
 * @param community   community id, or {@link #UNASSIGNED} when its community was below the minimum size
 * @param label       community label, {@code "Unassigned"} for unassigned channels
 */
public record GraphNode(String id, int viewers, long viewerCount, String game, String language, String title,
                        int community, String label) {

    /** Community id of channels in no community. */
    public static final int UNASSIGNED = -1;

    public GraphNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(game, "game");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(label, "label");
        if (community < UNASSIGNED) {
            throw new IllegalArgumentException("community must be >= -1, was " + community);
        }
    }

    /** Whether the channel belongs to a community. */
    public boolean assigned() {
        return community != UNASSIGNED;
    }
}
