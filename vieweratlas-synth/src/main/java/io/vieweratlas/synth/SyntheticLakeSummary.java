package io.vieweratlas.synth;

import java.util.List;
import java.util.Objects;

/**
 * What a planned synthetic lake holds, known before any snapshot is generated.
 *
 * @param channels      number of channels
 * @param viewers       number of viewer accounts (bots excluded)
 * @param botAccounts   number of bot accounts that appear (0 without bots)
 * @param memberships   viewer-channel pairs: each viewer counted once per channel whose audience they are in
 * @param snapshots     number of snapshots the lake will yield
 * @param communities   the planted communities, by id (largest first)
 */
public record SyntheticLakeSummary(int channels, int viewers, int botAccounts, long memberships, long snapshots,
                                   List<PlantedCommunity> communities) {

    public SyntheticLakeSummary {
        communities = List.copyOf(Objects.requireNonNull(communities, "communities"));
    }

    /**
     * One planted community.
     *
     * @param id          community id, as in the truth map
     * @param channels    number of its channels
     * @param homeViewers viewers whose home it is
     * @param game        the game most of its channels play
     * @param language    the language most of its channels speak
     */
    public record PlantedCommunity(int id, int channels, int homeViewers, String game, String language) {

        public PlantedCommunity {
            Objects.requireNonNull(game, "game");
            Objects.requireNonNull(language, "language");
        }
    }
}
