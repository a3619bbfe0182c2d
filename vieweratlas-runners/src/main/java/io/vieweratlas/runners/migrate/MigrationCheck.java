package io.vieweratlas.runners.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vieweratlas.core.model.LoadReport;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.filesystem.FileSystemObjectStore;
import io.vieweratlas.lake.LakeLayout;
import io.vieweratlas.lake.LakeSnapshotStore;
import io.vieweratlas.lake.SnapshotKey;
import io.vieweratlas.runners.config.ConfigException;
import io.vieweratlas.runners.config.ConfigLayer;
import io.vieweratlas.runners.config.ConfigResolver;
import io.vieweratlas.runners.config.ConfigSchema;
import io.vieweratlas.runners.config.EnvironmentOverrides;
import io.vieweratlas.runners.config.LegacyKeys;
import io.vieweratlas.runners.config.LegacyUse;
import io.vieweratlas.runners.config.Preset;
import io.vieweratlas.runners.config.ViewerAtlasConfig;
import io.vieweratlas.runners.config.YamlConfigFile;
import io.vieweratlas.twitch.collector.ChannelsFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads an installation of the original project — its config file, its {@code .env}, its lake
 * directory, its channels file and VOD queue — and reports what carries over, what is mapped, what is
 * ignored and what will not load. It only reads: the lake is opened through a {@link ReadOnlyObjectStore}
 * and no file is created or changed.
 *
 * <p>Relative paths of the original (its lake {@code logs}, {@code channels.txt}, {@code vod_queue.json},
 * {@code vod_raw}) resolve against the directory it ran in, the {@link Request#home() home}.
 */
public final class MigrationCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CURATED_VOD = Pattern.compile(
            "curated/presence_snapshots/source=vod/channel=([^/]+)/vod=([^/]+)/[^/]+\\.(parquet|json)");
    private static final Pattern LOCAL_VOD = Pattern.compile(
            "vod_snapshots/([^/]+)/([^/]+)/(part-[^/]*\\.parquet|snapshot_[^/]*\\.json)");
    private static final Pattern DOTENV = Pattern.compile("\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=(.*)");
    private static final int LISTED = 20;

    /**
     * What to check.
     *
     * @param config      the original's config file ({@code config/config.yaml}), if any
     * @param lake        the original's lake directory; empty to take it from the config and environment
     * @param home        the directory the original ran in
     * @param environment the process environment (the original's {@code .env} in {@code home} fills in what it lacks)
     */
    public record Request(Optional<Path> config, Optional<Path> lake, Path home, Map<String, String> environment) {
        public Request {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(lake, "lake");
            Objects.requireNonNull(home, "home");
            environment = Map.copyOf(environment);
        }
    }

    private MigrationCheck() {
    }

    /**
     * Checks the installation.
     *
     * @throws IllegalArgumentException when the lake directory does not exist
     */
    public static MigrationReport check(Request request) {
        Objects.requireNonNull(request, "request");
        List<Finding> findings = new ArrayList<>();
        Map<String, String> dotenv = readDotenv(request.home().resolve(".env"), findings);
        Map<String, String> environment = new TreeMap<>(dotenv);
        environment.putAll(request.environment());
        Optional<ConfigLayer> layer = request.config().flatMap(file -> readConfig(file, findings));
        Optional<ViewerAtlasConfig> config = resolve(layer.orElseGet(() -> new ConfigLayer("(no config file)",
                Map.of())), environment, dotenv, findings);
        environmentFindings(environment, dotenv, findings);
        Path lake = request.lake().orElseGet(() -> request.home().resolve(config.map(c -> c.storage().basePath())
                .filter(p -> !p.equals(ConfigSchema.setting("storage.base_path").orElseThrow().defaultValue()))
                .orElse(environment.getOrDefault("LOGS_DIR", "logs"))));
        if (!Files.isDirectory(lake)) {
            throw new IllegalArgumentException("no lake directory at " + lake.toAbsolutePath()
                    + (Files.exists(lake) ? " (it is not a directory)" : " (it does not exist)"));
        }
        checkLake(lake, findings);
        Map<String, Object> file = layer.map(l -> flatten(l.values())).orElse(Map.of());
        String channelsFile = config.map(c -> c.collection().channelsFile())
                .orElse(environment.getOrDefault("CHANNELS_FILE", "channels.txt"));
        checkChannels(request.home().resolve(channelsFile), environment, findings);
        checkVodQueue(request.home().resolve(String.valueOf(file.getOrDefault("vod.queue_file", "vod_queue.json"))),
                findings);
        checkRawVodChat(request.home().resolve(String.valueOf(file.getOrDefault("vod.raw_dir", "vod_raw"))),
                findings);
        return new MigrationReport(request.home(), request.config(), lake, findings);
    }

    // ---- configuration and environment

    private static Optional<ConfigLayer> readConfig(Path file, List<Finding> findings) {
        try {
            return Optional.of(YamlConfigFile.read(file));
        } catch (ConfigException e) {
            e.problems().forEach(p -> findings.add(Finding.of(Finding.Category.WILL_NOT_LOAD, "config file",
                    file.toString(), p)));
            return Optional.empty();
        }
    }

    private static Optional<ViewerAtlasConfig> resolve(ConfigLayer layer, Map<String, String> environment,
                                                       Map<String, String> dotenv, List<Finding> findings) {
        Map<String, Object> flat = flatten(layer.values());
        List<String> same = flat.keySet().stream()
                .filter(path -> LegacyKeys.fileKey(path).isEmpty() && ConfigSchema.setting(path).isPresent())
                .toList();
        if (!same.isEmpty()) {
            findings.add(Finding.counted(Finding.Category.CARRIES_OVER, "config keys", "same name and meaning",
                    same.size(), String.join(", ", same)));
        }
        try {
            ConfigResolver.Resolved resolved = new ConfigResolver(Preset.DEFAULT).layer(layer)
                    .layer(EnvironmentOverrides.layer(environment)).resolveDetailed();
            resolved.legacy().forEach(use -> findings.add(legacyFinding(use, dotenv)));
            return Optional.of(resolved.config());
        } catch (ConfigException e) {
            e.problems().forEach(p -> findings.add(Finding.of(Finding.Category.WILL_NOT_LOAD, "config",
                    layer.origin(), p)));
            // the resolver stopped: list the legacy names from the table alone
            flat.keySet().forEach(path -> LegacyKeys.fileKey(path).ifPresent(name -> findings.add(
                    legacyFinding(name, layer.locate(path), dotenv))));
            LegacyKeys.variables().stream().filter(v -> environment.containsKey(v.name()))
                    .forEach(name -> findings.add(legacyFinding(name, EnvironmentOverrides.ORIGIN, dotenv)));
            return Optional.empty();
        }
    }

    private static Finding legacyFinding(LegacyUse use, Map<String, String> dotenv) {
        LegacyKeys.LegacyName name = use.name();
        String kind = name.source() == LegacyKeys.Source.FILE ? "config key" : "environment variable";
        String where = where(name, use.location(), dotenv);
        return switch (use.outcome()) {
            case MAPPED -> Finding.mapped(kind, name.name(), name.target().orElseThrow(),
                    where + (name.note().isEmpty() ? "" : "; " + name.note()));
            case IGNORED -> Finding.of(Finding.Category.IGNORED, kind, name.name(), name.note() + " (" + where + ")");
            case OVERRIDDEN -> Finding.of(Finding.Category.IGNORED, kind, name.name(), "'"
                    + name.target().orElseThrow() + "' is also set (" + use.overridden().orElseThrow()
                    + ") and the new key wins (" + where + ")");
        };
    }

    private static Finding legacyFinding(LegacyKeys.LegacyName name, String location, Map<String, String> dotenv) {
        String kind = name.source() == LegacyKeys.Source.FILE ? "config key" : "environment variable";
        String where = where(name, location, dotenv);
        return name.target().map(t -> Finding.mapped(kind, name.name(), t,
                        where + (name.note().isEmpty() ? "" : "; " + name.note())))
                .orElseGet(() -> Finding.of(Finding.Category.IGNORED, kind, name.name(),
                        name.note() + " (" + where + ")"));
    }

    private static String where(LegacyKeys.LegacyName name, String location, Map<String, String> dotenv) {
        return name.source() == LegacyKeys.Source.ENVIRONMENT && dotenv.containsKey(name.name())
                ? ".env (ViewerAtlas does not read .env: export it)" : location;
    }

    private static void environmentFindings(Map<String, String> environment, Map<String, String> dotenv,
                                            List<Finding> findings) {
        List<String> same = LegacyKeys.unchangedVariables().stream().filter(environment::containsKey).toList();
        if (!same.isEmpty()) {
            List<String> fromDotenv = same.stream().filter(dotenv::containsKey).toList();
            findings.add(Finding.counted(Finding.Category.CARRIES_OVER, "environment variables",
                    "same name and meaning", same.size(), String.join(", ", same)
                            + (fromDotenv.isEmpty() ? "" : "; from .env, which ViewerAtlas does not read (export them"
                            + " or set them in the task definition): " + String.join(", ", fromDotenv))));
        }
    }

    private static Map<String, String> readDotenv(Path file, List<Finding> findings) {
        Map<String, String> values = new TreeMap<>();
        if (!Files.isRegularFile(file)) {
            return values;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                Matcher m = DOTENV.matcher(line);
                if (!line.strip().startsWith("#") && m.matches()) {
                    String value = m.group(2).strip();
                    if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                            || value.startsWith("'") && value.endsWith("'"))) {
                        value = value.substring(1, value.length() - 1);
                    }
                    if (!value.isEmpty()) {
                        values.put(m.group(1), value);
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            findings.add(Finding.of(Finding.Category.WILL_NOT_LOAD, "environment file", file.toString(),
                    "cannot be read: " + e.getMessage()));
        }
        return values;
    }

    /** Dotted paths of a file layer: {@code section.key} for keys of known sections, the key itself otherwise. */
    private static Map<String, Object> flatten(Map<String, Object> values) {
        Map<String, Object> flat = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (value instanceof Map<?, ?> section && ConfigSchema.sections().contains(key)) {
                section.forEach((k, v) -> flat.put(key + "." + k, v));
            } else if (!(value == null && ConfigSchema.sections().contains(key))) {
                flat.put(key, value);
            }
        });
        return flat;
    }

    // ---- the lake

    /** Counts of one kind of lake file, with the UTC days its keys name. */
    private static final class Tally {
        long files;
        final TreeSet<LocalDate> days = new TreeSet<>();
        final TreeSet<String> groups = new TreeSet<>();

        void add(Optional<LocalDate> day, String group) {
            files++;
            day.ifPresent(days::add);
            if (!group.isEmpty()) {
                groups.add(group);
            }
        }

        String range() {
            return days.isEmpty() ? "" : days.first() + " .. " + days.last() + " (" + days.size() + " days)";
        }
    }

    private static void checkLake(Path lake, List<Finding> findings) {
        ReadOnlyObjectStore store = new ReadOnlyObjectStore(new FileSystemObjectStore(lake));
        Tally json = new Tally();
        Tally csv = new Tally();
        Tally csvAlone = new Tally();
        Tally curatedVod = new Tally();
        Tally localVodParquet = new Tally();
        Tally localVodJson = new Tally();
        Tally vodChat = new Tally();
        List<String> flatLayout = new ArrayList<>();
        List<String> other = new ArrayList<>();
        TreeSet<String> jsonStems = new TreeSet<>();
        List<SnapshotKey> csvKeys = new ArrayList<>();
        try (Stream<String> keys = store.listKeys("")) {
            keys.forEach(key -> {
                Optional<SnapshotKey> snapshot = LakeLayout.parseSnapshotKey(key);
                Optional<SnapshotKey> twin = LakeLayout.parseChatterLogKey(key);
                Matcher curated = CURATED_VOD.matcher(key);
                Matcher local = LOCAL_VOD.matcher(key);
                if (snapshot.isPresent()) {
                    json.add(Optional.of(day(snapshot.get())), "");
                    jsonStems.add(snapshot.get().stem());
                } else if (twin.isPresent()) {
                    csv.add(Optional.of(day(twin.get())), "");
                    csvKeys.add(twin.get());
                } else if (curated.matches()) {
                    curatedVod.add(Optional.empty(), curated.group(1) + "/" + curated.group(2));
                } else if (local.matches()) {
                    (local.group(3).endsWith(".parquet") ? localVodParquet : localVodJson)
                            .add(Optional.empty(), local.group(1) + "/" + local.group(2));
                } else if (key.startsWith(LakeLayout.VOD_CHAT)) {
                    vodChat.add(Optional.empty(), "");
                } else if (key.equals(LakeLayout.DAILY_COLLECTION_STATE)) {
                    findings.add(Finding.of(Finding.Category.IGNORED, "collection state", key, dailyState(store, key)));
                } else if (key.startsWith(LakeLayout.PROCESSED)) {
                    findings.add(Finding.of(Finding.Category.IGNORED, "analysis output", key,
                            "the original's output; the next analyze writes processed/ anew"));
                } else if (key.equals("pipeline.log")) {
                    findings.add(Finding.of(Finding.Category.IGNORED, "log file", key,
                            "the original's log file, not data"));
                } else if (!key.contains("/") && (key.endsWith(".json") || key.endsWith(".csv"))) {
                    flatLayout.add(key);
                } else if (!key.startsWith(LakeLayout.RUNS) && !key.equals(LakeLayout.VOD_QUEUE)) {
                    other.add(key);
                }
            });
        }
        csvKeys.stream().filter(k -> !jsonStems.contains(k.stem())).forEach(k -> csvAlone.add(Optional.of(day(k)), ""));
        LoadReport loaded = LakeSnapshotStore.on(store).forEachSnapshot(TimeRange.ALL, s -> { });
        if (json.files > 0) {
            findings.add(Finding.counted(Finding.Category.CARRIES_OVER, "live snapshot JSON", LakeLayout.SNAPSHOTS,
                    json.files, json.range()));
        }
        if (csv.files > 0) {
            findings.add(Finding.counted(Finding.Category.CARRIES_OVER, "CSV twins", LakeLayout.CHATTER_LOGS,
                    csv.files, csv.range() + "; " + (csv.files - csvAlone.files) + " beside their JSON (read only when"
                            + " the JSON is unusable), " + csvAlone.files + " read in place of a missing JSON"));
        }
        findings.add(Finding.counted(Finding.Category.CARRIES_OVER, "snapshots that load", "live presence",
                loaded.loaded(), "read by analyze as they are"));
        addVod(findings, curatedVod, LakeLayout.CURATED_VOD, "Parquet (pandas)");
        addVod(findings, localVodParquet, "vod_snapshots/", "Parquet (pandas), written without S3");
        addVod(findings, localVodJson, "vod_snapshots/", "JSON twins (snapshot_NNNN.json)");
        if (vodChat.files > 0) {
            findings.add(Finding.counted(Finding.Category.CARRIES_OVER, "raw VOD chat", LakeLayout.VOD_CHAT,
                    vodChat.files, "kept as the raw record; analyze reads the presence buckets"));
        }
        for (LoadReport.SkippedInput skipped : loaded.skipped()) {
            boolean rescued = skipped.reason().contains("read its CSV twin");
            findings.add(Finding.of(rescued ? Finding.Category.IGNORED : Finding.Category.WILL_NOT_LOAD,
                    rescued ? "unusable JSON (CSV twin read)" : "snapshot file", skipped.location(), skipped.reason()));
        }
        if (!flatLayout.isEmpty()) {
            findings.add(Finding.counted(Finding.Category.WILL_NOT_LOAD, "files at the lake root", lake.toString(),
                    flatLayout.size(), "the original's storage-less layout (" + listed(flatLayout) + "); ViewerAtlas"
                            + " reads raw/snapshots/YYYY/MM/DD/<channel>_<YYYYmmdd_HHMMSS>.json: move them there"));
        }
        if (!other.isEmpty()) {
            findings.add(Finding.counted(Finding.Category.IGNORED, "other files", lake.toString(), other.size(),
                    "not part of the lake layout, not read: " + listed(other)));
        }
    }

    private static void addVod(List<Finding> findings, Tally tally, String prefix, String format) {
        if (tally.files > 0) {
            findings.add(Finding.counted(Finding.Category.CARRIES_OVER, "VOD presence (original format)", prefix,
                    tally.files, format + ", " + tally.groups.size() + " VODs"));
        }
    }

    private static String dailyState(ReadOnlyObjectStore store, String key) {
        String why = "only stops a channel being collected twice a UTC day; ";
        try {
            JsonNode root = JSON.readTree(store.get(key).orElseThrow().content());
            if (root.has("days")) {
                return why + "already in ViewerAtlas's format";
            }
            return why + "the original's entries are kept in the file and ViewerAtlas starts its own record beside them";
        } catch (IOException | RuntimeException e) {
            return why + "unreadable (" + e.getMessage() + "); ViewerAtlas starts a new record";
        }
    }

    private static LocalDate day(SnapshotKey key) {
        return LocalDate.ofInstant(key.time(), ZoneOffset.UTC);
    }

    private static String listed(List<String> keys) {
        return keys.size() <= LISTED ? String.join(", ", keys)
                : String.join(", ", keys.subList(0, LISTED)) + ", … (" + (keys.size() - LISTED) + " more)";
    }

    // ---- files beside the lake

    private static void checkChannels(Path file, Map<String, String> environment, List<Finding> findings) {
        if (!Files.exists(file)) {
            if (environment.containsKey("TWITCH_CHANNELS")) {
                return; // the mapped variable is reported with the environment
            }
            findings.add(Finding.of(Finding.Category.IGNORED, "channels file", file.toString(),
                    "none: only discovered channels are watched"));
            return;
        }
        try {
            List<String> logins = ChannelsFile.read(file);
            findings.add(Finding.counted(Finding.Category.CARRIES_OVER, "channels file", file.toString(),
                    logins.size(), "read as it is (collection.channels_file)"));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            findings.add(Finding.of(Finding.Category.WILL_NOT_LOAD, "channels file", file.toString(), e.getMessage()));
        }
    }

    private static void checkVodQueue(Path file, List<Finding> findings) {
        if (!Files.exists(file)) {
            return;
        }
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            findings.add(Finding.of(Finding.Category.WILL_NOT_LOAD, "VOD queue", file.toString(),
                    "not JSON: " + e.getMessage()));
            return;
        }
        if (root == null || !root.isArray()) {
            findings.add(Finding.of(Finding.Category.WILL_NOT_LOAD, "VOD queue", file.toString(),
                    "not the original's queue (a JSON list of VODs)"));
            return;
        }
        TreeSet<String> unfinished = new TreeSet<>();
        long completed = 0;
        for (int i = 0; i < root.size(); i++) {
            JsonNode item = root.get(i);
            String id = item.path("vod_id").asText("");
            if (!id.matches("[0-9]{1,20}")) {
                findings.add(Finding.of(Finding.Category.WILL_NOT_LOAD, "VOD queue entry", file + "[" + i + "]",
                        "no numeric vod_id"));
            } else if ("completed".equals(item.path("status").asText())) {
                completed++;
            } else {
                unfinished.add(id);
            }
        }
        findings.add(Finding.counted(Finding.Category.CARRIES_OVER, "VOD queue", file.toString(), completed,
                "completed VODs: their presence is in the lake; the queue itself lives at " + LakeLayout.VOD_QUEUE));
        if (!unfinished.isEmpty()) {
            findings.add(Finding.counted(Finding.Category.WILL_NOT_LOAD, "VOD queue (unfinished)", file.toString(),
                    unfinished.size(), "pending, processing or failed VODs are not moved: queue them again with"
                            + " 'vieweratlas vod add " + String.join(" ", unfinished) + "'"));
        }
    }

    private static void checkRawVodChat(Path dir, List<Finding> findings) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        long files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".json")).count();
        } catch (IOException e) {
            files = 0;
        }
        if (files > 0) {
            findings.add(Finding.counted(Finding.Category.IGNORED, "raw VOD chat (TwitchDownloader JSON)",
                    dir.toString(), files, LegacyKeys.fileKey("vod.raw_dir").orElseThrow().note()));
        }
    }
}
