package io.vieweratlas.twitch.helix;

import java.util.List;
import java.util.Objects;

/**
 * Optional filters for the top-streams query; empty lists mean "any".
 *
 * @param languages broadcaster language codes (e.g. {@code en}), at most 100
 * @param gameIds   category ids, at most 100
 */
public record StreamFilter(List<String> languages, List<String> gameIds) {

    /** No filtering. */
    public static final StreamFilter NONE = new StreamFilter(List.of(), List.of());

    public StreamFilter {
        languages = List.copyOf(Objects.requireNonNull(languages, "languages"));
        gameIds = List.copyOf(Objects.requireNonNull(gameIds, "gameIds"));
        if (languages.size() > 100 || gameIds.size() > 100) {
            throw new IllegalArgumentException("Helix accepts at most 100 languages and 100 game ids, got "
                    + languages.size() + " and " + gameIds.size());
        }
        for (String l : languages) {
            if (l == null || l.isBlank()) {
                throw new IllegalArgumentException("language filter contains a blank value: " + languages);
            }
        }
        for (String g : gameIds) {
            if (g == null || g.isBlank()) {
                throw new IllegalArgumentException("game id filter contains a blank value: " + gameIds);
            }
        }
    }
}
