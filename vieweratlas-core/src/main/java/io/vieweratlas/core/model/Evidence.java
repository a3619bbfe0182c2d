package io.vieweratlas.core.model;

import java.util.Locale;

/**
 * What put a viewer into a snapshot. A chat message is certain; JOIN and NAMES membership from
 * Twitch IRC is lossy and delayed, so analysis can choose strict (messages only, the original
 * project's behaviour) or inclusive presence.
 */
public enum Evidence {
    /** The viewer sent a chat message (PRIVMSG, or a comment in a VOD replay). */
    MESSAGE,
    /** The viewer's JOIN was seen. */
    JOIN,
    /** The viewer was listed in a NAMES reply (353). */
    NAMES;

    /** The lower-case name stored in the lake. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the value and the allowed names
     */
    public static Evidence fromWireName(String name) {
        for (Evidence e : values()) {
            if (e.wireName().equalsIgnoreCase(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown evidence '" + name + "' (allowed: message, join, names)");
    }
}
