package io.vieweratlas.runners.config;

import io.vieweratlas.core.analysis.CommunityAlgorithm;
import io.vieweratlas.core.analysis.Weighting;
import io.vieweratlas.core.model.PresencePolicy;
import io.vieweratlas.core.port.in.GraphExports;
import io.vieweratlas.twitch.irc.ChatLogin;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The whole, checked configuration. Build it with {@link ConfigResolver}; sections mirror the
 * original project's {@code config.yaml}.
 *
 * @param preset     the preset it started from
 * @param collection live collection settings
 * @param analysis   analysis settings
 * @param vod        VOD collection settings
 * @param storage    where the lake lives
 * @param twitch     Twitch endpoints and chat limits
 * @param logLevel   root log level
 * @param origins    for each dotted key, where its value came from (default, preset, file, environment, flag)
 */
public record ViewerAtlasConfig(Preset preset, CollectionConfig collection, AnalysisConfig analysis, VodConfig vod,
                                StorageConfig storage, TwitchConfig twitch, String logLevel,
                                Map<String, String> origins) {

    public ViewerAtlasConfig {
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(vod, "vod");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(twitch, "twitch");
        Objects.requireNonNull(logLevel, "logLevel");
        origins = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(origins));
    }

    /** The built-in defaults of a preset, with no file or environment applied. */
    public static ViewerAtlasConfig defaults(Preset preset) {
        return new ConfigResolver(preset).resolve();
    }

    static ViewerAtlasConfig from(Preset preset, Map<String, Object> v, Map<String, String> origins) {
        @SuppressWarnings("unchecked")
        List<String> channels = (List<String>) v.get("collection.channels");
        CollectionConfig collection = new CollectionConfig(i(v, "collection.top_channels_limit"),
                b(v, "collection.wait_for_hour_alignment"), i(v, "collection.collection_interval_minutes"),
                d(v, "collection.max_runtime_hours"), i(v, "collection.max_collection_cycles"),
                i(v, "collection.window_seconds"), s(v, "collection.channels_file"), channels,
                b(v, "collection.pseudonymize"),
                ChatLogin.parse(s(v, "collection.chat_login")), i(v, "collection.max_channels_per_login"),
                d(v, "collection.coverage_alarm_share"), b(v, "collection.write_csv_twin"));
        @SuppressWarnings("unchecked")
        List<String> bots = (List<String>) v.get("analysis.bots");
        AnalysisConfig analysis = new AnalysisConfig(s(v, "analysis.output_dir"), i(v, "analysis.overlap_threshold"),
                i(v, "analysis.min_community_size"), d(v, "analysis.resolution"),
                i(v, "analysis.analysis_interval_cycles"), i(v, "analysis.min_observations"),
                i(v, "analysis.min_channel_viewers"), i(v, "analysis.max_channels_per_viewer"), bots,
                Weighting.fromWireName(s(v, "analysis.weighting")),
                CommunityAlgorithm.fromWireName(s(v, "analysis.algorithm")), (Long) v.get("analysis.seed"),
                d(v, "analysis.significance_level"),
                PresencePolicy.valueOf(s(v, "analysis.presence").toUpperCase(Locale.ROOT)),
                b(v, "analysis.attach_unassigned"), b(v, "analysis.split_communities"),
                b(v, "analysis.reassign_channels"),
                new GraphExports(b(v, "analysis.export_gexf"), b(v, "analysis.export_graphml"),
                        b(v, "analysis.export_json"), b(v, "analysis.export_png"), b(v, "analysis.export_html"),
                        i(v, "analysis.png_size"), i(v, "analysis.label_top_n")),
                new OverTimeConfig(i(v, "analysis.stability_runs"), d(v, "analysis.confidence_level"),
                        d(v, "analysis.tracking_jaccard"), i(v, "analysis.window_days")));
        VodConfig vod = new VodConfig(b(v, "vod.enabled"), i(v, "vod.bucket_len_s"), b(v, "vod.auto_discover"),
                i(v, "vod.vod_limit_per_channel"), i(v, "vod.max_age_hours"), i(v, "vod.max_age_days"),
                i(v, "vod.min_views"), i(v, "vod.max_vods_per_run"), d(v, "vod.max_processing_hours"),
                d(v, "vod.rate_limit_delay_s"));
        StorageConfig storage = new StorageConfig(StorageType.valueOf(s(v, "storage.type").toUpperCase(Locale.ROOT)), s(v, "storage.base_path"),
                s(v, "storage.s3_bucket"), s(v, "storage.s3_prefix"), s(v, "storage.s3_region"),
                s(v, "storage.s3_endpoint"), b(v, "storage.s3_path_style"));
        TwitchConfig twitch = new TwitchConfig(s(v, "twitch.helix_url"), s(v, "twitch.auth_url"),
                s(v, "twitch.irc_uri"), s(v, "twitch.gql_url"), i(v, "twitch.join_limit"),
                i(v, "twitch.join_window_s"), i(v, "twitch.channels_per_connection"));
        String level = s(v, "log_level");
        return new ViewerAtlasConfig(preset, collection, analysis, vod, storage, twitch,
                level.equals("WARNING") ? "WARN" : level, origins);
    }

    /**
     * The configuration as nested, sorted maps (section → key → value), safe to print or store in
     * a run record: credentials embedded in URLs are redacted.
     */
    public Map<String, Object> toRedactedMap() {
        Map<String, Object> root = new TreeMap<>();
        root.put("preset", preset.cliName());
        put(root, "collection.top_channels_limit", collection.topChannelsLimit());
        put(root, "collection.wait_for_hour_alignment", collection.waitForHourAlignment());
        put(root, "collection.collection_interval_minutes", collection.collectionIntervalMinutes());
        put(root, "collection.max_runtime_hours", collection.maxRuntimeHours());
        put(root, "collection.max_collection_cycles", collection.maxCollectionCycles());
        put(root, "collection.window_seconds", collection.windowSeconds());
        put(root, "collection.channels_file", collection.channelsFile());
        put(root, "collection.channels", collection.channels());
        put(root, "analysis.output_dir", analysis.outputDir());
        put(root, "analysis.overlap_threshold", analysis.overlapThreshold());
        put(root, "analysis.min_community_size", analysis.minCommunitySize());
        put(root, "analysis.resolution", analysis.resolution());
        put(root, "analysis.analysis_interval_cycles", analysis.analysisIntervalCycles());
        put(root, "analysis.min_observations", analysis.minObservations());
        put(root, "analysis.min_channel_viewers", analysis.minChannelViewers());
        put(root, "analysis.max_channels_per_viewer", analysis.maxChannelsPerViewer());
        put(root, "analysis.bots", analysis.bots());
        put(root, "analysis.weighting", analysis.weighting().wireName());
        put(root, "analysis.algorithm", analysis.algorithm().wireName());
        put(root, "analysis.seed", analysis.seed());
        put(root, "analysis.significance_level", analysis.significanceLevel());
        put(root, "analysis.presence", analysis.presence().name().toLowerCase(Locale.ROOT));
        put(root, "analysis.attach_unassigned", analysis.attachUnassigned());
        put(root, "analysis.split_communities", analysis.splitCommunities());
        put(root, "analysis.reassign_channels", analysis.reassignChannels());
        put(root, "analysis.export_gexf", analysis.exports().gexf());
        put(root, "analysis.export_graphml", analysis.exports().graphml());
        put(root, "analysis.export_json", analysis.exports().json());
        put(root, "analysis.export_png", analysis.exports().png());
        put(root, "analysis.export_html", analysis.exports().html());
        put(root, "analysis.png_size", analysis.exports().pngSize());
        put(root, "analysis.label_top_n", analysis.exports().labelTopN());
        put(root, "collection.pseudonymize", collection.pseudonymize());
        put(root, "collection.chat_login", collection.chatLogin().configValue());
        put(root, "collection.max_channels_per_login", collection.maxChannelsPerLogin());
        put(root, "collection.coverage_alarm_share", collection.coverageAlarmShare());
        put(root, "collection.write_csv_twin", collection.writeCsvTwin());
        put(root, "analysis.stability_runs", analysis.overTime().stabilityRuns());
        put(root, "analysis.confidence_level", analysis.overTime().confidenceLevel());
        put(root, "analysis.tracking_jaccard", analysis.overTime().trackingJaccard());
        put(root, "analysis.window_days", analysis.overTime().windowDays());
        put(root, "vod.enabled", vod.enabled());
        put(root, "vod.bucket_len_s", vod.bucketLenS());
        put(root, "vod.auto_discover", vod.autoDiscover());
        put(root, "vod.vod_limit_per_channel", vod.vodLimitPerChannel());
        put(root, "vod.max_age_hours", vod.maxAgeHours());
        put(root, "vod.max_age_days", vod.maxAgeDays());
        put(root, "vod.min_views", vod.minViews());
        put(root, "vod.max_vods_per_run", vod.maxVodsPerRun());
        put(root, "vod.max_processing_hours", vod.maxProcessingHours());
        put(root, "vod.rate_limit_delay_s", vod.rateLimitDelayS());
        put(root, "storage.type", storage.type().wireName());
        put(root, "storage.base_path", storage.basePath());
        put(root, "storage.s3_bucket", storage.s3Bucket());
        put(root, "storage.s3_prefix", storage.s3Prefix());
        put(root, "storage.s3_region", storage.s3Region());
        put(root, "storage.s3_endpoint", Redaction.url(storage.s3Endpoint()));
        put(root, "storage.s3_path_style", storage.s3PathStyle());
        put(root, "twitch.helix_url", Redaction.url(twitch.helixUrl()));
        put(root, "twitch.auth_url", Redaction.url(twitch.authUrl()));
        put(root, "twitch.irc_uri", Redaction.url(twitch.ircUri()));
        put(root, "twitch.gql_url", Redaction.url(twitch.gqlUrl()));
        put(root, "twitch.join_limit", twitch.joinLimit());
        put(root, "twitch.join_window_s", twitch.joinWindowS());
        put(root, "twitch.channels_per_connection", twitch.channelsPerConnection());
        root.put("log_level", logLevel);
        return root;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, String path, Object value) {
        int dot = path.indexOf('.');
        ((Map<String, Object>) root.computeIfAbsent(path.substring(0, dot), k -> new TreeMap<String, Object>()))
                .put(path.substring(dot + 1), value);
    }

    private static int i(Map<String, Object> v, String k) {
        return (Integer) v.get(k);
    }

    private static double d(Map<String, Object> v, String k) {
        return ((Number) v.get(k)).doubleValue();
    }

    private static boolean b(Map<String, Object> v, String k) {
        return (Boolean) v.get(k);
    }

    private static String s(Map<String, Object> v, String k) {
        return (String) v.get(k);
    }
}
