package io.vieweratlas.runners.config;

import io.vieweratlas.core.analysis.AnalysisParameters;
import io.vieweratlas.core.analysis.CommunityAlgorithm;
import io.vieweratlas.core.analysis.Weighting;
import io.vieweratlas.core.model.PresencePolicy;
import io.vieweratlas.twitch.irc.ChatLogin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Every configuration key ViewerAtlas knows, with its type, default and allowed values. Keys and
 * sections follow the original project's {@code config.yaml}; new keys extend its sections. The
 * original's keys that were renamed or no longer mean anything are in {@link LegacyKeys}.
 */
public final class ConfigSchema {

    private static final Map<String, Setting> SETTINGS;

    static {
        List<Setting> s = new ArrayList<>();
        // collection: the live collector
        s.add(intKey("collection.top_channels_limit", 5000, 1, 100_000, "top live channels to discover"));
        s.add(boolKey("collection.wait_for_hour_alignment", true, "align windows to the top of the hour"));
        s.add(intKey("collection.collection_interval_minutes", 60, 1, 10_080, "minutes between discovery cycles"));
        s.add(doubleKey("collection.max_runtime_hours", 0, 0, 8_760, "stop after this many hours (0 = no limit)"));
        s.add(intKey("collection.max_collection_cycles", 1, 0, 1_000_000,
                "stop after this many windows (0 = no limit)"));
        s.add(intKey("collection.window_seconds", 3600, 10, 86_400, "length of one presence window"));
        s.add(stringKey("collection.channels_file", "channels.txt", "extra channels to watch, one login per line"));
        s.add(new Setting("collection.channels", SettingType.STRING_LIST, List.of(), Optional.empty(),
                Optional.empty(), List.of(), false,
                "channels to watch when the channels file lists none (the original's TWITCH_CHANNELS)"));
        s.add(boolKey("collection.pseudonymize", false,
                "store viewer logins as keyed HMAC pseudonyms (key from VIEWERATLAS_PSEUDONYM_KEY)"));
        s.add(choiceKey("collection.chat_login", ChatLogin.ANONYMOUS.configValue(),
                Arrays.stream(ChatLogin.values()).map(ChatLogin::configValue).toList(),
                "read chat anonymously (no channel cap) or as the token's user (capped per account)"));
        s.add(intKey("collection.max_channels_per_login", 100, 1, 100_000,
                "channels a logged-in chat account may be in at once (Twitch's cap)"));
        s.add(doubleKey("collection.coverage_alarm_share", 0.95, 0, 1,
                "a window covering fewer wanted channels than this share reports CoverageBelowTarget=1"));
        s.add(boolKey("collection.write_csv_twin", false,
                "also write the original's CSV twin of each snapshot under raw/chatter_logs/"));
        // analysis: defaults and ranges are the analysis parameters' own
        AnalysisParameters d = AnalysisParameters.defaults();
        s.add(stringKey("analysis.output_dir", "community_analysis", "where local exports are written"));
        s.add(intKey("analysis.overlap_threshold", d.overlapThreshold(), 0, Integer.MAX_VALUE,
                "minimum shared viewers for an edge"));
        s.add(intKey("analysis.min_community_size", d.minCommunitySize(), 1, Integer.MAX_VALUE,
                "smaller communities are reported as unassigned"));
        s.add(doubleKey("analysis.resolution", d.resolution(), AnalysisParameters.MIN_RESOLUTION,
                AnalysisParameters.MAX_RESOLUTION, "modularity resolution (higher = more communities)"));
        s.add(intKey("analysis.analysis_interval_cycles", 24, 1, 1_000_000,
                "continuous mode: analyze every N collection windows"));
        s.add(intKey("analysis.min_observations", d.minObservations(), 1, Integer.MAX_VALUE,
                "channels seen in fewer snapshots are dropped"));
        s.add(intKey("analysis.min_channel_viewers", d.minChannelViewers(), 0, Integer.MAX_VALUE,
                "channels with fewer distinct chatters are dropped"));
        s.add(intKey("analysis.max_channels_per_viewer", d.maxChannelsPerViewer(), 0, Integer.MAX_VALUE,
                "accounts present in more channels are dropped as heavy accounts (0 = automatic)"));
        s.add(new Setting("analysis.bots", SettingType.STRING_LIST, d.bots(), Optional.empty(),
                Optional.empty(), List.of(), false, "bot accounts removed before building the graph"));
        s.add(choiceKey("analysis.weighting", d.weighting().wireName(),
                Arrays.stream(Weighting.values()).map(Weighting::wireName).toList(),
                "edge weight formula"));
        s.add(choiceKey("analysis.algorithm", d.algorithm().wireName(),
                Arrays.stream(CommunityAlgorithm.values()).map(CommunityAlgorithm::wireName).toList(),
                "community detection"));
        s.add(new Setting("analysis.seed", SettingType.LONG, d.seed(), Optional.empty(), Optional.empty(), List.of(),
                false, "random seed: same input, config and seed give identical results"));
        s.add(doubleKey("analysis.significance_level", d.significanceLevel(), AnalysisParameters.MIN_SIGNIFICANCE_LEVEL,
                AnalysisParameters.MAX_SIGNIFICANCE_LEVEL,
                "significance weighting: keep edges whose p-value is below this"));
        s.add(choiceKey("analysis.presence", d.presence().name().toLowerCase(Locale.ROOT),
                Arrays.stream(PresencePolicy.values()).map(p -> p.name().toLowerCase(Locale.ROOT)).toList(),
                "strict: only chat authors count; inclusive: JOIN/NAMES presence counts too"));
        s.add(boolKey("analysis.attach_unassigned", d.attachUnassigned(),
                "attach channels with too few shared viewers for an edge to the community most of their "
                        + "viewers watch, when it clearly dominates (statistics: attached_channels)"));
        s.add(boolKey("analysis.split_communities", d.splitCommunities(),
                "split communities whose parts separate clearly better than in random graphs of the same "
                        + "degrees: small communities modularity merged (statistics: split_communities)"));
        s.add(boolKey("analysis.reassign_channels", d.reassignChannels(),
                "move a channel to the community at least twice as many of its viewers watch as its own "
                        + "(statistics: reassigned_channels)"));
        s.add(boolKey("analysis.export_gexf", true, "write graph.gexf (Gephi) into the export directory"));
        s.add(boolKey("analysis.export_graphml", true, "write graph.graphml (igraph, NetworkX)"));
        s.add(boolKey("analysis.export_json", true, "write graph.json (NetworkX node-link)"));
        s.add(boolKey("analysis.export_png", true, "write community_graph.png"));
        s.add(boolKey("analysis.export_html", true, "write community_graph.html (offline interactive map)"));
        s.add(intKey("analysis.png_size", 3000, 500, 10_000, "width and height of community_graph.png in pixels"));
        s.add(intKey("analysis.label_top_n", 20, 0, 1000, "largest channels labelled in community_graph.png"));
        s.add(intKey("analysis.stability_runs", 10, 1, 1000,
                "community detection runs (seeds) for analyze --stability and --calibrate"));
        s.add(doubleKey("analysis.confidence_level", 0.5, 0, 1,
                "channels whose stability confidence is below this are flagged"));
        s.add(doubleKey("analysis.tracking_jaccard", 0.2, 0.01, 1,
                "communities of consecutive windows with at least this member Jaccard share a stable id"));
        s.add(intKey("analysis.window_days", 0, 0, 3650,
                "analyze and the collector's analysis read only the last N days up to now (0 = all history;"
                        + " the role images set 14 so memory stays bounded)"));
        // vod
        s.add(boolKey("vod.enabled", false, "collect VOD chat replays"));
        s.add(intKey("vod.bucket_len_s", 60, 1, 86_400, "presence bucket length in seconds"));
        s.add(boolKey("vod.auto_discover", false, "discover recent VODs of known channels"));
        s.add(intKey("vod.vod_limit_per_channel", 1, 1, 1000, "VODs per channel per UTC day"));
        s.add(intKey("vod.max_age_hours", 24, 0, 100_000, "only VODs younger than this (0 = use max_age_days)"));
        s.add(intKey("vod.max_age_days", 14, 1, 3650, "fallback age limit when max_age_hours is 0"));
        s.add(intKey("vod.min_views", 100, 0, Integer.MAX_VALUE, "skip VODs with fewer views"));
        s.add(intKey("vod.max_vods_per_run", 10, 1, 100_000, "hard stop per run"));
        s.add(doubleKey("vod.max_processing_hours", 2, 0.01, 168, "stop a VOD run after this long"));
        s.add(doubleKey("vod.rate_limit_delay_s", 2, 0, 3600, "delay between replay requests"));
        // storage
        s.add(choiceKey("storage.type", StorageType.FILE.wireName(),
                Arrays.stream(StorageType.values()).map(StorageType::wireName).toList(), "where the lake lives"));
        s.add(stringKey("storage.base_path", "data", "lake directory for file storage"));
        s.add(stringKey("storage.s3_bucket", "", "bucket for s3 storage"));
        s.add(stringKey("storage.s3_prefix", "vieweratlas/", "key prefix inside the bucket"));
        s.add(stringKey("storage.s3_region", "us-east-1", "bucket region"));
        s.add(stringKey("storage.s3_endpoint", "", "custom endpoint (MinIO, LocalStack); empty for AWS"));
        s.add(boolKey("storage.s3_path_style", false, "path-style bucket addressing"));
        // twitch endpoints and chat limits
        s.add(stringKey("twitch.helix_url", "https://api.twitch.tv/helix", "Helix API base URL"));
        s.add(stringKey("twitch.auth_url", "https://id.twitch.tv/oauth2", "OAuth base URL"));
        s.add(stringKey("twitch.irc_uri", "ircs://irc.chat.twitch.tv:6697", "chat server (ircs:// or irc://)"));
        s.add(stringKey("twitch.gql_url", "https://gql.twitch.tv/gql", "VOD chat replay endpoint"));
        s.add(intKey("twitch.join_limit", 20, 1, 10_000, "JOINs allowed per join window per account"));
        s.add(intKey("twitch.join_window_s", 10, 1, 3600, "length of the join rate window"));
        s.add(intKey("twitch.channels_per_connection", 100, 1, 10_000, "channels per chat connection"));
        // top level
        s.add(choiceKey("log_level", "INFO", List.of("TRACE", "DEBUG", "INFO", "WARN", "WARNING", "ERROR"),
                "log level"));

        Map<String, Setting> byPath = new LinkedHashMap<>();
        for (Setting setting : s) {
            byPath.put(setting.path(), setting);
        }
        SETTINGS = Collections.unmodifiableMap(byPath);
    }

    private ConfigSchema() {
    }

    /** Every setting, in documentation order. */
    public static Map<String, Setting> settings() {
        return SETTINGS;
    }

    /** The setting at {@code path}, if it exists. */
    public static Optional<Setting> setting(String path) {
        return Optional.ofNullable(SETTINGS.get(path));
    }

    /** The section names (top-level keys that hold maps). */
    public static SortedSet<String> sections() {
        SortedSet<String> sections = new TreeSet<>();
        SETTINGS.values().forEach(s -> {
            if (!s.section().isEmpty()) {
                sections.add(s.section());
            }
        });
        return sections;
    }

    private static Setting intKey(String path, int def, int min, int max, String doc) {
        return new Setting(path, SettingType.INT, def, Optional.of((double) min), Optional.of((double) max),
                List.of(), false, doc);
    }

    private static Setting doubleKey(String path, double def, double min, double max, String doc) {
        return new Setting(path, SettingType.DOUBLE, def, Optional.of(min), Optional.of(max), List.of(), false, doc);
    }

    private static Setting boolKey(String path, boolean def, String doc) {
        return new Setting(path, SettingType.BOOLEAN, def, Optional.empty(), Optional.empty(), List.of(), false, doc);
    }

    private static Setting stringKey(String path, String def, String doc) {
        return new Setting(path, SettingType.STRING, def, Optional.empty(), Optional.empty(), List.of(), false, doc);
    }

    private static Setting choiceKey(String path, String def, List<String> choices, String doc) {
        return new Setting(path, SettingType.STRING, def, Optional.empty(), Optional.empty(), choices, false, doc);
    }
}
