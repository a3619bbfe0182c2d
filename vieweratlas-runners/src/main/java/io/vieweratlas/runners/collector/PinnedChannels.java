package io.vieweratlas.runners.collector;

import io.vieweratlas.runners.UsageException;
import io.vieweratlas.runners.config.CollectionConfig;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The channels a run watches besides the discovered ones: those of the channels file, or, when it
 * lists none, {@code collection.channels} (the original's {@code TWITCH_CHANNELS}, which it read
 * only in that case too).
 */
public final class PinnedChannels {
    private static final Pattern LOGIN = Pattern.compile("[a-z0-9_]{1,25}");

    private PinnedChannels() {
    }

    /**
     * {@code fromFile} when it is not empty, else the configured channels, lower-cased, without a
     * leading {@code @}, sorted and distinct.
     *
     * @throws UsageException naming {@code collection.channels} and the value that is not a login
     */
    public static List<String> of(List<String> fromFile, CollectionConfig collection) {
        Objects.requireNonNull(fromFile, "fromFile");
        Objects.requireNonNull(collection, "collection");
        if (!fromFile.isEmpty()) {
            return fromFile;
        }
        TreeSet<String> logins = new TreeSet<>();
        for (String raw : collection.channels()) {
            String login = raw.strip().toLowerCase(Locale.ROOT);
            if (login.startsWith("@")) {
                login = login.substring(1);
            }
            if (!LOGIN.matcher(login).matches()) {
                throw new UsageException("collection.channels (TWITCH_CHANNELS): '" + raw
                        + "' is not a Twitch channel login (letters, digits, underscore; at most 25)");
            }
            logins.add(login);
        }
        return List.copyOf(logins);
    }
}
