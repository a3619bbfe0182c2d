package io.vieweratlas.core.model;

import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A detected community with its summary.
 *
 * @param id              community id (0 is the largest community)
 * @param size            number of channels
 * @param label           label by the game/language rules
 * @param channels        member channel logins, sorted
 * @param topChannels     up to ten channels with the largest audiences (ties by login)
 * @param gameShares      share of the community's channels per game (known games only), by game
 * @param languageShares  share of the community's channels per language (known languages only)
 * @param internalWeight  total weight of edges inside the community
 * @param externalWeight  total weight of edges leaving the community
 */
public record Community(int id, int size, String label, List<String> channels, List<String> topChannels,
                        SortedMap<String, Double> gameShares, SortedMap<String, Double> languageShares,
                        double internalWeight, double externalWeight) {
    public Community {
        Objects.requireNonNull(label, "label");
        channels = List.copyOf(channels);
        topChannels = List.copyOf(topChannels);
        gameShares = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(gameShares));
        languageShares = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(languageShares));
        if (size != channels.size()) {
            throw new IllegalArgumentException("community " + id + ": size " + size + " != " + channels.size());
        }
    }
}
