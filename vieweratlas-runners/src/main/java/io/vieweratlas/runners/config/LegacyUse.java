package io.vieweratlas.runners.config;

import java.util.Objects;
import java.util.Optional;

/**
 * What one name of the original did in one configuration: read as its new key, ignored (and why),
 * or overridden because its new key was set too. Its {@link #message()} is the warning a run prints.
 *
 * @param name       the legacy name and its mapping
 * @param location   where it was set ({@code config.yaml:19}, {@code environment})
 * @param value      its value as given, for messages
 * @param outcome    what was done with it
 * @param overridden for {@link Outcome#OVERRIDDEN}, where the new key was set; empty otherwise
 */
public record LegacyUse(LegacyKeys.LegacyName name, String location, String value, Outcome outcome,
                        Optional<String> overridden) {

    /** What was done with a legacy name. */
    public enum Outcome {
        /** Read as its new key. */
        MAPPED,
        /** Accepted and ignored: it means nothing here, or its value sets nothing. */
        IGNORED,
        /** Ignored because its new key was set too: the new key wins. */
        OVERRIDDEN
    }

    public LegacyUse {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(overridden, "overridden");
        if (outcome == Outcome.OVERRIDDEN && overridden.isEmpty()) {
            throw new IllegalArgumentException("an overridden legacy name needs the place of its new key");
        }
    }

    /** The warning: where, which name, what it maps to or why it is ignored. */
    public String message() {
        String where = location + ": " + name.display();
        return switch (outcome) {
            case MAPPED -> where + " is the original's name for '" + name.target().orElseThrow() + "': read as "
                    + name.target().orElseThrow() + " = " + value
                    + (name.note().isEmpty() ? "" : " (" + name.note() + ")") + "; rename it to silence this warning";
            case IGNORED -> where + " is ignored: " + name.note();
            case OVERRIDDEN -> where + " is ignored: '" + name.target().orElseThrow() + "' is also set ("
                    + overridden.orElseThrow() + ") and the new key wins";
        };
    }
}
