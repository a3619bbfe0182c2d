package io.vieweratlas.core.analysis.label;

import io.vieweratlas.core.model.ChannelMeta;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Stage 5: names a community by the original project's rules, with shares counted over the
 * community's channels (channels with unknown game or language count in the denominator):
 * <ol>
 *   <li>a game held by at least 60 % of the channels: the game, or {@code "game (lang)"} when a
 *       language also reaches 40 %;</li>
 *   <li>else a language held by at least 50 %: {@code "lang-speaking Variety"};</li>
 *   <li>else, with at least two known games: {@code "A / B mix"} of the two most frequent;</li>
 *   <li>else {@code "Variety Community (id)"}.</li>
 * </ol>
 * Ties between equally frequent games or languages go to the alphabetically smaller name.
 */
public final class CommunityLabeler {

    static final double GAME_SHARE = 0.6;
    static final double GAME_LANGUAGE_SHARE = 0.4;
    static final double LANGUAGE_SHARE = 0.5;

    private CommunityLabeler() {
    }

    /**
     * A label and the rule that produced it.
     *
     * @param text the label
     * @param rule {@code game}, {@code game_language}, {@code language_variety}, {@code mix} or {@code variety}
     */
    public record Label(String text, String rule) {
        public Label {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(rule, "rule");
        }
    }

    /** Labels community {@code id} whose channels have metadata {@code members} (non-empty). */
    public static Label label(int id, List<ChannelMeta> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("community " + id + " has no channels");
        }
        int n = members.size();
        SortedMap<String, Integer> games = counts(members, true);
        SortedMap<String, Integer> langs = counts(members, false);
        Map.Entry<String, Integer> topGame = top(games, null);
        Map.Entry<String, Integer> topLang = top(langs, null);
        if (topGame != null && topGame.getValue() >= GAME_SHARE * n) {
            if (topLang != null && topLang.getValue() >= GAME_LANGUAGE_SHARE * n) {
                return new Label(topGame.getKey() + " (" + topLang.getKey() + ")", "game_language");
            }
            return new Label(topGame.getKey(), "game");
        }
        if (topLang != null && topLang.getValue() >= LANGUAGE_SHARE * n) {
            return new Label(topLang.getKey() + "-speaking Variety", "language_variety");
        }
        if (games.size() >= 2) {
            Map.Entry<String, Integer> second = top(games, topGame.getKey());
            return new Label(topGame.getKey() + " / " + second.getKey() + " mix", "mix");
        }
        return new Label("Variety Community (" + id + ")", "variety");
    }

    /** Number of channels per known game ({@code games}) or language, sorted by name. */
    public static SortedMap<String, Integer> counts(List<ChannelMeta> members, boolean games) {
        TreeMap<String, Integer> m = new TreeMap<>();
        for (ChannelMeta c : members) {
            String key = games ? c.game() : c.language();
            if (!key.isEmpty()) {
                m.merge(key, 1, Integer::sum);
            }
        }
        return m;
    }

    // highest count; the map is sorted, so strict '>' keeps the alphabetically first on ties
    private static Map.Entry<String, Integer> top(SortedMap<String, Integer> counts, String except) {
        Map.Entry<String, Integer> best = null;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getKey().equals(except)) {
                continue;
            }
            if (best == null || e.getValue() > best.getValue()) {
                best = e;
            }
        }
        return best;
    }
}
