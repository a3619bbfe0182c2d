package io.vieweratlas.runners.collector;

import io.vieweratlas.runners.UsageException;
import io.vieweratlas.runners.config.CollectionConfig;
import io.vieweratlas.runners.config.ConfigResolver;
import io.vieweratlas.runners.config.EnvironmentOverrides;
import io.vieweratlas.runners.config.Preset;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PinnedChannelsTest {

    private static CollectionConfig withTwitchChannels(String value) {
        return new ConfigResolver(Preset.DEFAULT).layer(EnvironmentOverrides.layer(Map.of("TWITCH_CHANNELS", value)))
                .resolve().collection();
    }

    @Test
    void theChannelsFileWinsAndTwitchChannelsFillsInWhenItListsNone() {
        CollectionConfig config = withTwitchChannels("Zeta, @alpha,alpha");
        assertEquals(List.of("filed"), PinnedChannels.of(List.of("filed"), config));
        assertEquals(List.of("alpha", "zeta"), PinnedChannels.of(List.of(), config));
    }

    @Test
    void aValueThatIsNotALoginStopsTheRunNamingTheKey() {
        UsageException e = assertThrows(UsageException.class,
                () -> PinnedChannels.of(List.of(), withTwitchChannels("alpha,not a login")));
        assertTrue(e.getMessage().startsWith("collection.channels (TWITCH_CHANNELS): 'not a login' is not a Twitch"),
                e.getMessage());
    }
}
