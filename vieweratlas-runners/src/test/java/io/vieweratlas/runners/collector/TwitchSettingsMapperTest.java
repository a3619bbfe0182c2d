package io.vieweratlas.runners.collector;

import io.vieweratlas.runners.config.Preset;
import io.vieweratlas.runners.config.ViewerAtlasConfig;
import io.vieweratlas.twitch.collector.CollectorSettings;
import io.vieweratlas.twitch.helix.HelixSettings;
import io.vieweratlas.twitch.irc.IrcSettings;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TwitchSettingsMapperTest {

    @Test
    void defaultsMapOntoTheAdapterSettings() {
        ViewerAtlasConfig config = ViewerAtlasConfig.defaults(Preset.fromName("default"));
        HelixSettings helix = TwitchSettingsMapper.helix(config.twitch());
        assertEquals(URI.create("https://api.twitch.tv/helix/"), helix.helixUrl());
        assertEquals(URI.create("https://id.twitch.tv/oauth2/"), helix.authUrl());
        IrcSettings irc = TwitchSettingsMapper.irc(config.twitch());
        assertTrue(irc.tls());
        assertEquals(20, irc.joinLimit());
        assertEquals(Duration.ofSeconds(10), irc.joinWindow());
        assertEquals(100, irc.channelsPerConnection());
        CollectorSettings collector = TwitchSettingsMapper.collector(config.collection(),
                TwitchSettingsMapper.cycleGuard(config.collection().maxCollectionCycles()));
        assertEquals(Duration.ofSeconds(config.collection().windowSeconds()), collector.window());
        assertEquals(config.collection().waitForHourAlignment(), collector.alignToHour());
        assertEquals(Duration.ofMinutes(config.collection().collectionIntervalMinutes()), collector.discoveryInterval());
        assertEquals(Optional.empty(), collector.maxRuntime(), "max_runtime_hours 0 means no limit");
        assertEquals(OptionalInt.of(config.collection().maxCollectionCycles()), collector.maxCycles());
        assertEquals(OptionalInt.empty(), TwitchSettingsMapper.cycleGuard(0));
    }
}
