package io.vieweratlas.runners.config;

import io.vieweratlas.twitch.irc.ChatLogin;

import java.util.List;

/**
 * Live collection settings (section {@code collection}).
 *
 * @param topChannelsLimit          top live channels to discover
 * @param waitForHourAlignment      align windows to the top of the hour
 * @param collectionIntervalMinutes minutes between discovery cycles
 * @param maxRuntimeHours           stop after this many hours (0 = no limit)
 * @param maxCollectionCycles       stop after this many windows (0 = no limit)
 * @param windowSeconds             length of one presence window
 * @param channelsFile              extra channels to watch, one login per line
 * @param channels                  channels to watch when the channels file lists none (the original's
 *                                  {@code TWITCH_CHANNELS})
 * @param pseudonymize              store viewer logins as keyed pseudonyms (key from {@code VIEWERATLAS_PSEUDONYM_KEY})
 * @param chatLogin                 {@code anonymous} (read chat as {@code justinfan<digits>}, no channel cap) or
 *                                  {@code user} (the token's account, capped at {@code maxChannelsPerLogin})
 * @param maxChannelsPerLogin       channels a logged-in chat account may be in at once (Twitch: 100)
 * @param coverageAlarmShare        share of wanted channels that must be joined; below it the window's
 *                                  {@code CoverageBelowTarget} metric is 1
 * @param writeCsvTwin              also write the original's CSV twin of each snapshot under
 *                                  {@code raw/chatter_logs/}, for readers of the original's files
 */
public record CollectionConfig(int topChannelsLimit, boolean waitForHourAlignment, int collectionIntervalMinutes,
                               double maxRuntimeHours, int maxCollectionCycles, int windowSeconds,
                               String channelsFile, List<String> channels, boolean pseudonymize,
                               ChatLogin chatLogin, int maxChannelsPerLogin, double coverageAlarmShare,
                               boolean writeCsvTwin) {
    public CollectionConfig {
        channels = List.copyOf(channels);
    }
}
