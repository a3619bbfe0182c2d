package io.vieweratlas.runners.collector;

import io.vieweratlas.runners.config.CollectionConfig;
import io.vieweratlas.runners.config.TwitchConfig;
import io.vieweratlas.twitch.collector.CollectorSettings;
import io.vieweratlas.twitch.helix.HelixSettings;
import io.vieweratlas.twitch.irc.ChatLogin;
import io.vieweratlas.twitch.irc.IrcSettings;

import java.time.Duration;
import java.util.OptionalInt;

/** Maps the {@code twitch} and {@code collection} config sections onto the Twitch adapter's settings. */
public final class TwitchSettingsMapper {

    private TwitchSettingsMapper() {
    }

    /** Helix and OAuth endpoints ({@code twitch.helix_url}, {@code twitch.auth_url}). */
    public static HelixSettings helix(TwitchConfig twitch) {
        return HelixSettings.builder().helixUrl(twitch.helixUrl()).authUrl(twitch.authUrl()).build();
    }

    /** Chat server and limits ({@code twitch.irc_uri}, {@code join_limit}, {@code join_window_s}, {@code channels_per_connection}). */
    public static IrcSettings irc(TwitchConfig twitch) {
        return IrcSettings.builder().uri(twitch.ircUri()).joinLimit(twitch.joinLimit())
                .joinWindow(Duration.ofSeconds(twitch.joinWindowS()))
                .channelsPerConnection(twitch.channelsPerConnection()).build();
    }

    /**
     * Chat server and limits, plus the channel cap of a logged-in account
     * ({@code collection.max_channels_per_login}).
     */
    public static IrcSettings irc(TwitchConfig twitch, CollectionConfig collection) {
        return IrcSettings.builder().uri(twitch.ircUri()).joinLimit(twitch.joinLimit())
                .joinWindow(Duration.ofSeconds(twitch.joinWindowS()))
                .channelsPerConnection(twitch.channelsPerConnection())
                .maxChannelsPerLogin(collection.maxChannelsPerLogin()).build();
    }

    /** How chat is read ({@code collection.chat_login}). */
    public static ChatLogin chatLogin(CollectionConfig collection) {
        return collection.chatLogin();
    }

    /**
     * Collector settings from the {@code collection} section.
     *
     * @param collection the section
     * @param maxCycles  the window guard to apply (empty: none); {@code collect} passes
     *                   {@code max_collection_cycles}, {@code continuous} only an explicit flag
     */
    public static CollectorSettings collector(CollectionConfig collection, OptionalInt maxCycles) {
        CollectorSettings.Builder b = CollectorSettings.builder()
                .window(Duration.ofSeconds(collection.windowSeconds()))
                .alignToHour(collection.waitForHourAlignment())
                .discoveryInterval(Duration.ofMinutes(collection.collectionIntervalMinutes()))
                .topChannelsLimit(collection.topChannelsLimit());
        if (collection.maxRuntimeHours() > 0) {
            b.maxRuntime(Duration.ofMillis(Math.round(collection.maxRuntimeHours() * 3_600_000d)));
        }
        maxCycles.ifPresent(b::maxCycles);
        return b.build();
    }

    /** {@code max_collection_cycles} as a guard: 0 means no limit. */
    public static OptionalInt cycleGuard(int maxCollectionCycles) {
        return maxCollectionCycles > 0 ? OptionalInt.of(maxCollectionCycles) : OptionalInt.empty();
    }
}
