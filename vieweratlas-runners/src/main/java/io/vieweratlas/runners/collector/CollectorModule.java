package io.vieweratlas.runners.collector;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import io.vieweratlas.core.port.StreamDirectory;
import io.vieweratlas.runners.UsageException;
import io.vieweratlas.runners.config.ViewerAtlasConfig;
import io.vieweratlas.twitch.auth.MissingCredentialsException;
import io.vieweratlas.twitch.auth.TwitchCredentials;
import io.vieweratlas.twitch.helix.HelixClient;

import java.util.Map;
import java.util.Objects;

/**
 * Binds the collector role on top of the base module: Twitch credentials (from the environment,
 * resolved before the injector so a missing variable is a clean usage error), the Helix client as
 * the {@link StreamDirectory}, and an optional {@link AnalysisTrigger}.
 */
public final class CollectorModule extends AbstractModule {

    private final TwitchCredentials credentials;

    /** @param credentials the Twitch credentials, see {@link #credentials(Map)} */
    public CollectorModule(TwitchCredentials credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /**
     * Reads the Twitch credentials from the environment.
     *
     * @throws UsageException (exit code 2) naming {@code TWITCH_OAUTH_TOKEN} and {@code TWITCH_CLIENT_ID} when missing
     */
    public static TwitchCredentials credentials(Map<String, String> environment) {
        try {
            return TwitchCredentials.fromEnvironment(environment);
        } catch (MissingCredentialsException e) {
            throw new UsageException(e.getMessage());
        }
    }

    @Override
    protected void configure() {
        bind(TwitchCredentials.class).toInstance(credentials);
        OptionalBinder.newOptionalBinder(binder(), AnalysisTrigger.class);
    }

    @Provides
    @Singleton
    HelixClient helixClient(ViewerAtlasConfig config) {
        return HelixClient.create(TwitchSettingsMapper.helix(config.twitch()), credentials);
    }

    @Provides
    StreamDirectory streamDirectory(HelixClient helix) {
        return helix;
    }
}
