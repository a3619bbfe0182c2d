package io.vieweratlas.runners.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vieweratlas.core.model.LoadReport;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.lake.LakeLayout;
import io.vieweratlas.lake.LakeSnapshotStore;
import io.vieweratlas.lake.SnapshotKey;
import io.vieweratlas.parquet.VodPresenceStore;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The lake part of a migration check: every key classified by the original's layout, the snapshots
 * read as {@code analyze} reads them, and what cannot be read, with key and reason.
 */
final class LakeFindings {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CURATED_VOD = Pattern.compile(
            "curated/presence_snapshots/source=vod/channel=([^/]+)/vod=([^/]+)/[^/]+\\.(parquet|json)");
    private static final Pattern LOCAL_VOD = Pattern.compile(
            "vod_snapshots/([^/]+)/([^/]+)/(part-[^/]*\\.parquet|snapshot_[^/]*\\.json)");
    private static final int LISTED = 20;

    private LakeFindings() {
    }

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

    /** Checks the lake in {@code store} (read through a {@link ReadOnlyObjectStore}), described as {@code lake}. */
    static void check(ObjectStore readOnly, String lake, List<Finding> findings) {
        ReadOnlyObjectStore store = new ReadOnlyObjectStore(readOnly);
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
        if (curatedVod.files + localVodParquet.files + localVodJson.files > 0) {
            // Read as analyze reads them: a bucket the original left without a time (no
            // bucket_start_ts, no VOD start) is listed below with its reason, not counted as carried over.
            LoadReport vod = new VodPresenceStore(store).forEachSnapshot(TimeRange.ALL, s -> { });
            findings.add(Finding.counted(Finding.Category.CARRIES_OVER, "VOD buckets that load", "VOD presence",
                    vod.loaded(), "read by analyze --source vod|all as they are"));
            for (LoadReport.SkippedInput skipped : vod.skipped()) {
                findings.add(Finding.of(Finding.Category.WILL_NOT_LOAD, "VOD presence file", skipped.location(),
                        skipped.reason()));
            }
        }
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
            findings.add(Finding.counted(Finding.Category.WILL_NOT_LOAD, "files at the lake root", lake,
                    flatLayout.size(), "the original's storage-less layout (" + listed(flatLayout) + "); ViewerAtlas"
                            + " reads raw/snapshots/YYYY/MM/DD/<channel>_<YYYYmmdd_HHMMSS>.json: move them there"));
        }
        if (!other.isEmpty()) {
            findings.add(Finding.counted(Finding.Category.IGNORED, "other files", lake, other.size(),
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

}
