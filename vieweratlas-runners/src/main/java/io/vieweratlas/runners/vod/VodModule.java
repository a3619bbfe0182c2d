package io.vieweratlas.runners.vod;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.privacy.Pseudonymizer;
import io.vieweratlas.lake.vod.VodQueue;
import io.vieweratlas.runners.config.ViewerAtlasConfig;
import io.vieweratlas.twitch.Sleeper;
import io.vieweratlas.twitch.helix.HelixClient;
import io.vieweratlas.twitch.vod.ChatReplaySource;
import io.vieweratlas.twitch.vod.GqlChatReplayClient;
import io.vieweratlas.twitch.vod.GqlSettings;

import java.lang.management.ManagementFactory;
import java.time.Clock;

/**
 * Binds the VOD collector role on top of the base module and the collector module (which
 * provides Helix and the credentials): the GraphQL chat replay client as the
 * {@link ChatReplaySource}, the shared queue with this process as lease owner, the daily state
 * and the ingest.
 */
public final class VodModule extends AbstractModule {

    @Provides
    @Singleton
    GqlChatReplayClient gqlClient(ViewerAtlasConfig config) {
        return new GqlChatReplayClient(GqlSettings.of(config.twitch().gqlUrl(), config.vod().rateLimitDelayS()),
                Sleeper.SYSTEM);
    }

    @Provides
    ChatReplaySource replaySource(GqlChatReplayClient client) {
        return client;
    }

    @Provides
    @Singleton
    VodQueue queue(ObjectStore store, Clock clock) {
        // host and pid: unique among concurrent workers, and says which one holds a lease
        return new VodQueue(store, clock, ManagementFactory.getRuntimeMXBean().getName());
    }

    @Provides
    @Singleton
    VodIngest ingest(ObjectStore store, ViewerAtlasConfig config, Pseudonymizer pseudonymizer) {
        return new VodIngest(store, config.vod().bucketLenS(), pseudonymizer);
    }

    @Provides
    @Singleton
    VodCollectionService runner(HelixClient helix, ChatReplaySource replays, VodQueue queue, ObjectStore store,
                     VodIngest ingest, Clock clock) {
        return new VodCollectionService(helix, replays, queue, new VodDailyState(store, clock), ingest, clock);
    }
}
