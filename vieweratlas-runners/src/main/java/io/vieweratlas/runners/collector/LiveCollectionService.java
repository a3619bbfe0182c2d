package io.vieweratlas.runners.collector;

import com.google.inject.Inject;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.port.SnapshotStore;
import io.vieweratlas.runners.ProcessEnvironment;
import io.vieweratlas.runners.UsageException;
import io.vieweratlas.runners.config.StorageType;
import io.vieweratlas.runners.config.ViewerAtlasConfig;
import io.vieweratlas.runners.metrics.Heartbeat;
import io.vieweratlas.runners.metrics.Metric;
import io.vieweratlas.runners.metrics.MetricsEmitter;
import io.vieweratlas.twitch.auth.TokenInfo;
import io.vieweratlas.twitch.auth.TwitchCredentials;
import io.vieweratlas.twitch.collector.ChannelsFile;
import io.vieweratlas.twitch.collector.CollectionReport;
import io.vieweratlas.twitch.collector.CollectorListener;
import io.vieweratlas.twitch.collector.CollectorSettings;
import io.vieweratlas.twitch.collector.LiveCollector;
import io.vieweratlas.twitch.collector.SnapshotSpill;
import io.vieweratlas.twitch.helix.HelixClient;
import io.vieweratlas.twitch.irc.ChatLogin;
import io.vieweratlas.twitch.irc.ChatStats;
import io.vieweratlas.twitch.irc.IrcChatClient;
import io.vieweratlas.twitch.irc.IrcIdentity;
import io.vieweratlas.twitch.presence.PresenceAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

/**
 * The live collection use case, one {@link Request} per run: validates the Twitch token, logs in to chat
 * ({@code collection.chat_login}: anonymously by default, which no channel cap limits; or as the
 * token's user, capped at {@code collection.max_channels_per_login}), watches channels until a guard
 * or a stop signal, and records the daily collection state. After every window it writes the
 * coverage metrics. Snapshots the store refuses are spilled to local disk
 * ({@code VIEWERATLAS_SPILL_DIR}, by default a directory per lake under the system temporary
 * directory) and written at the next window, also by the next run. Closes every connection at the end.
 */
public final class LiveCollectionService {
    private static final Logger LOG = LoggerFactory.getLogger(LiveCollectionService.class);

    private final ViewerAtlasConfig config;
    private final TwitchCredentials credentials;
    private final HelixClient helix;
    private final SnapshotStore snapshots;
    private final ObjectStore objects;
    private final Clock clock;

    @Inject
    LiveCollectionService(ViewerAtlasConfig config, TwitchCredentials credentials, HelixClient helix,
                     SnapshotStore snapshots, ObjectStore objects, Clock clock) {
        this.config = config;
        this.credentials = credentials;
        this.helix = helix;
        this.snapshots = snapshots;
        this.objects = objects;
        this.clock = clock;
    }

    /**
     * One collection run.
     *
     * @param settings  windows, guards and discovery limits
     * @param metrics   where the per-window metrics go ({@code ChannelsJoined}, {@code Messages},
     *                  {@code SnapshotsWritten}, {@code SnapshotsFailed} and the coverage figures)
     * @param heartbeat touched after every window (the container's health check)
     */
    public record Request(CollectorSettings settings, MetricsEmitter metrics, Heartbeat heartbeat) {
        public Request {
            java.util.Objects.requireNonNull(settings, "settings");
            java.util.Objects.requireNonNull(metrics, "metrics");
            java.util.Objects.requireNonNull(heartbeat, "heartbeat");
        }
    }

    /**
     * Collects until a guard or SIGTERM/SIGINT, flushing the partial window.
     *
     * @param request what to collect and where its metrics go
     * @param extra   called after every window, after the daily state was updated
     * @return what was collected
     * @throws UsageException when the channels file is unreadable (exit code 2)
     */
    public CollectionReport collect(Request request, CollectorListener extra) {
        CollectorSettings settings = request.settings();
        MetricsEmitter metrics = request.metrics();
        Heartbeat heartbeat = request.heartbeat();
        ChatLogin login;
        try {
            login = TwitchSettingsMapper.chatLogin(config.collection());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Path channelsFile = Path.of(config.collection().channelsFile());
        List<String> pinned = PinnedChannels.of(readChannels(channelsFile), config.collection());
        LOG.info("{} pinned channels from {}", pinned.size(), channelsFile);
        TokenInfo token = helix.validate();
        IrcIdentity identity = chatIdentity(login, token);
        LOG.info("chat login: {}", identity.anonymous() ? "anonymous (" + identity.nick() + "), no channel cap"
                : identity.nick() + ", at most " + config.collection().maxChannelsPerLogin() + " channels at once");
        PresenceAccumulator accumulator = new PresenceAccumulator(clock.instant());
        DailyCollectionState state = new DailyCollectionState(objects);
        SnapshotSpill spill = new FileSnapshotSpill(spillDirectory());
        if (spill.size() > 0) {
            LOG.warn("{} snapshots of an earlier run wait in the spill {}; they are written with the first window",
                    spill.size(), spill.location());
        }
        double alarmShare = config.collection().coverageAlarmShare();
        try (IrcChatClient chat = IrcChatClient.create(TwitchSettingsMapper.irc(config.twitch(), config.collection()),
                identity, accumulator)) {
            AtomicLong messagesBefore = new AtomicLong();
            CollectorListener listener = report -> {
                ChatStats stats = chat.stats();
                LOG.info("chat: {} connections, {} of {} channels joined, {} messages, {} joins sent ({} refused by"
                                + " Twitch), {} reconnects", stats.connections(), stats.joinedChannels(), stats.channels(),
                        stats.messages(), stats.joinsSent(), stats.joinsRefused(), stats.reconnects());
                long messages = stats.messages();
                try {
                    metrics.emit(CoverageMetrics.of(report, alarmShare, List.of(
                            Metric.count("Messages", messages - messagesBefore.getAndSet(messages)),
                            Metric.count("SnapshotsWritten", report.written()),
                            Metric.count("SnapshotsFailed", report.failed()))));
                } catch (RuntimeException e) {
                    LOG.warn("metrics of window {} not written: {}", report.cycle(), e.toString());
                }
                heartbeat.beat();
                try {
                    state.windowClosed(report);
                } finally {
                    extra.windowClosed(report);
                }
            };
            AtomicReference<List<String>> lastGood = new AtomicReference<>(pinned);
            LiveCollector collector = new LiveCollector(settings, helix, chat, accumulator, snapshots,
                    () -> PinnedChannels.of(readChannelsLeniently(channelsFile, lastGood), config.collection()),
                    clock, listener, spill);
            StopSignals signals = StopSignals.install(collector::stop);
            try {
                return collector.run();
            } finally {
                signals.close();
            }
        } finally {
            helix.close();
        }
    }

    /**
     * Anonymous reading sees every message a logged-in one does and is not limited to 100 channels,
     * so it is the default; {@code user} needs a user token whose login the validation named.
     */
    private IrcIdentity chatIdentity(ChatLogin login, TokenInfo token) {
        if (login == ChatLogin.ANONYMOUS) {
            return IrcIdentity.anonymous(RandomGenerator.getDefault());
        }
        if (credentials.usesAppToken() || credentials.userToken().isEmpty() || token.login().isEmpty()) {
            throw new UsageException("collection.chat_login: user needs a user access token in TWITCH_OAUTH_TOKEN"
                    + " (an app token cannot log in to chat); use collection.chat_login: anonymous instead");
        }
        return IrcIdentity.user(token.login().get(), credentials.userToken().get());
    }

    /** {@code VIEWERATLAS_SPILL_DIR}, or a directory per lake under the system temporary directory. */
    private Path spillDirectory() {
        String configured = ProcessEnvironment.variables().get("VIEWERATLAS_SPILL_DIR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.strip());
        }
        var storage = config.storage();
        String lake = storage.type().wireName() + ":" + (storage.type() == StorageType.S3
                ? storage.s3Bucket() + "/" + storage.s3Prefix()
                : Path.of(storage.basePath()).toAbsolutePath().normalize().toString());
        return Path.of(System.getProperty("java.io.tmpdir"), "vieweratlas-spill",
                java.util.HexFormat.of().toHexDigits(lake.hashCode()));
    }

    private static List<String> readChannels(Path file) {
        try {
            return ChannelsFile.read(file);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new UsageException("collection.channels_file: " + e.getMessage());
        }
    }

    /** Re-reads the channels file at each discovery; a broken edit keeps the last good list. */
    private static List<String> readChannelsLeniently(Path file, AtomicReference<List<String>> lastGood) {
        try {
            List<String> read = ChannelsFile.read(file);
            lastGood.set(read);
            return read;
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            LOG.warn("keeping the previous channel list: {}", e.getMessage());
            return lastGood.get();
        }
    }

    /** The configuration in use. */
    public ViewerAtlasConfig config() {
        return Objects.requireNonNull(config);
    }
}
